// Near-duplicate detection with MinHash over word shingles.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace sitrep::ingest {

// MinHash signature (kMinHashSize values) of the text's 3-word shingles, by
// one-permutation hashing: each shingle's 64-bit hash picks a bin and the
// bin keeps its smallest value; empty bins borrow from the next full bin
// (rotation densification), so short texts still get a full signature.
// Words are ASCII letters and digits lower-cased plus any non-ASCII bytes.
// Texts with fewer than 3 words hash their words. Empty text: all 0xFFFFFFFF.
std::vector<uint32_t> minhash(std::string_view text);

// The fraction of equal positions: an estimate of the shingle Jaccard similarity.
double estimated_jaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

// Two articles whose estimate reaches this are near-duplicates: a wire copy
// with other boilerplate, a headline or a paragraph changed stays above it.
inline constexpr double kNearDuplicateJaccard = 0.7;

}  // namespace sitrep::ingest
