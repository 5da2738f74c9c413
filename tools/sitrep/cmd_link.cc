// sitrep link [REPORTS.jsonl...] [--articles FILE] [--db FILE] [--out DIR]:
// reports -> incidents, narratives, outlet profiles and report.html.
//
// From a store (--db, the default when no report files are given) it links
// every stored report and has the article text for narratives and loaded
// terms. From report files (the output of `sitrep extract`, e.g. one group
// of a distributed run) it needs --articles for outlets and dates, and
// leaves narratives and term counts empty.
#include <fmt/core.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include "commands.h"
#include "common/ordered_pool.h"
#include "ingest/byte_stream.h"
#include "kb/kb_paths.h"
#include "serve/incident_json.h"
#include "sitrep/assessment.h"
#include "sitrep/store.h"

namespace sitrep::cli {
namespace {

// The longest report or article line read (a report line is a few kB).
constexpr size_t kMaxLineBytes = 1 << 20;

// Calls `f(line, line_number)` for each non-empty line of `path` ("-" is
// stdin; gzip is read through) and `error(message)` for a line too long or
// an input that cannot be read.
template <typename F, typename E>
void for_each_line(const std::string& path, F f, E error) {
  auto opened = ingest::open_lines_stream(path);
  if (!opened.is_ok()) return error(opened.status().message());  // names the file
  ingest::ByteStream& stream = *opened.value();
  ingest::LineReader lines(stream, kMaxLineBytes);
  std::string line;
  for (;;) {
    const auto o = lines.next(line);
    if (o == ingest::LineReader::Outcome::kEnd) return;
    if (o == ingest::LineReader::Outcome::kError) return error(path + ": " + stream.status().message());
    if (o == ingest::LineReader::Outcome::kTooLong) {
      error(fmt::format("{}: line {}: longer than {} bytes; skipped", path, lines.line_number(), kMaxLineBytes));
      continue;
    }
    if (!line.empty()) f(line, lines.line_number());
  }
}

// Parses report lines on every core, a chunk at a time, and hands the
// reports (and the errors of bad lines) on in input order, on the thread
// that adds the lines: the result is the same for any number of threads.
class ReportParser {
 public:
  using Error = std::function<void(const std::string&)>;
  ReportParser(ReportBatcher& batches, Error error)
      : batches_(batches),
        error_(std::move(error)),
        pool_(std::thread::hardware_concurrency(), parse, [this](Parsed&& done) { deliver(std::move(done)); }) {}

  // An error names `source` (which outlives the parser) and the line number,
  // unless it is 0.
  void add(std::string_view line, const std::string& source, size_t line_number) {
    chunk_.lines.emplace_back(line);
    chunk_.where.emplace_back(&source, line_number);
    if (chunk_.lines.size() == kChunk) pool_.submit(std::exchange(chunk_, {}));
  }
  // Parses and hands on the rest.
  void finish() {
    if (!chunk_.lines.empty()) pool_.submit(std::exchange(chunk_, {}));
    pool_.finish();
  }

 private:
  static constexpr size_t kChunk = 512;
  using Where = std::pair<const std::string*, size_t>;
  struct Lines {
    std::vector<std::string> lines;
    std::vector<Where> where;
  };
  struct Parsed {
    std::vector<Result<Report>> reports;
    std::vector<Where> where;
  };
  static Parsed parse(Lines&& chunk) {
    Parsed out;
    out.reports.reserve(chunk.lines.size());
    for (const std::string& line : chunk.lines) out.reports.push_back(parse_report_json(line));
    out.where = std::move(chunk.where);
    return out;
  }
  void deliver(Parsed&& done) {
    for (size_t k = 0; k < done.reports.size(); ++k) {
      if (done.reports[k].is_ok()) batches_.add(std::move(done.reports[k]).value());
      else if (const auto [source, line] = done.where[k]; line)
        error_(fmt::format("{}: line {}: {}", *source, line, done.reports[k].status().message()));
      else error_(*source + ": " + done.reports[k].status().message());
    }
  }

  ReportBatcher& batches_;
  Error error_;
  Lines chunk_;
  OrderedPool<Lines, Parsed> pool_;
};

}  // namespace

void add_link_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::vector<std::string> reports;
    std::string articles, db, out_dir = "sitrep-out", kb_dir;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("link", "Reports -> incidents, narratives, outlet profiles and report.html");
  cmd->add_option("reports", opts->reports, "reports.jsonl files (- for stdin); default: the store");
  cmd->add_option("--articles", opts->articles, "articles.jsonl giving the reports' outlets and dates");
  cmd->add_option("--db", opts->db, "Link everything in this store (default: OUT/sitrep.db)");
  cmd->add_option("--out", opts->out_dir, "Output directory")->capture_default_str();
  cmd->add_option("--kb", opts->kb_dir, "Directory of the compiled knowledge base");
  cmd->callback([opts, &exit_code] {
    size_t errors = 0;
    auto error = [&errors](const std::string& m) {
      ++errors;
      std::fprintf(stderr, "sitrep: error: %s\n", m.c_str());
    };
    std::error_code ec;
    std::filesystem::create_directories(opts->out_dir, ec);
    std::vector<Article> articles;
    std::unique_ptr<Store> store;  // set when linking a store: its incidents are replaced
    ReportFeed feed;
    if (opts->reports.empty()) {
      const std::string db = opts->db.empty() ? (std::filesystem::path(opts->out_dir) / "sitrep.db").string() : opts->db;
      if (!std::filesystem::exists(db)) {
        error(db + ": no such store (run `sitrep run` first, or give reports.jsonl files)");
        exit_code = 2;
        return;
      }
      auto opened = Store::open(db);
      if (!opened.is_ok()) {
        error(db + ": " + opened.status().message());
        exit_code = 2;
        return;
      }
      store = std::move(opened).value();
      auto loaded = store->load_articles(true);
      if (!loaded.is_ok()) {
        error(db + ": " + loaded.status().message());
        exit_code = 2;
        return;
      }
      articles = std::move(loaded).value();
      // `db` is copied: it ends with this block, before the feed runs.
      feed = [&, db](const ReportSink& sink) {
        ReportBatcher batches(articles, sink);
        ReportParser parser(batches, error);
        const std::string stored = db + ": stored report";
        Status s = store->for_each_report_line([&](std::string_view l) {
          parser.add(l, stored, 0);
        });
        parser.finish();
        batches.flush();
        return s.is_ok() ? s : io_error(db + ": " + s.message());
      };
    } else {
      if (!opts->articles.empty()) {
        std::unordered_set<std::string> seen;  // an article given twice is kept once
        for_each_line(opts->articles, [&](const std::string& line, size_t n) {
          Result<ArticleInfo> a = parse_article_info_json(line);
          if (!a.is_ok()) return error(fmt::format("{}: line {}: {}", opts->articles, n, a.status().message()));
          Article art;
          art.id = a.value().id;
          art.outlet = a.value().outlet.empty() ? "unknown" : a.value().outlet;
          art.title = a.value().title;
          if (!a.value().path.empty()) art.paths.push_back(a.value().path);
          art.duplicate_of = a.value().duplicate_of;
          if (a.value().published) art.published = PublishedDate{*a.value().published, DateSource::kMetadata, ""};
          if (seen.insert(art.id).second) articles.push_back(std::move(art));
        }, error);
      }
      feed = [&](const ReportSink& sink) {
        ReportBatcher batches(articles, sink);
        ReportParser parser(batches, error);
        for (const std::string& path : opts->reports) {
          for_each_line(path, [&](const std::string& line, size_t n) {
            parser.add(line, path, n);
          }, error);
        }
        parser.finish();
        batches.flush();
        return Status::ok();
      };
    }
    const std::string kb_dir = opts->kb_dir.empty() ? kb::default_kb_dir() : opts->kb_dir;
    Result<AssessmentSummary> s = write_assessment(articles, feed, kb_dir, opts->out_dir, store.get());
    if (!s.is_ok()) {
      error(s.status().message());
      exit_code = 2;
      return;
    }
    fmt::print(stderr, "sitrep: {} reports -> {} incidents ({} reported by 2+ articles), {} narratives, {} outlets\n",
               s.value().reports, s.value().incidents, s.value().linked_incidents, s.value().narratives, s.value().outlets);
    fmt::print(stderr, "sitrep: results in {}, {}, {} and {}\n", s.value().incidents_path, s.value().narratives_path,
               s.value().outlets_path, s.value().html_path);
    exit_code = errors ? 1 : 0;
  });
}

}  // namespace sitrep::cli
