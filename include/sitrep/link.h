// Linking and assessment: Reports of the same incident across articles become
// one Incident, with figure ranges, independent sources, a grade and the
// contradictions between its reports (DESIGN.md, output contract). The rules
// are in docs/linking.md; each one is named in src/link and src/assess.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sitrep/report.h"

namespace sitrep {

// What linking and assessment need about the article a report came from.
struct ArticleInfo {
  std::string id, outlet, path, title;
  std::optional<std::string> duplicate_of;  // a wire copy or republished page of this article
  std::optional<Date> published;
};

struct LinkInput {
  Report report;
  ArticleInfo article;
};

// A reconciled figure: the smallest and largest figure stated, and the best
// estimate (see assess/figures.cc for the rule).
struct FigureRange {
  int64_t low = 0, best = 0;
  std::optional<int64_t> high;  // nullopt: every report gave an open-ended figure
  size_t reports = 0;           // reports that gave this figure
};

// A primary source: who the claim comes from, before any outlet repeats it.
struct SourceRef {
  std::string key;   // "actor:sohr", "name:activists", "outlet:wsws.org"
  std::string name;  // "Syrian Observatory for Human Rights", "wsws.org"
  std::string kind;  // monitor | media | party | official | international | outlet | other
  std::vector<std::string> outlets;  // outlets that carry it
};

struct Contradiction {
  struct Value {
    std::string value;                 // "12", "at least 21", "US-led coalition", "denied"
    std::vector<std::string> reports;  // report ids
  };
  std::string field;  // killed, civilians_killed, ..., perpetrator, occurred
  std::vector<Value> values;
};

struct Incident {
  std::string id;  // stable: hash of its sorted report ids
  IncidentType type = IncidentType::kOther;
  std::optional<ReportDate> date;
  std::optional<ReportPlace> place;
  std::optional<ActorRef> perpetrator;
  std::optional<Victims> victims;
  std::vector<std::pair<std::string, FigureRange>> figures;  // "killed", "civilians_killed", ...
  std::vector<size_t> members;  // indices of its reports in the linker's inputs, in input order
  std::vector<std::string> reports, articles, outlets;
  std::vector<SourceRef> sources;
  std::vector<std::string> primary_sources;  // names of `sources`
  size_t independent_sources = 0;
  std::string grade;         // confirmed | fair | weak | contested | discounted | single-source
  std::string grade_reason;  // "fair: 2 independent sources: SOHR, Pentagon"
  std::vector<Contradiction> contradictions;
};

// What assessment needs to know about a source actor: its kind and side as
// the actor dictionary has them ("monitor", ""; "state_force", "coalition").
struct ActorFacts {
  std::string kind, side;
};
using ActorLookup = std::function<ActorFacts(std::string_view actor_id)>;

// Links reports into incidents. Reports are added in batches (a batch holds
// whole articles); each add re-links only the connected parts of the
// candidate graph that the new reports touch, and the result is the same as
// linking everything at once. Not thread-safe.
class IncidentLinker {
 public:
  // `actors` tells the kind of a source actor (a monitor, a party); without
  // it every named source counts as "other".
  explicit IncidentLinker(ActorLookup actors = {});
  ~IncidentLinker();
  IncidentLinker(IncidentLinker&&) noexcept;
  IncidentLinker& operator=(IncidentLinker&&) noexcept;

  // Adds reports. A report whose id is already present is ignored, so adding
  // the same articles again changes nothing. Cumulative totals ("3,800
  // killed since 2014") are kept as inputs but never form incidents.
  void add(std::vector<LinkInput> inputs);

  const std::vector<LinkInput>& inputs() const;

  // The incidents, assessed, ordered by date (undated last), then id.
  std::vector<Incident> incidents() const;

  // Candidate pairs (unordered, as input index pairs with the smaller first)
  // found by blocking; exposed for the differential test against all pairs.
  std::vector<std::pair<size_t, size_t>> candidate_pairs() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One-shot: links and assesses `inputs`.
std::vector<Incident> link_reports(std::vector<LinkInput> inputs, ActorLookup actors = {});

}  // namespace sitrep
