#include "assess/assess.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string_view>
#include <unordered_set>

#include <xxhash.h>

#include "common/ascii.h"
#include "link/units.h"
#include "text/dates.h"

namespace sitrep::assess {
namespace {


std::string figure_label(const Figure& f) {
  std::string s = f.qualifier == "exact" || f.qualifier == "unknown" ? "" : f.qualifier + " ";
  s += std::to_string(f.low);
  if (f.high) s += "-" + std::to_string(*f.high);
  return s;
}


// The most frequent value among `values` (non-empty ones); ties go to the
// one seen first.
template <typename T, typename Key>
std::optional<T> most_common(const std::vector<T>& values, Key key) {
  std::map<std::string, int> count;
  for (const T& v : values) ++count[key(v)];
  std::optional<T> best;
  int best_n = 0;
  for (const T& v : values) {
    const int n = count[key(v)];
    if (n > best_n) {
      best = v;
      best_n = n;
    }
  }
  return best;
}

// Rule A2: the primary source of a report. A named source is itself
// (two outlets quoting the Observatory share one source); a report in the
// outlet's own voice is the outlet, and a wire copy or republished page is
// the outlet of the article it copies.
SourceRef source_of(const ReportRef& in, const std::function<std::string(const std::string&)>& outlet_of,
                    const ActorLookup& actors, const std::string& perpetrator_side) {
  SourceRef s;
  const Report& r = *in.report;
  if (r.source && !r.source->name.empty()) {
    s.name = r.source->name;
    if (!r.source->id.empty()) {
      s.key = "actor:" + r.source->id;
      const ActorFacts facts = actors ? actors(r.source->id) : ActorFacts{};
      if (facts.kind == "monitor" || facts.kind == "media" || facts.kind == "international") s.kind = facts.kind;
      else if (facts.kind == "state_force" || facts.kind == "armed_group" || facts.kind == "government")
        // A belligerent's own statement is its own kind of source (rule A3).
        s.kind = !facts.side.empty() && facts.side == perpetrator_side ? "party" : "official";
      else s.kind = "other";
    } else {
      s.key = "name:" + ascii_lower(r.source->name);
      s.kind = "other";
    }
    return s;
  }
  const ArticleInfo& info = *in.article;
  std::string article = info.duplicate_of.value_or(info.id);
  std::string outlet = info.outlet;
  if (info.duplicate_of && outlet_of) {
    const std::string original = outlet_of(*info.duplicate_of);
    if (!original.empty()) outlet = original;
  }
  s.kind = "outlet";
  if (outlet.empty() || outlet == "unknown") {
    s.key = "article:" + article;
    s.name = "unknown outlet (" + (info.title.empty() ? article : info.title.substr(0, 60)) + ")";
  } else {
    s.key = "outlet:" + outlet;
    s.name = outlet;
  }
  return s;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string s;
  for (const std::string& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

}  // namespace

Reconciled reconcile(std::vector<StatedFigure> stated) {
  Reconciled out;
  // A later toll from the same source replaces an earlier one; a vague
  // quantity ("a number of") never replaces a number.
  std::map<std::string, StatedFigure> latest;
  for (StatedFigure& s : stated) {
    auto [it, fresh] = latest.try_emplace(s.source_key, s);
    if (fresh) continue;
    const bool vague = link::is_vague(s.figure), kept_vague = link::is_vague(it->second.figure);
    if (vague != kept_vague) {
      if (kept_vague) it->second = s;  // a number beats a vague quantity, whichever came first
    } else if (s.recency >= it->second.recency) {
      it->second = s;
    }
  }
  for (auto& [key, s] : latest) out.kept.push_back(s);
  std::sort(out.kept.begin(), out.kept.end(), [](const StatedFigure& a, const StatedFigure& b) {
    return a.recency != b.recency ? a.recency < b.recency : a.report < b.report;
  });
  double lo = 0, hi = std::numeric_limits<double>::infinity();
  std::vector<int64_t> values;
  bool all_open = true;
  for (const StatedFigure& s : out.kept) {
    const auto [l, h] = link::interval_of(s.figure);
    lo = std::max(lo, l);
    hi = std::min(hi, h);
    values.push_back(s.figure.high ? *s.figure.high : s.figure.low);
    values.push_back(s.figure.low);
    if (!link::open_ended(s.figure)) all_open = false;
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  out.range.reports = out.kept.size();
  if (values.empty()) return out;
  out.range.low = values.front();
  if (!all_open) out.range.high = values.back();
  if (lo <= hi) {
    // Every report allows it: the smallest figure consistent with all of them.
    out.range.best = static_cast<int64_t>(std::ceil(lo));
  } else {
    // They cannot all be true: the median stated figure (the lower middle one).
    out.contradictory = true;
    std::vector<int64_t> stated_values;
    for (const StatedFigure& s : out.kept) stated_values.push_back(s.figure.low);
    std::sort(stated_values.begin(), stated_values.end());
    out.range.best = stated_values[(stated_values.size() - 1) / 2];
  }
  return out;
}

Incident assess_incident(const std::vector<ReportRef>& reports,
                         const std::function<std::string(const std::string&)>& outlet_of,
                         const ActorLookup& actors) {
  Incident inc;
  std::vector<const Report*> rs;
  rs.reserve(reports.size());
  for (const ReportRef& in : reports) rs.push_back(in.report);

  // Id: the sorted report ids.
  inc.reports.reserve(rs.size());
  for (const Report* r : rs) inc.reports.push_back(r->id);
  std::vector<std::string_view> ids(inc.reports.begin(), inc.reports.end());
  std::sort(ids.begin(), ids.end());
  std::string joined;
  for (std::string_view id : ids) {
    joined += id;
    joined += '\n';
  }
  inc.id = hex64(XXH3_64bits(joined.data(), joined.size()));

  {
    // Sets beside the lists: a story copied by hundreds of articles would
    // make a search of the list quadratic.
    std::unordered_set<std::string_view> articles, outlets;
    for (const ReportRef& in : reports) {
      const ArticleInfo& a = *in.article;
      if (articles.insert(a.id).second) inc.articles.push_back(a.id);
      if (outlets.insert(a.outlet).second) inc.outlets.push_back(a.outlet);
    }
  }

  // Representative fields: the most common type other than `other`; the most
  // precise date and place, a sentence's own before an inherited one.
  std::vector<IncidentType> types;
  for (const Report* r : rs)
    if (r->type != IncidentType::kOther) types.push_back(r->type);
  // Ties go to the more specific type (enum order: air_strike before explosion).
  std::sort(types.begin(), types.end());
  inc.type = most_common(types, [](IncidentType t) { return std::string(to_string(t)); }).value_or(IncidentType::kOther);
  {
    // The date most reports give among the most precise ones; ties go to the earliest.
    auto rank = [](const ReportDate& d) { return static_cast<int>(d.precision) * 2 + (d.from == "sentence" ? 0 : 1); };
    int best_rank = 1 << 20;
    for (const Report* r : rs)
      if (r->date) best_rank = std::min(best_rank, rank(*r->date));
    std::map<std::string, std::pair<int, const ReportDate*>> votes;
    for (const Report* r : rs)
      if (r->date && rank(*r->date) == best_rank) {
        auto& v = votes[r->date->start.iso() + "/" + r->date->end.iso()];
        ++v.first;
        v.second = &*r->date;
      }
    int most = 0;
    for (const auto& [key, v] : votes)
      if (v.first > most) {
        most = v.first;
        inc.date = *v.second;
      }
  }
  for (const Report* r : rs) {
    if (!r->place) continue;
    auto rank = [](const ReportPlace& p) { return link::place_rank(p.precision) * 2 + (p.from == "sentence" ? 0 : 1); };
    if (!inc.place || rank(*r->place) < rank(*inc.place)) inc.place = r->place;
  }
  std::vector<ActorRef> perps;
  for (const Report* r : rs)
    if (r->perpetrator) perps.push_back(*r->perpetrator);
  inc.perpetrator = most_common(perps, [](const ActorRef& a) { return a.id; });
  std::vector<Victims> victims;
  for (const Report* r : rs)
    if (r->victims && r->victims->category != "people" && r->victims->category != "unknown") victims.push_back(*r->victims);
  inc.victims = most_common(victims, [](const Victims& v) { return v.category; });
  const std::string perp_side = inc.perpetrator ? inc.perpetrator->side : "";

  // Sources (rule A2) and independence (A3).
  std::vector<SourceRef> per_report;
  per_report.reserve(reports.size());
  for (const ReportRef& in : reports) per_report.push_back(source_of(in, outlet_of, actors, perp_side));
  for (size_t k = 0; k < reports.size(); ++k) {
    const SourceRef& s = per_report[k];
    auto it = std::find_if(inc.sources.begin(), inc.sources.end(), [&](const SourceRef& x) { return x.key == s.key; });
    if (it == inc.sources.end()) {
      inc.sources.push_back(s);
      it = inc.sources.end() - 1;
    }
    const std::string& outlet = reports[k].article->outlet;
    if (std::find(it->outlets.begin(), it->outlets.end(), outlet) == it->outlets.end()) it->outlets.push_back(outlet);
  }
  for (const SourceRef& s : inc.sources) inc.primary_sources.push_back(s.name);
  inc.independent_sources = inc.sources.size();

  // Figures (rule A1).
  for (const FigureField& field : kFigureFields) {
    std::vector<StatedFigure> stated;
    for (size_t k = 0; k < reports.size(); ++k) {
      const Report& r = *reports[k].report;
      const std::optional<Figure>& fig = r.figures.*field.member;
      if (!fig) continue;
      const std::optional<Date>& published = reports[k].article->published;
      const long day = published ? static_cast<long>(text::day_number(*published)) : 0;
      stated.push_back({*fig, per_report[k].key, day * 100000 + static_cast<long>(r.span_begin / 16), r.id});
    }
    if (stated.empty()) continue;
    Reconciled rec = reconcile(std::move(stated));
    inc.figures.emplace_back(field.name, rec.range);
    if (rec.contradictory) {
      Contradiction c;
      c.field = field.name;
      for (const StatedFigure& s : rec.kept) {
        const std::string label = figure_label(s.figure);
        auto it = std::find_if(c.values.begin(), c.values.end(), [&](const auto& v) { return v.value == label; });
        if (it == c.values.end()) c.values.push_back({label, {s.report}});
        else it->reports.push_back(s.report);
      }
      inc.contradictions.push_back(std::move(c));
    }
  }

  // Disputed perpetrator: reports blame different sides.
  {
    Contradiction c;
    c.field = "perpetrator";
    std::set<std::string> sides;
    for (const Report* r : rs) {
      if (!r->perpetrator || r->perpetrator->side.empty()) continue;
      sides.insert(r->perpetrator->side);
      auto it = std::find_if(c.values.begin(), c.values.end(), [&](const auto& v) { return v.value == r->perpetrator->name; });
      if (it == c.values.end()) c.values.push_back({r->perpetrator->name, {r->id}});
      else it->reports.push_back(r->id);
    }
    if (sides.size() > 1) inc.contradictions.push_back(std::move(c));
  }
  // Denial of the incident itself.
  bool denied = false, claimed = false, all_hedged = true;
  {
    Contradiction c;
    c.field = "occurred";
    Contradiction::Value yes{"reported", {}}, no{"denied", {}};
    for (const Report* r : rs) {
      if (r->stance == Stance::kDenied) {
        denied = true;
        no.reports.push_back(r->id);
      } else {
        claimed = true;
        yes.reports.push_back(r->id);
        if (r->stance != Stance::kHedged) all_hedged = false;
      }
    }
    if (denied && claimed) {
      c.values = {yes, no};
      inc.contradictions.push_back(std::move(c));
    }
  }

  // Grade (rules G1-G6, first that applies).
  const bool disputed = std::any_of(inc.contradictions.begin(), inc.contradictions.end(),
                                    [](const Contradiction& c) { return c.field == "perpetrator"; });
  std::vector<std::string> names = inc.primary_sources;
  const auto party = std::find_if(inc.sources.begin(), inc.sources.end(), [&](const SourceRef& s) {
    return s.kind == "party";
  });
  bool party_claims = false;
  if (party != inc.sources.end()) {
    for (size_t k = 0; k < reports.size(); ++k)
      if (per_report[k].key == party->key && reports[k].report->stance != Stance::kDenied) party_claims = true;
  }
  const std::string n = std::to_string(inc.independent_sources);
  if (denied && (!claimed || all_hedged)) {
    inc.grade = "discounted";
    inc.grade_reason = "discounted: denied, and no source asserts it";
  } else if (denied || disputed) {
    inc.grade = "contested";
    inc.grade_reason = denied ? "contested: reported by " + join_names(names) + ", and denied"
                              : "contested: sources blame different sides";
  } else if (party_claims) {
    inc.grade = "confirmed";
    inc.grade_reason = "confirmed: acknowledged by " + party->name + " (a party to it)";
  } else if (inc.independent_sources >= 2 && !all_hedged) {
    inc.grade = "fair";
    inc.grade_reason = "fair: " + n + " independent sources: " + join_names(names);
  } else if (inc.articles.size() >= 2 || all_hedged) {
    inc.grade = "weak";
    inc.grade_reason = all_hedged ? "weak: only hedged claims (" + join_names(names) + ")"
                                  : "weak: " + std::to_string(inc.articles.size()) + " articles, one primary source: " +
                                        join_names(names);
  } else {
    inc.grade = "single-source";
    inc.grade_reason = "single-source: one article (" + join_names(names) + ")";
  }
  return inc;
}

}  // namespace sitrep::assess
