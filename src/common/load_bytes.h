// Loads of a short string's bytes as a little-endian integer, for the hashes
// of the hot word lookups.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace sitrep {

// The n bytes at p (0 < n < 8) as a little-endian number, zero above them:
// what memcpy into a zeroed uint64_t gives, but with whole loads (two
// overlapping ones, or three bytes) instead of a byte loop whose stores the
// next 8-byte read must wait for.
inline uint64_t load_tail_le(const char* p, size_t n) {
  const auto* b = reinterpret_cast<const unsigned char*>(p);
  if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, b, 4);
    std::memcpy(&hi, b + n - 4, 4);
    return uint64_t{lo} | (uint64_t{hi} << (8 * (n - 4)));  // the overlap's bytes agree
  }
  return uint64_t{b[0]} | (uint64_t{b[n / 2]} << (8 * (n / 2))) | (uint64_t{b[n - 1]} << (8 * (n - 1)));
}

// Whether a and b hold the same bytes: for the short keys of word lookups,
// with whole loads inline instead of a call to memcmp (a lookup that finds
// its word compares the whole key once, after the hashes agreed).
inline bool same_short_bytes(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  if (n < 8) return n == 0 || load_tail_le(a.data(), n) == load_tail_le(b.data(), n);
  if (n > 16) return std::memcmp(a.data(), b.data(), n) == 0;
  uint64_t a0, a1, b0, b1;  // the first and the last eight bytes (overlapping below 16)
  std::memcpy(&a0, a.data(), 8);
  std::memcpy(&b0, b.data(), 8);
  std::memcpy(&a1, a.data() + n - 8, 8);
  std::memcpy(&b1, b.data() + n - 8, 8);
  return a0 == b0 && a1 == b1;
}

}  // namespace sitrep
