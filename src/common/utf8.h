// UTF-8 validation and repair.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/article.h"

namespace sitrep {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points
// above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// The result of repairing: every ill-formed sequence replaced by U+FFFD.
struct Utf8Repair {
  std::string text;
  size_t replaced = 0;          // number of U+FFFD inserted
  size_t first_bad_offset = 0;  // offset in the input of the first bad byte
  // Map from repaired text to input bytes; empty when nothing was replaced.
  std::vector<OffsetSegment> segments;
};

// Repairs `s` (maximal subparts replaced, as the Unicode standard recommends).
Utf8Repair repair_utf8(std::string_view s);

// Length of the UTF-8 sequence starting with byte `c` (1 for continuation or
// invalid lead bytes, so that loops always progress).
inline size_t utf8_sequence_length(unsigned char c) {
  if (c < 0xC0) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  return 4;
}

}  // namespace sitrep
