// Linking internals shared by the blocked linker and its all-pairs test twin.
//
// A unit is the reports of one article that describe one incident (rule L1);
// cross-article linking works on units. Rules L2-L7 decide whether two units
// of different articles may be the same incident and how well they fit.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sitrep/link.h"

namespace sitrep::link {

// Strings that units compare (admin-1, country, perpetrator, victims,
// qualifiers, sources) as small numbers: a unit holds no strings, so a
// million of them fit in a fraction of a gigabyte. "" is always 0 and the
// victim categories are 1-3, so is_category() needs no lookup.
class StringIds {
 public:
  StringIds();
  uint32_t id(std::string_view s);
  static bool is_category(uint32_t victims) { return victims >= 1 && victims <= 3; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> ids_;
};

// A toll a unit's report gives: the values it allows (interval_of), the
// number and qualifier as stated (for the signature) and who gives it.
struct Toll {
  double lo = 0, hi = 0;
  int64_t low = 0;
  uint32_t qualifier = 0;  // StringIds of "exact", "at least", ...
  uint32_t source = 0;     // StringIds of the source's name; 0: the outlet's own voice
};

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
  int8_t place_rank = 4;      // 0 point, 1 locality, 2 district, 3 region, 4 country
  int32_t day_lo = 0, day_hi = 0;  // inclusive day numbers (days_from_civil)
  double lat = 0, lon = 0;
  uint32_t admin1 = 0, country = 0;     // StringIds
  uint32_t perp_id = 0, perp_side = 0;  // StringIds
  uint32_t victims = 0;                 // StringIds of the victims' category
  uint32_t article = 0;                 // the article's number in the linker

  // Orders units deterministically, whatever order they arrive in: the
  // first member's report id (order_key_of).
  std::array<uint64_t, 2> key{};
  std::vector<uint32_t> members;  // input indices, text order
  std::vector<Toll> killed;       // the tolls its reports give

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

// A report id as two numbers that sort as the ids do when they have at most
// 16 bytes, as sitrep's have (a longer id sorts by its first 8 bytes, then a
// hash of the rest: still an order that does not depend on arrival).
std::array<uint64_t, 2> order_key_of(std::string_view report_id);

// 0 point, 1 locality, 2 district, 3 region, 4 country (or unknown).
int place_rank(const std::string& precision);

// The values a figure allows: "at least 21" is [21, inf), "up to 5" [0, 5],
// "about 40" [32, 48], a vague quantity without an upper bound ("a number
// of", "several", "dozens": qualifier "unknown") from its lower bound up.
// Linking (rule L7) and figure ranges (A1) read figures alike.
struct Interval {
  double lo, hi;
};
Interval interval_of(const Figure& f);
// Whether a figure has no upper bound: "at least", "more than" or a vague quantity.
bool open_ended(const Figure& f);
// A vague quantity without an upper bound: weak evidence, so linking neither
// joins nor splits accounts on it (rules L1, L7) and it never replaces a
// number in a figure range (A1).
bool is_vague(const Figure& f);

// Rule L1: groups the reports of one article, given in text order with
// their input indices, into units of article number `article`. Cumulative
// totals are left out.
using ArticleReports = std::vector<std::pair<uint32_t, const LinkInput*>>;
std::vector<Unit> make_units(const ArticleReports& reports, uint32_t article, StringIds& ids);

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
