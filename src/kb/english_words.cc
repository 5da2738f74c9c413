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
  if (w->words_.size() >= UINT32_MAX) return invalid_input(path + ": English word list too long");
  auto at = [&w](std::string_view s) {
    return static_cast<uint32_t>(std::lower_bound(w->words_.begin(), w->words_.end(), s) - w->words_.begin());
  };
  for (char a = 'a'; a <= 'z'; ++a)
    for (char b = 'a'; b <= 'z'; ++b) {
      const char from[2] = {a, b}, to[2] = {a, static_cast<char>(b + 1)};  // 'z' + 1 is '{'
      w->by_letters_[26 * (a - 'a') + (b - 'a')] = {at({from, 2}), at({to, 2})};
    }
  return w;
}

bool EnglishWords::contains(std::string_view lower) const {
  auto begin = words_.begin(), end = words_.end();
  if (lower.size() >= 2 && lower[0] >= 'a' && lower[0] <= 'z' && lower[1] >= 'a' && lower[1] <= 'z') {
    const auto [from, to] = by_letters_[26 * (lower[0] - 'a') + (lower[1] - 'a')];
    begin = words_.begin() + from;
    end = words_.begin() + to;
  }
  return std::binary_search(begin, end, lower);
}

}  // namespace sitrep::kb
