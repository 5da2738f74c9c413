// Near-duplicate detection with SimHash over word shingles.
#pragma once

#include <cstdint>
#include <string_view>

namespace sitrep::ingest {

// 64-bit SimHash of the text's 3-word shingles (ASCII letters and digits
// lower-cased, other bytes kept as word characters, punctuation ignored).
// Texts with fewer than 3 words hash their words.
uint64_t simhash(std::string_view text);

// Near-duplicate threshold: wire copies that differ in boilerplate, a
// headline or a paragraph stay within this many differing bits.
inline constexpr int kNearDuplicateBits = 3;

}  // namespace sitrep::ingest
