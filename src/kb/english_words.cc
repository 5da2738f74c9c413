#include "kb/english_words.h"

#include <zlib.h>

#include <algorithm>

namespace sitrep::kb {

Result<std::unique_ptr<EnglishWords>> EnglishWords::load(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");  // gzread reads plain files as they are
  if (!f) return io_error(path + ": cannot open the English word list");
  std::unique_ptr<EnglishWords> w(new EnglishWords());
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) w->text_.append(buf, static_cast<size_t>(n));
  int err = Z_OK;
  gzerror(f, &err);  // a stream cut short reads as a shorter one, with Z_BUF_ERROR set
  const bool failed = n < 0 || (err != Z_OK && err != Z_STREAM_END);
  gzclose(f);
  if (failed) return invalid_input(path + ": unreadable English word list (truncated gzip?)");
  std::string_view rest = w->text_;
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    const std::string_view word = rest.substr(0, nl);
    if (!word.empty()) w->words_.push_back(word);
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  if (w->words_.empty()) return invalid_input(path + ": empty English word list");
  // The script writes the list sorted; a hand-edited one is sorted here.
  if (!std::is_sorted(w->words_.begin(), w->words_.end())) std::sort(w->words_.begin(), w->words_.end());
  return w;
}

bool EnglishWords::contains(std::string_view lower) const {
  return std::binary_search(words_.begin(), words_.end(), lower);
}

}  // namespace sitrep::kb
