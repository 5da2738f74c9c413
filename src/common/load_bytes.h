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

}  // namespace sitrep
