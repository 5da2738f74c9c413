// Narratives (claims that are not single incidents, grouped with who makes,
// repeats, denies or rejects them) and outlet profiles (how an outlet sources
// its claims, which loaded terms it uses). Rules N1-N4 and the lexicons are
// in narratives.cc and docs/linking.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "kb/actors.h"
#include "sitrep/article.h"
#include "sitrep/link.h"
#include "sitrep/report.h"

namespace sitrep::assess {

struct NarrativePosition {
  std::string article, outlet;
  std::string stance;         // asserts | reports | denies | rejects
  std::string attributed_to;  // who the article says holds the position; the outlet itself for asserts/rejects
  std::string quote;
  uint32_t span_begin = 0, span_end = 0;
};

struct Narrative {
  std::string id;     // stable: hash of the frame id
  std::string frame;  // "escape_deal", "supports_jihadists", ...
  std::string claim;  // the claim in plain words
  std::vector<NarrativePosition> positions;  // article order, then text order
};

// Finds the claim frames in the articles' text. `actors` names who a claim is
// attributed to.
std::vector<Narrative> find_narratives(const std::vector<Article>& articles, const kb::ActorDictionary& actors);

struct LoadedTerm {
  std::string term;
  size_t count = 0;
};

struct OutletProfile {
  std::string outlet;
  size_t articles = 0, words = 0, reports = 0;
  size_t asserted = 0, attributed = 0, hedged = 0, denied = 0;  // reports by stance
  std::vector<std::pair<std::string, size_t>> attributed_to;    // source name -> reports, most first
  std::vector<LoadedTerm> loaded_terms;                        // most first
  double loaded_per_1000_words = 0;
};

// One profile per outlet (an unknown outlet is profiled per article). The
// loaded-term counts need the articles' text. Reports are counted as they
// stream past (a million of them are not held at once).
class OutletProfiler {
 public:
  explicit OutletProfiler(const std::vector<Article>& articles);
  void add(const Report& report);
  std::vector<OutletProfile> profiles() const;

 private:
  std::map<std::string, OutletProfile> by_outlet_;
  std::unordered_map<std::string, std::string> outlet_of_article_;
  std::map<std::string, std::map<std::string, size_t>> term_counts_, source_counts_;
};

// The same, for reports in hand.
std::vector<OutletProfile> profile_outlets(const std::vector<Article>& articles, const std::vector<LinkInput>& inputs);

// The name an outlet is shown and profiled under: its outlet, or for an
// unknown one "unknown (<first path>)".
std::string outlet_label(const Article& a);

}  // namespace sitrep::assess
