// The blocked, incremental linker. Units are indexed by day and area so that
// each unit is scored only against units it could match (rules L4, L5); the
// connected components of the resulting graph are clustered by rule L8.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include <xxhash.h>

#include "assess/assess.h"
#include "link/units.h"
#include "sitrep/link.h"

namespace sitrep {
namespace {

using link::Unit;

// Unit of area blocking for fine places: 1 degree (55-111 km), searched 3x3,
// wider than the largest fine-place distance of rule L5 (50 km).
int cell(double degrees) { return static_cast<int>(std::floor(degrees)); }

// Two fine places (point to district) further apart in latitude than this
// are further apart than rule L5's 50 km (a degree of latitude is 111.19 km,
// so 0.4497 degrees), with a margin for the float kept in the index. The 3x3
// cells hold mostly such places, and skipping them there saves looking at
// their units at all.
constexpr float kFineLatReach = 0.46f;
struct FineEntry {
  uint32_t unit;
  float lat;
};

uint64_t mix(std::initializer_list<uint64_t> parts) {
  return XXH3_64bits(parts.begin(), parts.size() * sizeof(uint64_t));
}
uint64_t hash_of(const std::string& s) { return XXH3_64bits(s.data(), s.size()); }

// Units whose place needs a country-wide search: rivers and lakes (matched
// within 200 km of their centroid) and places without an admin-1.
bool is_wide(const Unit& u) { return u.line_feature || u.admin1.empty(); }

class DisjointSets {
 public:
  size_t add() {
    parent_.push_back(parent_.size());
    return parent_.size() - 1;
  }
  size_t find(size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void unite(size_t a, size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<size_t> parent_;
};

}  // namespace

struct IncidentLinker::Impl {
  ActorLookup actors;
  std::unordered_map<std::string, std::string> outlet_of;  // article id -> outlet
  std::vector<LinkInput> inputs;
  std::unordered_set<std::string> report_ids;
  std::vector<Unit> units;
  std::vector<uint32_t> leader;  // per unit: link::kNoLeader, or the original's unit it follows (rule L9)
  std::unordered_map<std::string, std::vector<uint32_t>> units_of_article;
  std::unordered_map<std::string, std::vector<std::string>> copies_of;  // article -> articles that copy it
  std::unordered_map<uint64_t, std::vector<size_t>> twins;              // signature -> linkable units (rule L10)
  DisjointSets sets;
  std::unordered_map<size_t, std::vector<std::vector<size_t>>> clusters;  // component root -> clusters of units

  // Blocking indexes, keyed by hashes of (day, area); a collision only adds
  // a candidate that link_score then rejects.
  std::unordered_map<uint64_t, std::vector<FineEntry>> fine;       // (day, cell): point..district
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_admin1;   // (day, country, admin1): all but wide
  std::unordered_map<uint64_t, std::vector<uint32_t>> region_only; // (day, country, admin1): region places
  std::unordered_map<uint64_t, std::vector<uint32_t>> wide;        // (day, country): wide units
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_country;  // (day, country): every unit

  void index(uint32_t u) {
    const Unit& x = units[u];
    const uint64_t country = hash_of(x.country), admin1 = hash_of(x.admin1);
    for (int64_t d = x.day_lo; d <= x.day_hi; ++d) {
      const auto day = static_cast<uint64_t>(d);
      by_country[mix({day, country})].push_back(u);
      if (is_wide(x)) {
        wide[mix({day, country})].push_back(u);
        continue;
      }
      by_admin1[mix({day, country, admin1})].push_back(u);
      if (x.place_rank == 3) {
        region_only[mix({day, country, admin1})].push_back(u);
      } else {
        fine[mix({day, static_cast<uint64_t>(cell(x.lat)), static_cast<uint64_t>(cell(x.lon))})].push_back(
            {u, static_cast<float>(x.lat)});
      }
    }
  }

  // Calls `f` with every indexed unit that could match `u` (with repeats).
  void for_candidates(uint32_t u, const std::function<void(uint32_t)>& f) const {
    const Unit& x = units[u];
    const uint64_t country = hash_of(x.country), admin1 = hash_of(x.admin1);
    auto visit = [&](const std::unordered_map<uint64_t, std::vector<uint32_t>>& m, uint64_t key) {
      auto it = m.find(key);
      if (it == m.end()) return;
      for (uint32_t v : it->second) f(v);
    };
    for (int64_t d = x.day_lo - link::kDaySlack; d <= x.day_hi + link::kDaySlack; ++d) {
      const auto day = static_cast<uint64_t>(d);
      visit(wide, mix({day, country}));
      if (is_wide(x)) {
        visit(by_country, mix({day, country}));
        continue;
      }
      if (x.place_rank == 3) {
        visit(by_admin1, mix({day, country, admin1}));
        continue;
      }
      visit(region_only, mix({day, country, admin1}));
      const int cy = cell(x.lat), cx = cell(x.lon);
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          auto it = fine.find(mix({day, static_cast<uint64_t>(cy + dy), static_cast<uint64_t>(cx + dx)}));
          if (it == fine.end()) continue;
          for (const FineEntry& e : it->second)
            if (std::fabs(e.lat - static_cast<float>(x.lat)) <= kFineLatReach) f(e.unit);
        }
    }
  }
};

IncidentLinker::IncidentLinker(ActorLookup actors) : impl_(std::make_unique<Impl>()) {
  impl_->actors = std::move(actors);
}
IncidentLinker::~IncidentLinker() = default;
IncidentLinker::IncidentLinker(IncidentLinker&&) noexcept = default;
IncidentLinker& IncidentLinker::operator=(IncidentLinker&&) noexcept = default;

const std::vector<LinkInput>& IncidentLinker::inputs() const { return impl_->inputs; }

void IncidentLinker::add(std::vector<LinkInput> batch) {
  Impl& m = *impl_;
  // Group the new reports by article, in first-seen order (rule L1 works per article).
  std::vector<std::string> order;
  std::unordered_map<std::string, std::vector<size_t>> by_article;
  // The new reports are compacted in place (known ids dropped) and then
  // become `inputs`, or are appended to it: reports are about 2 kB each, and
  // a second copy of a million of them would double the peak memory.
  const size_t base = m.inputs.size();
  size_t kept = 0;
  for (size_t k = 0; k < batch.size(); ++k) {
    LinkInput& in = batch[k];
    if (!m.report_ids.insert(in.report.id).second) continue;
    auto [it, fresh] = by_article.try_emplace(in.report.article);
    if (fresh) order.push_back(in.report.article);
    m.outlet_of.try_emplace(in.article.id, in.article.outlet);
    it->second.push_back(base + kept);
    if (kept != k) batch[kept] = std::move(in);
    ++kept;
  }
  batch.erase(batch.begin() + static_cast<std::ptrdiff_t>(kept), batch.end());
  if (m.inputs.empty()) {
    m.inputs = std::move(batch);
  } else {
    if (const size_t needed = base + kept; needed > m.inputs.capacity())
      m.inputs.reserve(std::max(needed, 2 * m.inputs.capacity()));
    std::move(batch.begin(), batch.end(), std::back_inserter(m.inputs));
    std::vector<LinkInput>().swap(batch);
  }
  const size_t first_new = m.units.size();
  for (const std::string& article : order) {
    std::vector<size_t>& idx = by_article[article];
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
      return m.inputs[a].report.span_begin < m.inputs[b].report.span_begin;
    });
    std::vector<uint32_t>& mine = m.units_of_article[article];
    for (Unit& u : link::make_units(m.inputs, idx)) {
      mine.push_back(static_cast<uint32_t>(m.units.size()));
      m.units.push_back(std::move(u));
      m.leader.push_back(link::kNoLeader);
      m.sets.add();
    }
    if (const auto& dup = m.inputs[idx.front()].article.duplicate_of) m.copies_of[*dup].push_back(article);
  }
  // Rule L9: a wire copy or republished page (duplicate_of) tells what its
  // original tells. Each of its units that has a twin (same signature) in
  // the original follows it: no scoring, no index, and it joins the twin's
  // incident. Ninety copies of one story cost ninety lookups, not 90 x 90
  // comparisons. Either may arrive first.
  auto follow = [&m](const std::string& copy, const std::string& original) {
    auto orig = m.units_of_article.find(original);
    auto mine = m.units_of_article.find(copy);
    if (orig == m.units_of_article.end() || mine == m.units_of_article.end()) return;
    std::vector<bool> taken(orig->second.size(), false);
    for (uint32_t u : mine->second) {
      if (m.leader[u] != link::kNoLeader) continue;
      const uint64_t sig = link::signature(m.units[u]);
      for (size_t k = 0; k < orig->second.size(); ++k) {
        const uint32_t v = orig->second[k];
        if (taken[k] || link::signature(m.units[v]) != sig) continue;
        taken[k] = true;
        // A copy that arrived before its original may lead or follow twins
        // (rule L10): it leaves that group, which gets a leader of its own.
        if (auto g = m.twins.find(sig); g != m.twins.end() && std::erase(g->second, u) > 0) {
          for (size_t w : g->second) m.leader[w] = link::kNoLeader;
          if (!g->second.empty()) link::lead_twins(m.units, g->second, m.leader);
          for (size_t w : g->second)
            if (m.leader[w] != link::kNoLeader) m.sets.unite(w, m.leader[w]);
        }
        m.leader[u] = v;
        m.sets.unite(u, v);
        break;
      }
    }
  };
  for (const std::string& article : order) {
    if (const auto& dup = m.inputs[by_article[article].front()].article.duplicate_of) follow(article, *dup);
    if (auto it = m.copies_of.find(article); it != m.copies_of.end())
      for (const std::string& copy : it->second) follow(copy, article);
  }
  // Edges from each new unit to every unit that fits it. Only the components
  // matter here, so a candidate already in the unit's component, or already
  // seen for it (a unit dated over several days is indexed on each), is not
  // scored again: in a busy area most candidates are one or the other.
  std::vector<uint32_t> seen_for(m.units.size(), UINT32_MAX);
  // Rule L10: units telling exactly the same are scored once, through
  // their leader; the same text under many ids costs lookups, not pairs.
  for (size_t u = first_new; u < m.units.size(); ++u) {
    if (!m.units[u].linkable() || m.leader[u] != link::kNoLeader) continue;
    std::vector<size_t>& group = m.twins[link::signature(m.units[u])];
    group.push_back(u);
    if (group.size() < 2) continue;
    link::lead_twins(m.units, group, m.leader);
    for (size_t w : group)
      if (m.leader[w] != link::kNoLeader) m.sets.unite(w, m.leader[w]);
  }
  for (size_t u = first_new; u < m.units.size(); ++u) {
    if (!m.units[u].linkable() || m.leader[u] != link::kNoLeader) continue;
    m.for_candidates(static_cast<uint32_t>(u), [&](uint32_t v) {
      if (seen_for[v] == u || m.leader[v] != link::kNoLeader) return;
      seen_for[v] = static_cast<uint32_t>(u);
      if (m.sets.find(u) != m.sets.find(v) && link::link_score(m.units[u], m.units[v])) m.sets.unite(u, v);
    });
    m.index(static_cast<uint32_t>(u));
  }
  // Re-cluster the components that gained units; drop the ones merged away.
  std::unordered_set<size_t> touched;
  for (size_t u = first_new; u < m.units.size(); ++u) touched.insert(m.sets.find(u));
  for (auto it = m.clusters.begin(); it != m.clusters.end();) {
    if (m.sets.find(it->first) != it->first) it = m.clusters.erase(it);
    else ++it;
  }
  std::unordered_map<size_t, std::vector<size_t>> members;
  for (size_t u = 0; u < m.units.size(); ++u) {
    const size_t root = m.sets.find(u);
    if (touched.count(root)) members[root].push_back(u);
  }
  for (auto& [root, component] : members)
    m.clusters[root] = link::cluster_component(m.units, std::move(component), &m.leader);
}

std::vector<std::pair<size_t, size_t>> IncidentLinker::candidate_pairs() const {
  const Impl& m = *impl_;
  std::vector<std::pair<size_t, size_t>> pairs;
  for (size_t u = 0; u < m.units.size(); ++u) {
    if (!m.units[u].linkable() || m.leader[u] != link::kNoLeader) continue;
    m.for_candidates(static_cast<uint32_t>(u), [&](uint32_t v) {
      if (v != u && m.leader[v] == link::kNoLeader && link::link_score(m.units[u], m.units[v]))
        pairs.emplace_back(std::min<size_t>(m.units[u].members[0], m.units[v].members[0]),
                           std::max<size_t>(m.units[u].members[0], m.units[v].members[0]));
    });
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

std::vector<Incident> IncidentLinker::incidents() const {
  const Impl& m = *impl_;
  std::vector<Incident> out;
  auto outlet_of = [&m](const std::string& article) -> std::string {
    auto it = m.outlet_of.find(article);
    return it == m.outlet_of.end() ? std::string() : it->second;
  };
  for (const auto& [root, clusters] : m.clusters) {
    for (const std::vector<size_t>& cluster : clusters) {
      std::vector<size_t> members;
      for (size_t u : cluster) members.insert(members.end(), m.units[u].members.begin(), m.units[u].members.end());
      out.push_back(assess::assess_incident(m.inputs, std::move(members), outlet_of, m.actors));
    }
  }
  // By date (undated last), then id. The keys are made once: formatting a
  // date inside the comparison dominated the sort of a million incidents.
  std::vector<std::pair<std::string, size_t>> order;
  order.reserve(out.size());
  for (size_t k = 0; k < out.size(); ++k)
    order.emplace_back((out[k].date ? out[k].date->start.iso() : "~") + '\n' + out[k].id, k);
  std::sort(order.begin(), order.end());
  // Applied in place, cycle by cycle: a second vector of half a million
  // incidents would add 400 MB to the peak.
  std::vector<bool> placed(out.size(), false);
  for (size_t start = 0; start < out.size(); ++start) {
    if (placed[start]) continue;
    Incident held = std::move(out[start]);
    size_t at = start;
    while (order[at].second != start) {
      out[at] = std::move(out[order[at].second]);
      placed[at] = true;
      at = order[at].second;
    }
    out[at] = std::move(held);
    placed[at] = true;
  }
  return out;
}

std::vector<Incident> link_reports(std::vector<LinkInput> inputs, ActorLookup actors) {
  IncidentLinker linker(std::move(actors));
  linker.add(std::move(inputs));
  return linker.incidents();
}

}  // namespace sitrep
