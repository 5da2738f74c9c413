// Small ASCII helpers shared by the stages (case folding, ids as hex).
#pragma once

#include <emmintrin.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace sitrep {

// By table: the word comparisons of the text layer lower-case every letter
// they compare (one load instead of two range tests).
inline constexpr std::array<char, 256> kAsciiLower = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return t;
}();
inline char ascii_lower(char c) { return kAsciiLower[static_cast<unsigned char>(c)]; }

// ASCII letters of `out` lower-cased; other bytes (UTF-8) unchanged.
// Sixteen bytes at a time (whole articles go through this): a byte is
// 'A'..'Z' when, plus 128 - 'A', it is below -128 + 26 as a signed byte;
// those get 0x20 or-ed in.
inline void ascii_lower_in_place(std::string& out) {
  char* p = out.data();
  const size_t n = out.size();
  const __m128i shift = _mm_set1_epi8(static_cast<char>(128 - 'A'));
  const __m128i limit = _mm_set1_epi8(static_cast<char>(-128 + 26));
  const __m128i bit = _mm_set1_epi8(0x20);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i upper = _mm_cmplt_epi8(_mm_add_epi8(v, shift), limit);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p + i), _mm_or_si128(v, _mm_and_si128(upper, bit)));
  }
  for (; i < n; ++i) p[i] = ascii_lower(p[i]);
}

inline bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The end of the run of ASCII letters and digits that starts at s[i] (i itself
// when s[i] is none, or i is s.size()). The word scanners (tokens, dates, the
// gazetteer's) spend most of their time inside such runs, so eight bytes are
// tested at a time: a byte's high bit is set in `alnum` when it is a letter
// (its low seven bits, lower-cased, in 'a'..'z') or a digit; the sums cannot
// carry into the next byte, as each is at most 0x7F + 0x50.
inline size_t ascii_alnum_run_end(std::string_view s, size_t i) {
  static_assert(std::endian::native == std::endian::little, "the first byte of a block must be its lowest");
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    const uint64_t low7 = v & ~kHigh;
    const uint64_t folded = low7 | kOnes * 0x20;
    const uint64_t letter = (folded + kOnes * (0x80 - 'a')) & ~(folded + kOnes * (0x80 - 'z' - 1));
    const uint64_t digit = (low7 + kOnes * (0x80 - '0')) & ~(low7 + kOnes * (0x80 - '9' - 1));
    const uint64_t other = (~(letter | digit) | v) & kHigh;  // the high bit of each byte that ends the run
    if (other) return i + static_cast<size_t>(std::countr_zero(other)) / 8;  // the first byte is the lowest
  }
  while (i < s.size() && is_ascii_alnum(s[i])) ++i;
  return i;
}

// `s` with ASCII letters lower-cased; other bytes (UTF-8) unchanged.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  ascii_lower_in_place(out);
  return out;
}

// `s` with each run of ASCII whitespace (space, tab, CR, LF, FF, VT) made
// one space and none at either end: a line of clean text.
inline std::string collapse_ascii_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (const char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// 16 lower-case hex digits: the form of article and report ids.
inline std::string hex64(uint64_t h) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = kHex[h & 15];
  return out;
}

}  // namespace sitrep
