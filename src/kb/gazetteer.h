// Gazetteer: places of the conflict region and the world, matched through
// transliteration variants, ranked by context.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/status.h"

namespace sitrep::kb {

enum class PlacePrecision : uint8_t { kPoint, kLocality, kDistrict, kRegion, kCountry };
const char* to_string(PlacePrecision p);  // "point", "locality", "district", "region", "country"

// A city this big is known by its own name anywhere in the region's news: its
// display name means it, not a namesake (find(), and the extractor's place rules).
inline constexpr int64_t kWellKnownPopulation = 50000;

struct Place {
  std::string id;     // "gn:172955", "wof:1293283047", "sup:raqqa-mashlab", "ne:euphrates"
  std::string name;   // display name in English where there is one: "Raqqa"
  double lat = 0, lon = 0;
  PlacePrecision precision = PlacePrecision::kLocality;
  std::string feature;  // "city", "town", "village", "neighbourhood", "dam", "airbase", "crossing",
                        // "river", "region", "district", "country", ...
  std::string admin1;   // English admin-1 name: "Ar Raqqah"
  std::string country;  // ISO 3166-1 alpha-2
  int64_t population = 0;
};

// What is known around a place string: the article's country and the places
// already resolved in it, used to rank candidates.
struct GeoContext {
  std::string country;                        // preferred country, "" for none
  std::vector<std::pair<double, double>> near;  // lat/lon of other places in the article
};

struct PlaceMention {
  uint32_t begin = 0, end = 0;  // byte span in the text
  uint32_t place = 0;           // index of the chosen candidate (Gazetteer::place)
  float score = 0;              // ranking score of the choice, for debugging
};

// Immutable once loaded (memory-mapped compiled file); thread-safe.
class Gazetteer {
 public:
  static Result<std::unique_ptr<Gazetteer>> load(const std::string& path);
  ~Gazetteer();

  size_t size() const;
  Place place(uint32_t index) const;
  // place(index).precision and .country, without building the Place (the
  // view points into the loaded file and lives as long as the Gazetteer).
  PlacePrecision precision(uint32_t index) const;
  std::string_view country(uint32_t index) const;

  // Candidates for a place string, best first: exact normalised name, then
  // the transliteration key ("Raqa" ~ "Ar Raqqah"; "Al-Tanaf" ~ "At Tanf";
  // "Deir al-Zour" ~ "Dayr az Zawr"); "the Euphrates River" finds the river.
  std::vector<uint32_t> candidates(std::string_view name) const;
  // candidates(name).front(), or nullopt when there is none; cheaper: only
  // the contenders for first place are compared by spelling.
  std::optional<uint32_t> best_candidate(std::string_view name) const;
  // Whether best_candidate(name) is a place of precision kCountry; cheaper
  // when no candidate is a country (then nothing is ranked).
  bool best_candidate_is_country(std::string_view name) const;
  // The first `limit` candidates of the whole string under `context` with
  // their ranking scores, best first (for debugging and recall analysis;
  // geocode() may still answer from a part of the string).
  std::vector<std::pair<uint32_t, float>> scored_candidates(std::string_view name,
                                                            const GeoContext& context,
                                                            size_t limit) const;

  // The best place for a string, ranked by context (country, distance to the
  // other places, feature type, population), or nullopt.
  std::optional<uint32_t> geocode(std::string_view name, const GeoContext& context) const;

  // Place mentions in clean English text (capitalised names; common words that
  // are also place names are not taken alone), each resolved with context
  // built from the whole text: places that agree with each other win.
  std::vector<PlaceMention> find(std::string_view text, const GeoContext& context) const;

 private:
  struct Impl;
  explicit Gazetteer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Reads data/kb/gazetteer*.tsv.gz (built by scripts/build_gazetteer.py) and
// the hand-made supplement, and writes the compiled, memory-mappable file.
Status compile_gazetteer(const std::string& source_dir, const std::string& out_path);

}  // namespace sitrep::kb
