#include "ingest/jsonl_reader.h"

#include <simdjson.h>

#include "common/utf8.h"

namespace sitrep::ingest {
namespace {

std::string line_label(uint64_t n) { return "line " + std::to_string(n); }

// Reads an optional string field; numbers are turned into their text.
simdjson::error_code get_string(simdjson::dom::object obj, std::string_view key,
                                std::optional<std::string>& out) {
  simdjson::dom::element e;
  if (obj.at_key(key).get(e)) return simdjson::SUCCESS;  // absent
  switch (e.type()) {
    case simdjson::dom::element_type::STRING: {
      std::string_view s;
      if (auto err = e.get_string().get(s)) return err;
      out = std::string(s);
      return simdjson::SUCCESS;
    }
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
      out = simdjson::to_string(e);
      return simdjson::SUCCESS;
    case simdjson::dom::element_type::NULL_VALUE:
      return simdjson::SUCCESS;
    default:
      return simdjson::INCORRECT_TYPE;
  }
}

}  // namespace

Result<RawDocument> parse_jsonl_record(const std::string& input, std::string_view line,
                                       uint64_t line_number) {
  // One parser per thread: simdjson parsers are reusable but not shareable.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto err = parser.parse(line.data(), line.size()).get(root)) {
    return invalid_input(std::string("malformed JSON (") + simdjson::error_message(err) + ")");
  }
  simdjson::dom::object obj;
  if (root.get_object().get(obj)) return invalid_input("record is not a JSON object");

  RawDocument doc;
  doc.input = input;
  doc.where = line_label(line_number);
  doc.format = "jsonl";
  std::optional<std::string> id, text, html, published;
  const std::pair<std::string_view, std::optional<std::string>*> fields[] = {
      {"id", &id},     {"url", &doc.url}, {"outlet", &doc.outlet},  {"title", &doc.title},
      {"text", &text}, {"html", &html},   {"published", &published}};
  for (const auto& [key, target] : fields) {
    if (get_string(obj, key, *target) != simdjson::SUCCESS) {
      return invalid_input("field \"" + std::string(key) + "\" is not a string");
    }
  }
  if (text && !text->empty()) {
    doc.body = std::move(*text);
  } else if (html && !html->empty()) {
    doc.body = std::move(*html);
    doc.is_html = true;
  } else {
    return invalid_input("record has no \"text\" or \"html\"");
  }
  doc.published = std::move(published);
  doc.path = id ? *id : input + ":" + std::to_string(line_number);
  return doc;
}

size_t read_jsonl(const std::string& input, ByteStream& stream, const IngestLimits& limits,
                  const std::function<void(RawDocument&&)>& on_document,
                  const DiagnosticSink& diagnostics) {
  size_t failed = 0;
  auto report = [&](Diagnostic::Severity sev, uint64_t line, std::string msg) {
    if (diagnostics) diagnostics({sev, input, line ? line_label(line) : "", std::move(msg)});
  };
  LineReader lines(stream, limits.max_document_bytes);
  std::string line;
  size_t records = 0;
  for (;;) {
    const LineReader::Outcome o = lines.next(line);
    if (o == LineReader::Outcome::kEnd) break;
    if (o == LineReader::Outcome::kError) {
      report(Diagnostic::Severity::kError, 0, stream.status().message());
      ++failed;
      break;
    }
    if (o == LineReader::Outcome::kTooLong) {
      report(Diagnostic::Severity::kError, lines.line_number(),
             "record over the " + std::to_string(limits.max_document_bytes >> 20) +
                 " MiB document limit (--max-document-bytes); skipped");
      ++failed;
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ++records;
    if (!is_valid_utf8(line)) {
      Utf8Repair r = repair_utf8(line);
      report(Diagnostic::Severity::kWarning, lines.line_number(),
             "invalid UTF-8 at byte " + std::to_string(r.first_bad_offset) + ": " +
                 std::to_string(r.replaced) + " sequence(s) replaced with U+FFFD");
      line = std::move(r.text);
    }
    Result<RawDocument> doc = parse_jsonl_record(input, line, lines.line_number());
    if (!doc.is_ok()) {
      report(Diagnostic::Severity::kError, lines.line_number(),
             doc.status().message() + "; record skipped");
      ++failed;
      continue;
    }
    on_document(std::move(doc).value());
  }
  if (records == 0 && failed == 0) {
    report(Diagnostic::Severity::kError, 0, "no records in JSON Lines input");
    ++failed;
  }
  return failed;
}

}  // namespace sitrep::ingest
