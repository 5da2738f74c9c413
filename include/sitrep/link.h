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
#include "sitrep/status.h"

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

// Links reports into incidents. Reports are added in batches of any size;
// they are linked when incidents are next asked for, and then only the
// connected parts of the candidate graph that they touch are re-linked: the
// result is the same as linking everything at once, provided an article's
// reports all arrive before the incidents are asked for. Not thread-safe.
//
// With a spool file the reports themselves wait on disk, as flat records, and
// are read back when their incident is assessed: in memory stay only what
// linking compares (a few hundred bytes a report), so a million reports
// link in well under a gigabyte.
class IncidentLinker {
 public:
  // `actors` tells the kind of a source actor (a monitor, a party); without
  // it every named source counts as "other". `spool_path`, when not empty,
  // is a file to create for the reports (removed at once: only the open
  // linker can read it, and nothing is left behind by a crash).
  explicit IncidentLinker(ActorLookup actors = {}, const std::string& spool_path = "");
  ~IncidentLinker();
  IncidentLinker(IncidentLinker&&) noexcept;
  IncidentLinker& operator=(IncidentLinker&&) noexcept;

  // Adds reports. A report whose id is already present is ignored, so adding
  // the same articles again changes nothing. Cumulative totals ("3,800
  // killed since 2014") are kept as inputs but never form incidents. In a
  // spooled linker, a report of an article already added carries that
  // article's first ArticleInfo when read back.
  void add(std::vector<LinkInput> inputs);

  // The spool's failure (a full disk), if any; in memory, always ok. Once it
  // fails, the linker's results are incomplete.
  Status status() const;

  // The number of reports added, and one of them (what Incident::members index).
  size_t size() const;
  LinkInput input(size_t index) const;

  // Calls `f` with each incident, assessed, in no particular order: for more
  // incidents than fit in memory at once.
  void for_each_incident(const std::function<void(Incident&&)>& f);

  // The incidents, assessed, ordered by date (undated last), then id.
  std::vector<Incident> incidents();

  // Candidate pairs (unordered, as input index pairs with the smaller first)
  // found by blocking; exposed for the differential test against all pairs.
  std::vector<std::pair<size_t, size_t>> candidate_pairs();

  // The key incidents are ordered by: the start date (undated last), then the id.
  static std::string order_key(const Incident& incident);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One-shot: links and assesses `inputs`.
std::vector<Incident> link_reports(std::vector<LinkInput> inputs, ActorLookup actors = {});

}  // namespace sitrep
