// JSON Lines reader: one article per line.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "ingest/byte_stream.h"
#include "sitrep/ingest.h"

namespace sitrep::ingest {

// Reads records {"id", "url", "outlet", "title", "text" or "html",
// "published"} (unknown fields ignored; "id" may be a string or a number) and
// yields one RawDocument per record: path = the id, or "<input>:<line>" when
// there is none. Blank lines are skipped. A line that is not a JSON object,
// lacks text/html, or is over limits.max_document_bytes gets one Diagnostic
// naming the line and is skipped; invalid UTF-8 is repaired with a warning.
// Returns the number of records that failed.
size_t read_jsonl(const std::string& input, ByteStream& stream, const IngestLimits& limits,
                  const std::function<void(RawDocument&&)>& on_document,
                  const DiagnosticSink& diagnostics);

// Parses one line; exposed for the fuzz target and tests. On failure returns
// the message for the diagnostic.
Result<RawDocument> parse_jsonl_record(const std::string& input, std::string_view line,
                                       uint64_t line_number);

}  // namespace sitrep::ingest
