// Assessment of one incident: figure ranges, primary and independent
// sources, grade and contradictions (rules A1-A4 and G1-G6, docs/linking.md).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/link.h"

namespace sitrep::assess {

// A report and the info of its article, where the caller keeps them.
struct ReportRef {
  const Report* report;
  const ArticleInfo* article;
};

// The incident made of `reports`, in input order (Incident::members is left
// for the caller to fill). `outlet_of` maps an article id to its outlet, so a
// wire copy is traced to the outlet of the article it copies.
Incident assess_incident(const std::vector<ReportRef>& reports,
                         const std::function<std::string(const std::string&)>& outlet_of = {},
                         const ActorLookup& actors = {});

// Rule A1: the reconciled range of one figure over the reports that give it,
// each (figure, source key, recency rank). Exposed for tests.
struct StatedFigure {
  Figure figure;
  std::string source_key;
  long recency = 0;     // larger is later: the article's publication day, then text order
  std::string report;   // report id
};
struct Reconciled {
  FigureRange range;
  bool contradictory = false;
  std::vector<StatedFigure> kept;  // after a later toll from one source replaced an earlier one
};
Reconciled reconcile(std::vector<StatedFigure> stated);

}  // namespace sitrep::assess
