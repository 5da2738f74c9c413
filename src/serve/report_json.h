// Report -> one line of reports.jsonl (DESIGN.md, output contract).
#pragma once

#include <string>

#include "sitrep/report.h"

namespace sitrep {

// Appends the report's JSON object (no newline) to `out`. Fields in this
// order: id, article, lead, type, date, place, perpetrator, victims, figures,
// source, stance, cumulative, trigger, quote, span, group (grouping_key()).
void append_report_json(std::string& out, const Report& r);

}  // namespace sitrep
