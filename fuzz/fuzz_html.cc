// Fuzz target for the HTML reader: any bytes must parse without crashing, the
// blocks must be clean text, and every exact offset segment must point at
// identical original bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/html_text.h"

namespace {

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  const sitrep::ingest::HtmlDocument doc = sitrep::ingest::parse_html(html);
  for (const sitrep::ingest::Block& block : doc.blocks) {
    check(!block.text.empty() && block.text.front() != ' ' && block.text.back() != ' ');
    check(block.text.find('\n') == std::string_view::npos && valid_utf8(block.text));
    size_t prev_end = 0;
    for (const sitrep::OffsetSegment& s : block.segments) {
      check(s.clean_begin >= prev_end && size_t{s.clean_begin} + s.length <= block.text.size());
      prev_end = size_t{s.clean_begin} + s.length;
      if (!s.exact) continue;
      check(size_t{s.orig_begin} + s.length <= html.size());
      check(html.substr(s.orig_begin, s.length) == std::string_view(block.text).substr(s.clean_begin, s.length));
    }
  }
  return 0;
}
