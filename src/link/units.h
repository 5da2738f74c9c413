// Linking internals shared by the blocked linker and its all-pairs test twin.
//
// A unit is the reports of one article that describe one incident (rule L1);
// cross-article linking works on units. Rules L2-L7 decide whether two units
// of different articles may be the same incident and how well they fit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sitrep/link.h"

namespace sitrep::link {

struct alignas(64) Unit {
  // The unit's representative fields: the most precise its reports give.
  // The ones every candidate pair is checked on (rules L2, L3, L4, L5) come
  // first and together, and a unit starts a cache line: ruling a candidate
  // out then touches one line of it, and that is what linking a million
  // reports spends its time on.
  IncidentType type = IncidentType::kOther;
  DatePrecision date_precision = DatePrecision::kYear;
  bool dated = false;
  bool placed = false;
  bool line_feature = false;  // a river or lake: the gazetteer keeps only its centroid
  bool specific = false;      // some report is specific (rule L2)
  bool lead = false;          // holds the article's lead report
  bool inherits = false;      // one report whose date and place are not its sentence's own
  int place_rank = 4;         // 0 point, 1 locality, 2 district, 3 region, 4 country
  int64_t day_lo = 0, day_hi = 0;  // inclusive day numbers (days_from_civil)
  double lat = 0, lon = 0;

  std::vector<size_t> members;  // input indices, text order
  std::string article;          // article id
  std::string key;              // the first member's report id: orders units deterministically
  std::string admin1, country;
  std::string perp_id, perp_side, victims;
  std::vector<Figure> killed;         // the tolls its reports give
  std::vector<std::string> sources;   // who its tolls come from (source name, "" for the outlet)

  // Rule L2: a unit is linked across articles only when it is specific (a
  // report gives a toll, a date of its own, or a town or point of its own
  // other than the article's main place) and has a day, days or week date
  // and a place finer than a country. A passing mention ("the intense US
  // bombing campaign") inherits the article's date and place and stays its
  // own incident.
  bool linkable() const {
    return specific && dated && date_precision <= DatePrecision::kWeek && placed && place_rank <= 3;
  }
};

// 0 point, 1 locality, 2 district, 3 region, 4 country (or unknown).
int place_rank(const std::string& precision);

// The values a figure allows: "at least 21" is [21, inf), "up to 5" [0, 5],
// "about 40" [32, 48]. Linking (rule L7) and figure ranges (A1) read figures alike.
struct Interval {
  double lo, hi;
};
Interval interval_of(const Figure& f);

// Rule L1: groups the reports of one article (input indices, text order)
// into units. Cumulative totals are left out.
std::vector<Unit> make_units(const std::vector<LinkInput>& inputs, const std::vector<size_t>& article_reports);

// Rules L3-L7: the fit of two units of different articles, or nullopt when
// they cannot be the same incident (a veto, or a score below the threshold).
std::optional<int> link_score(const Unit& a, const Unit& b);

// Rule L8: splits one connected component of the candidate graph (unit
// indices) into incidents: the best-fitting pairs merge first, and two
// incidents merge only when all their units fit each other and they share no
// article (complete link). Depends only on the component's units, never on
// the order they were added, so incremental and full runs agree.
//
// `leader`, when given, has one entry per unit: kNoLeader, or the unit of the
// article it is a copy of (a wire copy or republished page, rule L9) that
// tells the same. Such followers are not clustered themselves; each joins
// its leader's incident.
inline constexpr uint32_t kNoLeader = UINT32_MAX;
std::vector<std::vector<size_t>> cluster_component(const std::vector<Unit>& units,
                                                   std::vector<size_t> component,
                                                   const std::vector<uint32_t>* leader = nullptr);

// The fields a copy's unit must share with its original's to follow it (rule L9).
uint64_t signature(const Unit& u);

// Rule L10: linkable units of different articles that tell exactly the same
// (same signature) are one account for linking: the one with the smallest
// key leads, the others follow it. `leader` holds the followers of rule L9
// already (they are left out); the others' entries are set here.
void lead_twins(const std::vector<Unit>& units, const std::vector<size_t>& group, std::vector<uint32_t>& leader);

// Day slack of rule L4: reports of one event often date it a day apart.
inline constexpr int64_t kDaySlack = 1;
// Least score of rule L3-L7 for two units to be one incident: for example the
// same type on the same day in the same town, or a day apart with a matching toll.
inline constexpr int kLinkThreshold = 4;

}  // namespace sitrep::link
