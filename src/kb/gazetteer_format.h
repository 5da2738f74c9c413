// Internals that the gazetteer compiler, the queries and the test-only twin
// share (defined in gazetteer.cc): the name keys and the compiled-file writer.
// One normalisation for building and for querying, so keys always agree.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kb/gazetteer.h"
#include "sitrep/status.h"

namespace sitrep::kb::gazetteer_detail {

// ASCII fast path of normalize_name; false when `s` needs the full path.
bool normalize_ascii(std::string_view s, std::string& out);
// NFKD, marks removed, lower case, apostrophes and ayn/hamza signs removed,
// other punctuation a space, spaces collapsed, Arabic letter variants folded.
std::string normalize_name(std::string_view s);
// The transliteration key of a normalised name ("Deir al-Zour" ~ "Dayr az Zawr").
std::string skeleton_key(std::string_view normalized, bool vowels);
bool is_focus_country(std::string_view cc);
PlacePrecision parse_precision(std::string_view s);
// Writes the memory-mappable gazetteer.bin atomically.
Status write_compiled(const std::vector<Place>& places, const std::vector<std::vector<std::string>>& names,
                      const std::vector<uint32_t>& activity, const std::string& out_path);

}  // namespace sitrep::kb::gazetteer_detail
