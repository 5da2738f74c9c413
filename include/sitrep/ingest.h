// Ingestion: inputs (files, directories, stdin) -> documents -> Articles.
//
// Reading and cleaning are separate steps so that cleaning, the costly part,
// can run on a worker pool while one thread reads: `for_each_document` walks
// the inputs in a deterministic order and yields RawDocuments; `build_article`
// turns one into an Article and is thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sitrep/article.h"
#include "sitrep/status.h"

namespace sitrep {

// Size limits; each is a command-line option (README, "Limits").
struct IngestLimits {
  size_t max_input_bytes = size_t{4} << 30;     // one file, after decompression
  size_t max_document_bytes = size_t{8} << 20;  // one article: a text/HTML file, a record
  size_t max_line_bytes = size_t{1} << 20;      // one line of a text file
};

// A problem with one input, reported to the user as one line:
//   "error: data/x.jsonl:17: malformed JSON (TAPE_ERROR); record skipped"
struct Diagnostic {
  enum class Severity { kWarning, kError };
  Severity severity = Severity::kError;
  std::string input;  // the path as given, or "-" for stdin
  std::string where;  // "line 17", "record 3 (offset 1234)", or empty
  std::string message;
  std::string to_string() const;
};
using DiagnosticSink = std::function<void(const Diagnostic&)>;

// One document found in an input, before cleaning.
struct RawDocument {
  std::string input;   // the input it came from, for messages
  std::string path;    // the article's `path`: file path, or the record's id for JSONL
  std::string where;   // position inside the input, for messages ("line 3")
  std::string format;  // text | html | jsonl | warc
  bool is_html = false;
  std::string body;  // the original bytes of the document (any encoding, unvalidated)
  // Metadata the container carries (JSONL fields, WARC headers).
  std::optional<std::string> url, outlet, title, published;
};

// Walks `inputs` (paths, directories recursively in sorted order, "-" for
// stdin) and calls `on_document` for every document, in input order.
// Problems go to `diagnostics`; the walk goes on with the rest.
// Returns the number of inputs, records or documents that failed.
size_t for_each_document(const std::vector<std::string>& inputs, const IngestLimits& limits,
                         const std::function<void(RawDocument&&)>& on_document,
                         const DiagnosticSink& diagnostics);

// What build_article computes beyond the text, offsets, metadata and id.
// Extraction reads neither the language nor the MinHash signature (a sixth
// of the cost of cleaning), so a caller that only extracts leaves them out.
struct ArticleExtras {
  bool language = true;  // Article::language (CLD2); "un" when left out
  bool minhash = true;   // Article::minhash (near-duplicate marking); empty when left out
};

// Cleans one document into an Article: UTF-8 repair (with a warning), HTML
// to text, boilerplate removal, paragraphs, offsets, title, byline, outlet,
// publication date, language, MinHash signature, id. Thread-safe.
Result<Article> build_article(const RawDocument& doc, const DiagnosticSink& diagnostics,
                              ArticleExtras extras = {});

// Marks near-duplicates: in each group of articles whose MinHash signatures
// estimate a shingle Jaccard similarity of at least 0.7 (transitively), every
// article but the representative gets
// `duplicate_of` = the representative's id. The representative is the one
// published first (undated last), ties broken by the smaller id, so the result
// does not depend on the order of `articles`.
void mark_near_duplicates(std::vector<Article*>& articles);

}  // namespace sitrep
