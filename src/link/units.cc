#include "link/units.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <unordered_map>

#include <xxhash.h>

#include "text/dates.h"

namespace sitrep::link {
namespace {

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(h)));
}

// Families of types that one event can be described as ("a strike" and "an
// explosion"); see rule L3.
int type_family(IncidentType t) {
  switch (t) {
    case IncidentType::kAirStrike:
    case IncidentType::kShelling:
    case IncidentType::kExplosion:
    case IncidentType::kChemicalAttack: return 1;
    case IncidentType::kArmedClash:
    case IncidentType::kTerritoryChange: return 2;
    case IncidentType::kAttackOnCivilians:
    case IncidentType::kExecution:
    case IncidentType::kAbduction: return 3;
    case IncidentType::kDeployment: return 4;
    case IncidentType::kDisplacement: return 5;
    case IncidentType::kOther: return 0;
  }
  return 0;
}

// Type fit: 2 same, 1 related, 0 one is `other`, nullopt incompatible.
std::optional<int> type_fit(IncidentType a, IncidentType b) {
  if (a == b) return 2;
  if (a == IncidentType::kOther || b == IncidentType::kOther) return 0;
  // Gas comes from the air or from shells; a blast is not a gas attack.
  if (a == IncidentType::kChemicalAttack || b == IncidentType::kChemicalAttack) {
    const IncidentType other = a == IncidentType::kChemicalAttack ? b : a;
    if (other == IncidentType::kAirStrike || other == IncidentType::kShelling) return 1;
    return std::nullopt;
  }
  const int fa = type_family(a), fb = type_family(b);
  if (fa == fb && fa <= 3) return 1;
  // A strike that killed civilians may be typed as an attack on civilians.
  if ((fa == 1 && b == IncidentType::kAttackOnCivilians) || (fb == 1 && a == IncidentType::kAttackOnCivilians))
    return 1;
  return std::nullopt;
}

bool same_place(const Unit& a, const Unit& b) {
  // Rule L5. A river or lake is a line the gazetteer keeps as a centroid.
  double limit_km = 10;  // points
  if (a.line_feature || b.line_feature) {
    if (a.country != b.country) return false;
    limit_km = 200;
  } else {
    const int rank = std::max(a.place_rank, b.place_rank);
    if (rank == 3 && a.admin1 && b.admin1) return a.country == b.country && a.admin1 == b.admin1;
    if (rank == 3) limit_km = 100;
    else if (rank == 2) limit_km = 50;
    else if (rank == 1) limit_km = 25;
  }
  // Two places are at least their difference in latitude apart: most
  // candidates of a busy area fail this before any trigonometry. The margin
  // keeps rounding from ever rejecting a pair that the distance accepts.
  constexpr double kKmPerDegree = 6371.0 * 3.14159265358979323846 / 180.0;
  if (kKmPerDegree * std::fabs(a.lat - b.lat) > limit_km * (1 + 1e-9) + 1e-6) return false;
  return distance_km(a.lat, a.lon, b.lat, b.lon) <= limit_km;
}

// Unit representative from one report. `main_place` is the place id of the
// article's lead report.
Unit unit_from(const Report& r, uint32_t index, uint32_t article, const std::string& main_place, StringIds& ids) {
  Unit u;
  u.members = {index};
  u.article = article;
  u.key = order_key_of(r.id);
  u.type = r.type;
  if (r.date) {
    u.dated = true;
    u.day_lo = static_cast<int32_t>(text::day_number(r.date->start));
    u.day_hi = static_cast<int32_t>(text::day_number(r.date->end, /*last=*/true));
    u.date_precision = r.date->precision;
  }
  if (r.place) {
    u.placed = true;
    u.lat = r.place->lat;
    u.lon = r.place->lon;
    u.place_rank = static_cast<int8_t>(place_rank(r.place->precision));
    u.line_feature = r.place->id.rfind("ne:", 0) == 0;
    u.admin1 = ids.id(r.place->admin1);
    u.country = ids.id(r.place->country);
  }
  if (r.perpetrator) {
    u.perp_id = ids.id(r.perpetrator->id);
    u.perp_side = ids.id(r.perpetrator->side);
  }
  if (r.victims) u.victims = ids.id(r.victims->category);
  if (const std::optional<Figure>& f = r.figures.killed; f && !is_vague(*f)) {
    const Interval range = interval_of(*f);
    u.killed.push_back({range.lo, range.hi, f->low, ids.id(f->qualifier), ids.id(r.source ? r.source->name : "")});
  }
  const bool own_date = r.date && r.date->from == "sentence";
  const bool own_place = r.place && r.place->from == "sentence" && u.place_rank <= 1 && r.place->id != main_place;
  u.specific = !r.figures.empty() || own_date || own_place;
  u.lead = r.lead;
  u.inherits = !own_date && !(r.place && r.place->from == "sentence");
  return u;
}

bool tolls_fit(const std::vector<Toll>& a, const std::vector<Toll>& b, bool* any_overlap, double* worst_ratio) {
  *any_overlap = false;
  *worst_ratio = 1;
  for (const Toll& x : a)
    for (const Toll& y : b) {
      if (x.lo <= y.hi && y.lo <= x.hi) {
        *any_overlap = true;
      } else {
        const double small = std::max(1.0, std::min(x.hi, y.hi)), large = std::max(x.lo, y.lo);
        *worst_ratio = std::max(*worst_ratio, large / small);
      }
    }
  return !a.empty() && !b.empty();
}

// Whether report `b` (as a one-report unit) tells the same incident as unit
// `a` of the same article: rule L1. Only specific reports merge; two tolls
// merge when they agree, or when different sources give them for one place
// and day ("at least 12, say state media" and "21, says the Observatory").
bool same_in_article(const Unit& a, const Unit& b, bool b_follows_a) {
  if (!a.specific || !b.specific) return false;
  if (!type_fit(a.type, b.type)) return false;
  const int64_t slack = a.date_precision <= DatePrecision::kDays && b.date_precision <= DatePrecision::kDays ? kDaySlack : 0;
  if (a.dated && b.dated && (a.day_hi + slack < b.day_lo || b.day_hi + slack < a.day_lo)) return false;
  if (a.placed && b.placed && a.place_rank <= 3 && b.place_rank <= 3 && !same_place(a, b)) return false;
  if (a.perp_side && b.perp_side && a.perp_side != b.perp_side) return false;
  if (StringIds::is_category(a.victims) && StringIds::is_category(b.victims) && a.victims != b.victims) return false;
  bool overlap = false;
  double ratio = 1;
  if (tolls_fit(a.killed, b.killed, &overlap, &ratio)) {
    const uint32_t source = b.killed.front().source;
    const bool same_source =
        std::any_of(a.killed.begin(), a.killed.end(), [source](const Toll& t) { return t.source == source; });
    if (!overlap && (same_source || ratio > 3)) return false;
  } else if (a.killed.empty() != b.killed.empty()) {
    // A toll and a report without one: the headline and the body's account
    // of it (the lead report, on the same day), or the toll of the act told
    // just before ("hit a regime convoy ..." then "17 troops were killed in
    // the air strike", which takes its date and place from it); not two
    // events of one day.
    const bool toll_of_previous = b_follows_a && a.killed.empty() && b.inherits;
    if (!(a.killed.empty() ? a.lead : b.lead) && !toll_of_previous) return false;
    if (a.dated != b.dated || a.day_lo != b.day_lo || a.day_hi != b.day_hi) return false;
  }
  return true;
}

// Folds report unit `b` into `a`: the more precise date and place, the first
// named perpetrator and victims, every toll.
void absorb(Unit& a, const Unit& b) {
  a.members.push_back(b.members.front());
  if (a.type == IncidentType::kOther) a.type = b.type;
  if (b.dated && (!a.dated || b.date_precision < a.date_precision)) {
    a.dated = true;
    a.day_lo = b.day_lo;
    a.day_hi = b.day_hi;
    a.date_precision = b.date_precision;
  }
  if (b.placed && (!a.placed || b.place_rank < a.place_rank)) {
    a.placed = true;
    a.lat = b.lat;
    a.lon = b.lon;
    a.place_rank = b.place_rank;
    a.line_feature = b.line_feature;
    a.admin1 = b.admin1;
    a.country = b.country;
  }
  if (!a.perp_id) {
    a.perp_id = b.perp_id;
    a.perp_side = b.perp_side;
  }
  if (!StringIds::is_category(a.victims) && b.victims) a.victims = b.victims;
  a.killed.insert(a.killed.end(), b.killed.begin(), b.killed.end());
  a.specific = a.specific || b.specific;
  a.lead = a.lead || b.lead;
}

}  // namespace

int place_rank(const std::string& precision) {
  if (precision == "point") return 0;
  if (precision == "locality") return 1;
  if (precision == "district") return 2;
  if (precision == "region") return 3;
  return 4;
}

bool is_vague(const Figure& f) { return !f.high && f.qualifier == "unknown"; }

bool open_ended(const Figure& f) {
  return !f.high && (f.qualifier == "at least" || f.qualifier == "more than" || f.qualifier == "unknown");
}

Interval interval_of(const Figure& f) {
  const double v = static_cast<double>(f.low);
  if (f.high) return {v, static_cast<double>(*f.high)};
  if (open_ended(f)) return {v, INFINITY};
  if (f.qualifier == "up to") return {0, v};
  if (f.qualifier == "about") return {std::floor(v * 0.8), std::ceil(v * 1.2)};
  return {v, v};
}

std::array<uint64_t, 2> order_key_of(std::string_view id) {
  auto big_endian = [](std::string_view bytes) {
    uint64_t v = 0;
    for (size_t k = 0; k < 8; ++k) v = v << 8 | (k < bytes.size() ? static_cast<unsigned char>(bytes[k]) : 0);
    return v;
  };
  const std::string_view rest = id.size() > 8 ? id.substr(8) : std::string_view();
  return {big_endian(id), rest.size() <= 8 ? big_endian(rest) : XXH3_64bits(rest.data(), rest.size())};
}

StringIds::StringIds() {
  for (const char* s : {"", "civilians", "fighters", "soldiers"}) id(s);
}

uint32_t StringIds::id(std::string_view s) {
  if (auto it = ids_.find(s); it != ids_.end()) return it->second;
  const auto next = static_cast<uint32_t>(ids_.size());
  ids_.emplace(std::string(s), next);
  return next;
}

std::vector<Unit> make_units(const ArticleReports& reports, uint32_t article, StringIds& ids) {
  std::string main_place;
  for (const auto& [index, in] : reports)
    if (in->report.lead && in->report.place) main_place = in->report.place->id;
  std::vector<Unit> units;
  for (const auto& [index, in] : reports) {
    if (in->report.cumulative) continue;
    const Unit one = unit_from(in->report, index, article, main_place, ids);
    auto home = std::find_if(units.begin(), units.end(),
                             [&](const Unit& u) { return same_in_article(u, one, &u == &units.back()); });
    if (home == units.end()) units.push_back(one);
    else absorb(*home, one);
  }
  return units;
}

std::optional<int> link_score(const Unit& a, const Unit& b) {
  // The vetoes come cheapest first (their order cannot change the result):
  // blocking hands each unit hundreds of candidates of the same days and
  // area, and most fail on the distance.
  if (!a.linkable() || !b.linkable()) return std::nullopt;
  // L4: dates overlap, a day's slack for day-precise dates.
  const int64_t slack_a = a.date_precision <= DatePrecision::kDays ? kDaySlack : 0;
  const int64_t slack_b = b.date_precision <= DatePrecision::kDays ? kDaySlack : 0;
  const int64_t slack = std::max(slack_a, slack_b);
  if (a.day_hi + slack < b.day_lo || b.day_hi + slack < a.day_lo) return std::nullopt;
  // L3: type.
  const std::optional<int> tf = type_fit(a.type, b.type);
  if (!tf) return std::nullopt;
  // L5: places.
  if (!same_place(a, b)) return std::nullopt;
  if (a.article == b.article) return std::nullopt;
  int score = *tf;
  score += (a.day_hi < b.day_lo || b.day_hi < a.day_lo) ? 1 : 2;
  score += std::max(a.place_rank, b.place_rank) <= 1 ? 2 : 1;
  // L6: perpetrator and victims. Accounts blaming different sides are one
  // incident with a disputed perpetrator only when everything else is the
  // same (type, day, town); otherwise they are two sides' attacks on one
  // city ("rebel rockets" and "regime air raids" on Aleppo that day).
  if (a.perp_id && b.perp_id) {
    if (a.perp_id == b.perp_id) {
      score += 2;
    } else if (a.perp_side && a.perp_side == b.perp_side) {
      score += 1;
    } else if (a.perp_side && b.perp_side) {
      const bool same_day = a.day_lo == b.day_lo && a.day_hi == b.day_hi;
      if (*tf != 2 || !same_day || std::max(a.place_rank, b.place_rank) > 1) return std::nullopt;
      score -= 2;
    }
  }
  if (StringIds::is_category(a.victims) && StringIds::is_category(b.victims)) {
    if (a.victims != b.victims) return std::nullopt;
    score += 1;
  }
  // L7: tolls that overlap fit; tolls that differ by more than 3x exclude each other.
  bool overlap = false;
  double ratio = 1;
  if (tolls_fit(a.killed, b.killed, &overlap, &ratio)) {
    if (overlap) score += 2;
    else if (ratio > 3) return std::nullopt;
    else score -= 2;  // same type, day and town still link: a disputed toll
  }
  if (score < kLinkThreshold) return std::nullopt;
  return score;
}

uint64_t signature(const Unit& u) {
  std::vector<int64_t> s = {static_cast<int64_t>(u.type), u.day_lo, u.day_hi, std::bit_cast<int64_t>(u.lat),
                            std::bit_cast<int64_t>(u.lon), u.place_rank, u.perp_id, u.victims};
  for (const Toll& t : u.killed) {
    s.push_back(t.low);
    s.push_back(t.qualifier);
  }
  return XXH3_64bits(s.data(), s.size() * sizeof(int64_t));
}

void lead_twins(const std::vector<Unit>& units, const std::vector<size_t>& group, std::vector<uint32_t>& leader) {
  size_t first = group.front();
  for (size_t u : group)
    if (units[u].key < units[first].key) first = u;
  for (size_t u : group) leader[u] = u == first ? kNoLeader : static_cast<uint32_t>(first);
}

std::vector<std::vector<size_t>> cluster_component(const std::vector<Unit>& units, std::vector<size_t> component,
                                                   const std::vector<uint32_t>* leader) {
  // Rule L9: copies follow their originals; only the others are clustered.
  std::vector<size_t> followers;
  if (leader) {
    std::erase_if(component, [&](size_t u) {
      if ((*leader)[u] == kNoLeader) return false;
      followers.push_back(u);
      return true;
    });
  }
  std::sort(component.begin(), component.end(), [&](size_t x, size_t y) {
    const Unit &a = units[x], &b = units[y];
    if (a.day_lo != b.day_lo) return a.day_lo < b.day_lo;
    return a.key < b.key;
  });
  const size_t n = component.size();
  // The fitting pairs, best first. Units are in order of start day, so the
  // scan for a unit's partners stops at the first that starts after its end
  // and the slack (rule L4 vetoes the rest): a component that chains a busy
  // governorate over years costs its neighbours in time, not its square.
  struct Edge {
    int score;
    size_t a, b;  // positions in `component`, a < b
  };
  std::vector<Edge> edges;
  for (size_t i = 0; i < n; ++i) {
    const Unit& u = units[component[i]];
    for (size_t j = i + 1; j < n && units[component[j]].day_lo <= u.day_hi + kDaySlack; ++j)
      if (const std::optional<int> s = link_score(u, units[component[j]])) edges.push_back({*s, i, j});
  }
  std::stable_sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) { return x.score > y.score; });
  // Merge the best-fitting pairs first. Complete link: two incidents merge
  // only when every unit of one fits every unit of the other, and never when
  // both hold a unit of the same article.
  std::vector<size_t> cluster_of(n);
  std::vector<std::vector<size_t>> members(n);
  for (size_t i = 0; i < n; ++i) {
    cluster_of[i] = i;
    members[i] = {i};
  }
  for (const Edge& e : edges) {
    const size_t ca = cluster_of[e.a], cb = cluster_of[e.b];
    if (ca == cb) continue;
    bool fits = true;
    for (size_t x : members[ca]) {
      for (size_t y : members[cb])
        if (!link_score(units[component[x]], units[component[y]])) {
          fits = false;
          break;
        }
      if (!fits) break;
    }
    if (!fits) continue;
    const size_t keep = std::min(ca, cb), gone = std::max(ca, cb);
    for (size_t y : members[gone]) cluster_of[y] = keep;
    members[keep].insert(members[keep].end(), members[gone].begin(), members[gone].end());
    std::sort(members[keep].begin(), members[keep].end());
    members[gone].clear();
  }
  std::vector<std::vector<size_t>> clusters;
  std::unordered_map<size_t, size_t> cluster_of_unit;
  for (size_t c = 0; c < n; ++c) {
    if (members[c].empty()) continue;
    std::vector<size_t> cluster;
    for (size_t i : members[c]) {
      cluster.push_back(component[i]);
      cluster_of_unit[component[i]] = clusters.size();
    }
    clusters.push_back(std::move(cluster));
  }
  for (size_t f : followers) {
    size_t root = f;
    while ((*leader)[root] != kNoLeader) root = (*leader)[root];
    auto it = cluster_of_unit.find(root);
    if (it == cluster_of_unit.end()) {  // its leader is outside this component: cannot happen, kept safe
      cluster_of_unit[root] = clusters.size();
      clusters.push_back({f});
    } else {
      clusters[it->second].push_back(f);
    }
  }
  return clusters;
}

}  // namespace sitrep::link
