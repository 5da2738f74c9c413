// Small ASCII helpers shared by the stages (case folding, ids as hex).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace sitrep {

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// `s` with ASCII letters lower-cased; other bytes (UTF-8) unchanged.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
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
