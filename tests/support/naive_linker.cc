#include "naive_linker.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <string>

#include "link/units.h"

namespace sitrep::testing {
namespace {

std::vector<link::Unit> all_units(const std::vector<LinkInput>& inputs) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<size_t>> by_article;
  for (size_t i = 0; i < inputs.size(); ++i) {
    auto [it, fresh] = by_article.try_emplace(inputs[i].report.article);
    if (fresh) order.push_back(inputs[i].report.article);
    it->second.push_back(i);
  }
  std::vector<link::Unit> units;
  link::StringIds ids;
  for (size_t n = 0; n < order.size(); ++n) {
    std::vector<size_t>& idx = by_article[order[n]];
    std::stable_sort(idx.begin(), idx.end(), [&](size_t x, size_t y) {
      return inputs[x].report.span_begin < inputs[y].report.span_begin;
    });
    link::ArticleReports reports;
    for (size_t i : idx) reports.emplace_back(static_cast<uint32_t>(i), &inputs[i]);
    for (link::Unit& u : link::make_units(reports, static_cast<uint32_t>(n), ids)) units.push_back(std::move(u));
  }
  return units;
}

}  // namespace

// Rule L10 over all units at once: twins follow the one with the smallest key.
std::vector<uint32_t> twin_leaders(const std::vector<link::Unit>& units) {
  std::vector<uint32_t> leader(units.size(), link::kNoLeader);
  std::map<uint64_t, std::vector<size_t>> groups;
  for (size_t u = 0; u < units.size(); ++u)
    if (units[u].linkable()) groups[link::signature(units[u])].push_back(u);
  for (auto& [sig, group] : groups)
    if (group.size() > 1) link::lead_twins(units, group, leader);
  return leader;
}

std::vector<std::pair<size_t, size_t>> all_pairs_candidates(const std::vector<LinkInput>& inputs) {
  const std::vector<link::Unit> units = all_units(inputs);
  const std::vector<uint32_t> leader = twin_leaders(units);
  std::vector<std::pair<size_t, size_t>> pairs;
  for (size_t a = 0; a < units.size(); ++a)
    for (size_t b = a + 1; b < units.size(); ++b)
      if (leader[a] == link::kNoLeader && leader[b] == link::kNoLeader && link::link_score(units[a], units[b]))
        pairs.emplace_back(std::min(units[a].members[0], units[b].members[0]),
                           std::max(units[a].members[0], units[b].members[0]));
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

std::vector<std::vector<size_t>> all_pairs_incidents(const std::vector<LinkInput>& inputs) {
  const std::vector<link::Unit> units = all_units(inputs);
  const std::vector<uint32_t> leader = twin_leaders(units);
  std::vector<size_t> parent(units.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](size_t x) {
    while (parent[x] != x) x = parent[x];
    return x;
  };
  for (size_t a = 0; a < units.size(); ++a)
    for (size_t b = a + 1; b < units.size(); ++b)
      if (link::link_score(units[a], units[b])) parent[std::max(find(a), find(b))] = std::min(find(a), find(b));
  for (size_t u = 0; u < units.size(); ++u)
    if (leader[u] != link::kNoLeader) parent[std::max(find(u), find(leader[u]))] = std::min(find(u), find(leader[u]));
  std::map<size_t, std::vector<size_t>> components;
  for (size_t u = 0; u < units.size(); ++u) components[find(u)].push_back(u);
  std::vector<std::vector<size_t>> out;
  for (auto& [root, members] : components)
    for (const std::vector<size_t>& cluster : link::cluster_component(units, members, &leader)) {
      std::vector<size_t> reports;
      for (size_t u : cluster) reports.insert(reports.end(), units[u].members.begin(), units[u].members.end());
      std::sort(reports.begin(), reports.end());
      out.push_back(std::move(reports));
    }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace sitrep::testing
