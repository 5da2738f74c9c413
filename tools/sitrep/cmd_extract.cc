// sitrep extract [INPUT...]: a streaming filter (docs/streaming.md).
//
// stdout: one Report per line, JSON, nothing else; each line has a "group"
// key (country and ISO week) for per-group linking. stderr: one JSON object per
// problem ({"error"|"warning": message, "input", "where"}) and a last line of
// counters ({"articles", "reports", "errors", "warnings"}). With --articles
// FILE, each article's articles.jsonl line goes to FILE, in the same order (for
// `sitrep link --articles`). Standard input is always JSON Lines (gzip
// allowed); named inputs are anything `run` reads.
// A bad record never stops the stream: exit 0 at the end of the input, 2 only
// when nothing can run (the knowledge base does not load, bad arguments) or
// the output cannot be written.
// Articles are cleaned and extracted on --threads workers; the output is in
// input order, byte-identical whatever the number of threads.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "common/json_writer.h"
#include "common/ordered_pool.h"
#include "common/utf8.h"
#include "ingest/byte_stream.h"
#include "ingest/jsonl_reader.h"
#include "kb/kb_paths.h"
#include "serve/article_json.h"
#include "serve/report_json.h"
#include "sitrep/extract.h"
#include "sitrep/ingest.h"

namespace sitrep::cli {
namespace {

// One unit of work: a JSON line of standard input (parsed on the worker), or
// a document a named input gave.
struct Item {
  std::string input, line;
  uint64_t line_number = 0;
  std::optional<RawDocument> doc;
  std::optional<Diagnostic> problem;  // a reader's message, passed on in order
};

struct Output {
  std::string lines;        // report lines for stdout
  std::string article_line; // the articles.jsonl line, when --articles is given
  std::string diagnostics;  // JSON lines for stderr
  size_t reports = 0, errors = 0, warnings = 0;
  bool article = false;
};

void append_diagnostic(std::string& out, const Diagnostic& d) {
  JsonWriter w(out);
  w.begin_object();
  w.field(d.severity == Diagnostic::Severity::kError ? JsonKey("error") : JsonKey("warning"), d.message);
  w.field("input", d.input).field("where", d.where).end_object();
  out.push_back('\n');
}

void note(Output& o, const Diagnostic& d) {
  (d.severity == Diagnostic::Severity::kError ? o.errors : o.warnings)++;
  append_diagnostic(o.diagnostics, d);
}

Output process(const Extractor& extractor, bool key_prefix, bool article_lines, Item&& item) {
  Output o;
  auto sink = [&](const Diagnostic& d) { note(o, d); };
  if (item.problem) {
    sink(*item.problem);
    return o;
  }
  if (!item.doc) {
    const std::string where = "line " + std::to_string(item.line_number);
    // The parser checks UTF-8 itself: a line it takes needs no check of ours,
    // and only a line it refuses is checked, repaired (with a warning) and
    // parsed again.
    Result<RawDocument> doc = ingest::parse_jsonl_record(item.input, item.line, item.line_number);
    if (!doc.is_ok() && !is_valid_utf8(item.line)) {
      Utf8Repair r = repair_utf8(item.line);
      sink({Diagnostic::Severity::kWarning, item.input, where,
            "invalid UTF-8 at byte " + std::to_string(r.first_bad_offset) + ": " +
                std::to_string(r.replaced) + " sequence(s) replaced with U+FFFD"});
      item.line = std::move(r.text);
      doc = ingest::parse_jsonl_record(item.input, item.line, item.line_number);
    }
    if (!doc.is_ok()) {
      sink({Diagnostic::Severity::kError, item.input, where, doc.status().message() + "; record skipped"});
      return o;
    }
    item.doc = std::move(doc).value();
  }
  const RawDocument& doc = *item.doc;
  // Report lines need no language, article lines do; neither carries the
  // MinHash (only the store keeps it, for `run`'s near-duplicate marking).
  Result<Article> a = build_article(doc, sink, ArticleExtras{article_lines, false});
  if (!a.is_ok()) {
    sink({Diagnostic::Severity::kError, doc.input, doc.where, a.status().message() + "; skipped"});
    return o;
  }
  o.article = true;
  if (article_lines) {
    append_article_json(o.article_line, a.value());
    o.article_line.push_back('\n');
  }
  const std::vector<Report> reports = extractor.extract(a.value());
  // A report line is about 1 kB, and the writer makes room for a line's
  // strings and 768 bytes more before trimming it: a line more spares regrowth.
  if (!reports.empty()) o.lines.reserve((reports.size() + 1) * 1024);
  for (const Report& r : reports) {
    if (key_prefix) {
      o.lines += grouping_key(r);
      o.lines.push_back('\t');
    }
    append_report_json(o.lines, r);
    o.lines.push_back('\n');
    ++o.reports;
  }
  return o;
}

}  // namespace

void add_extract_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::vector<std::string> inputs;
    std::string kb_dir;
    IngestLimits limits;
    size_t threads = 0;
    bool key_prefix = false;
    std::string articles_path;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("extract", "Articles in (stdin by default), reports out (stdout)");
  cmd->add_option("inputs", opts->inputs, "Inputs (default: - for stdin, JSON Lines)");
  cmd->add_option("--kb", opts->kb_dir, "Directory of the compiled knowledge base");
  cmd->add_option("--max-document-bytes", opts->limits.max_document_bytes, "Largest article")
      ->capture_default_str();
  cmd->add_option("--threads", opts->threads, "Worker threads (0: one per core)")->capture_default_str();
  cmd->add_flag("--key", opts->key_prefix,
                "Start each line with its group key and a tab (Hadoop Streaming's key<TAB>value)");
  cmd->add_option("--articles", opts->articles_path,
                  "Also write each article's articles.jsonl line to this file (for sitrep link --articles)");
  cmd->callback([opts, &exit_code] {
    const std::string kb_dir = opts->kb_dir.empty() ? kb::default_kb_dir() : opts->kb_dir;
    auto extractor = Extractor::load(kb_dir);
    if (!extractor.is_ok()) {
      std::string line;
      append_diagnostic(line, {Diagnostic::Severity::kError, kb_dir, "", extractor.status().message()});
      std::fputs(line.c_str(), stderr);
      exit_code = 2;
      return;
    }
    // A stream has no total size: only a document is limited.
    opts->limits.max_input_bytes = SIZE_MAX;
    std::FILE* articles_file = nullptr;
    if (!opts->articles_path.empty()) {
      articles_file = std::fopen(opts->articles_path.c_str(), "wb");
      if (!articles_file) {
        std::string line;
        append_diagnostic(line, {Diagnostic::Severity::kError, opts->articles_path, "", "cannot write"});
        std::fputs(line.c_str(), stderr);
        exit_code = 2;
        return;
      }
    }
    static char stdout_buffer[1 << 16];
    std::setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer);

    size_t articles = 0, reports = 0, errors = 0, warnings = 0;
    auto write_diagnostics = [&](const std::string& lines) {
      if (lines.empty()) return;
      std::fflush(stdout);  // keeps stderr in step with stdout when both go to one place
      std::fwrite(lines.data(), 1, lines.size(), stderr);
    };
    auto deliver = [&](Output&& o) {
      articles += o.article;
      reports += o.reports;
      errors += o.errors;
      warnings += o.warnings;
      write_diagnostics(o.diagnostics);
      std::fwrite(o.lines.data(), 1, o.lines.size(), stdout);
      if (articles_file) std::fwrite(o.article_line.data(), 1, o.article_line.size(), articles_file);
    };
    const Extractor& ex = *extractor.value();
    const bool key_prefix = opts->key_prefix, article_lines = articles_file != nullptr;
    const size_t threads = opts->threads ? opts->threads : std::max(1u, std::thread::hardware_concurrency());
    // 64 articles in flight a thread (the pool's default is 16), about 8 kB
    // each: this thread and the workers hand over half the window at a time,
    // and on the 100 MB corpus with two threads context switches fall from
    // 9-10k to 3-3.6k and system time from 0.07-0.22 s to 0.02-0.08 s.
    OrderedPool<Item, Output> pool(
        threads,
        [&ex, key_prefix, article_lines](Item&& item) {
          return process(ex, key_prefix, article_lines, std::move(item));
        },
        deliver, 64 * threads);
    // Problems the readers find (an unreadable file, a truncated gzip) go
    // through the pool too, so that they keep their place in the output.
    auto reader_sink = [&](const Diagnostic& d) { pool.submit(Item{d.input, {}, 0, std::nullopt, d}); };

    const std::vector<std::string> inputs = opts->inputs.empty() ? std::vector<std::string>{"-"} : opts->inputs;
    for (const std::string& input : inputs) {
      if (input != "-") {
        for_each_document(
            {input}, opts->limits, [&](RawDocument&& doc) { pool.submit(Item{input, {}, 0, std::move(doc), std::nullopt}); },
            reader_sink);
        continue;
      }
      auto in = ingest::open_lines_stream("-");
      if (!in.is_ok()) {
        reader_sink({Diagnostic::Severity::kError, "-", "", in.status().message()});
        continue;
      }
      std::unique_ptr<ingest::ByteStream> stream = std::move(in).value();
      ingest::LineReader lines(*stream, opts->limits.max_document_bytes);
      std::string line;
      for (;;) {
        const auto o = lines.next(line);
        if (o == ingest::LineReader::Outcome::kEnd) break;
        if (o == ingest::LineReader::Outcome::kError) {
          reader_sink({Diagnostic::Severity::kError, "-", "", stream->status().message()});
          break;
        }
        const std::string where = "line " + std::to_string(lines.line_number());
        if (o == ingest::LineReader::Outcome::kTooLong) {
          reader_sink({Diagnostic::Severity::kError, "-", where,
                       "record over the document limit of " +
                           std::to_string(opts->limits.max_document_bytes) +
                           " bytes (--max-document-bytes); skipped"});
          continue;
        }
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        pool.submit(Item{"-", std::move(line), lines.line_number(), std::nullopt, std::nullopt});
        line = std::string();
      }
    }
    pool.finish();
    // Output that cannot be written (a full disk, a closed pipe with SIGPIPE
    // ignored) is fatal: the framework must retry the partition.
    const bool articles_ok = !articles_file || (std::fclose(articles_file) == 0);
    if (std::fflush(stdout) != 0 || std::ferror(stdout) || !articles_ok) {
      std::string line;
      append_diagnostic(line, {Diagnostic::Severity::kError, "-", "", "cannot write the output"});
      std::fputs(line.c_str(), stderr);
      exit_code = 2;
      return;
    }
    std::string counters;
    JsonWriter w(counters);
    w.begin_object().field("articles", static_cast<int64_t>(articles)).field("reports", static_cast<int64_t>(reports));
    w.field("errors", static_cast<int64_t>(errors)).field("warnings", static_cast<int64_t>(warnings)).end_object();
    counters.push_back('\n');
    std::fwrite(counters.data(), 1, counters.size(), stderr);
    // Bad records are reported and skipped; the stream ends normally.
    exit_code = 0;
  });
}

}  // namespace sitrep::cli
