// Incident -> one line of incidents.jsonl (DESIGN.md, output contract), and
// the parsers `sitrep link` uses to read reports.jsonl and articles.jsonl back.
#pragma once

#include <string>
#include <string_view>

#include "sitrep/link.h"
#include "sitrep/status.h"

namespace sitrep {

// Appends the incident's JSON object (no trailing newline). Fields: id, type,
// date, place, perpetrator, victims, figures {name: {low, best, high,
// reports}}, reports, articles, outlets, primary_sources, sources [{name,
// kind, outlets}], independent_sources, grade, grade_reason, contradictions.
void append_incident_json(std::string& out, const Incident& inc);

// One line of reports.jsonl back into a Report (fields of the output contract).
Result<Report> parse_report_json(std::string_view line);

// One line of articles.jsonl: the fields linking needs.
Result<ArticleInfo> parse_article_info_json(std::string_view line);

}  // namespace sitrep
