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

// Which of the 16 bytes at p are ASCII letters and which are digits: bit k
// of each mask stands for p[k]. (Signed compares: bytes from 0x80 up are
// negative, so never in a range.)
struct AsciiMasks16 {
  unsigned letter, digit;
};
[[gnu::always_inline]] inline AsciiMasks16 ascii_masks16(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
  const __m128i letter =
      _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
  const __m128i digit =
      _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
  return {static_cast<unsigned>(_mm_movemask_epi8(letter)), static_cast<unsigned>(_mm_movemask_epi8(digit))};
}

// The end of the run of ASCII letters and digits that starts at s[i] (i itself
// when s[i] is none, or i is s.size()). The word scanners (tokens, dates, the
// gazetteer's) spend most of their time inside such runs, so sixteen bytes are
// tested at a time: a word usually ends within one step.
inline size_t ascii_alnum_run_end(std::string_view s, size_t i) {
  for (; i + 16 <= s.size(); i += 16) {
    const AsciiMasks16 m = ascii_masks16(s.data() + i);
    const unsigned other = ~(m.letter | m.digit) & 0xFFFFu;
    if (other) return i + static_cast<size_t>(std::countr_zero(other));
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
