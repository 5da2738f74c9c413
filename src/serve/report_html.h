// report.html: one self-contained page (no network) a person can read: a
// summary, a map, incidents with grade, figure range, sources and each
// outlet's quote side by side, contradictions, narratives and outlet profiles.
#pragma once

#include <string>
#include <vector>

#include "assess/narratives.h"
#include "sitrep/article.h"
#include "sitrep/link.h"

namespace sitrep {

struct HtmlReportInput {
  const std::vector<Article>& articles;
  const std::vector<LinkInput>& reports;  // what Incident::members index
  const std::vector<Incident>& incidents;
  const std::vector<assess::Narrative>& narratives;
  const std::vector<assess::OutletProfile>& outlets;
};

std::string render_report_html(const HtmlReportInput& in);

// Appends `s` with & < > " ' escaped.
void append_html_escaped(std::string& out, std::string_view s);

}  // namespace sitrep
