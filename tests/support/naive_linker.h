// Test-only twin of IncidentLinker: scores every pair of units instead of
// blocking by day and area, for the differential test.
#pragma once

#include <utility>
#include <vector>

#include "sitrep/link.h"

namespace sitrep::testing {

// Pairs (first input index of each unit, smaller first) of units that rule
// L3-L7 link, found by scoring all pairs.
std::vector<std::pair<size_t, size_t>> all_pairs_candidates(const std::vector<LinkInput>& inputs);

// The incidents as sorted input-index sets, sorted, from all pairs.
std::vector<std::vector<size_t>> all_pairs_incidents(const std::vector<LinkInput>& inputs);

}  // namespace sitrep::testing
