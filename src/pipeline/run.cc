#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <future>
#include <thread>
#include <unordered_set>
#include <utility>

#include "common/bounded_channel.h"
#include "common/files.h"
#include "common/phase_timer.h"
#include "common/ordered_pool.h"
#include "kb/kb_paths.h"
#include "serve/article_json.h"
#include "serve/incident_json.h"
#include "serve/report_json.h"
#include "sitrep/assessment.h"
#include "sitrep/extract.h"
#include "sitrep/pipeline.h"
#include "sitrep/store.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;

}  // namespace

Result<RunSummary> run_pipeline(const RunOptions& options, const DiagnosticSink& diagnostics) {
  RunSummary summary;
  note_phase("start");  // the clock starts here
  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  if (ec) return io_error("cannot create " + options.out_dir + ": " + ec.message());
  const fs::path dir(options.out_dir);
  summary.db_path = (dir / "sitrep.db").string();
  summary.articles_path = (dir / "articles.jsonl").string();

  summary.reports_path = (dir / "reports.jsonl").string();

  auto extractor = Extractor::load(options.kb_dir.empty() ? kb::default_kb_dir() : options.kb_dir);
  if (!extractor.is_ok()) return extractor.status();

  Result<std::unique_ptr<Store>> opened = Store::open(summary.db_path);
  if (!opened.is_ok()) return opened.status();
  std::unique_ptr<Store> store = std::move(opened).value();

  std::unordered_set<std::string> known;
  {
    Result<std::vector<Article>> before = store->load_articles(false);
    if (!before.is_ok()) return before.status();
    for (const Article& a : before.value()) known.insert(a.id);
  }
  // In a store that was empty, the articles stored are those of this run
  // (unless another process wrote some too: counted below): they are kept
  // once written instead of read back after.
  const bool fresh = known.empty();
  std::vector<Article> written;

  // Cleaning and extraction run on a pool of workers; the results come back
  // in input order, so the store and the output files do not depend on the
  // number of threads. Messages from a worker are kept with its result and
  // passed on in order too, and so are the readers' (they go through the pool).
  struct Job {
    RawDocument doc;
    std::optional<Diagnostic> problem;  // a reader's message instead of a document
  };
  struct Built {
    Result<Article> article = invalid_input("not built");
    std::vector<StoredReport> reports;
    std::vector<Diagnostic> diagnostics;
    std::string input, where;
    bool message_only = false;
  };
  const Extractor& ex = *extractor.value();
  auto build = [&ex](Job&& job) {
    Built b;
    if (job.problem) {
      b.diagnostics.push_back(std::move(*job.problem));
      b.message_only = true;
      return b;
    }
    const RawDocument& doc = job.doc;
    b.input = doc.input;
    b.where = doc.where;
    b.article = build_article(doc, [&](const Diagnostic& d) { b.diagnostics.push_back(d); });
    if (!b.article.is_ok()) return b;
    for (const Report& r : ex.extract(b.article.value())) {
      StoredReport sr;
      sr.id = r.id;
      sr.article_id = r.article;
      sr.lead = r.lead;
      sr.type = to_string(r.type);
      if (r.date) {
        sr.date_start = r.date->start.iso();
        sr.date_end = r.date->end.iso();
      }
      sr.span_begin = r.span_begin;
      sr.json.reserve(1024);  // a report line is about 1 kB: no regrowth
      append_report_json(sr.json, r);
      b.reports.push_back(std::move(sr));
    }
    return b;
  };

  // Articles and reports go to the store in batches, one transaction each.
  // A batch is written on a thread of its own while the workers go on with
  // the next one: written in line, every commit would stall the pool (it
  // holds only a few articles in flight). One batch is written at a time,
  // in order.
  struct StoreBatch {
    std::vector<Article> articles;
    std::vector<std::string> known;  // ids of `articles` that may have reports stored already
    std::vector<StoredReport> reports;
  };
  StoreBatch batch;
  size_t batch_bytes = 0;
  Status store_status;
  std::future<Status> writing;  // the batch being written, if any
  auto wait_for_writer = [&] {
    if (!writing.valid()) return;
    Status s = writing.get();
    if (store_status.is_ok()) store_status = s;
  };
  auto flush = [&] {
    wait_for_writer();
    if (!store_status.is_ok()) batch = StoreBatch{};  // the run fails at the end: keep no more
    if (batch.articles.empty()) return;
    writing = std::async(std::launch::async, [&store, &written, fresh, b = std::move(batch)]() mutable {
      std::vector<const Article*> ptrs;
      for (const Article& a : b.articles) ptrs.push_back(&a);
      Status s = store->put_articles(ptrs);
      if (s.is_ok()) s = store->replace_reports(b.known, b.reports);
      if (s.is_ok() && fresh) std::move(b.articles.begin(), b.articles.end(), std::back_inserter(written));
      return s;
    });
    batch = StoreBatch{};
    batch_bytes = 0;
  };

  auto deliver = [&](Built&& b) {
    if (diagnostics)
      for (const Diagnostic& d : b.diagnostics) diagnostics(d);
    if (b.message_only) return;
    if (!b.article.is_ok()) {
      ++summary.failed;
      if (diagnostics)
        diagnostics({Diagnostic::Severity::kError, b.input, b.where, b.article.status().message()});
      return;
    }
    // An article new to the store has no reports there to replace.
    if (known.insert(b.article.value().id).second) ++summary.articles_new;
    else batch.known.push_back(b.article.value().id);
    batch.articles.push_back(std::move(b.article).value());
    batch_bytes += batch.articles.back().text.size();
    for (StoredReport& r : b.reports) {
      batch_bytes += r.json.size();
      batch.reports.push_back(std::move(r));
    }
    if (batch.articles.size() >= options.batch_size || batch_bytes >= options.batch_bytes) flush();
  };
  const size_t threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  // 64 articles in flight a thread, as `sitrep extract` (the pool's default
  // is 16): the workers and this thread hand over half the window at a time.
  OrderedPool<Job, Built> pool(threads, build, deliver, 64 * threads);

  // += : documents that fail to build are counted by `deliver` meanwhile.
  summary.failed += for_each_document(
      options.inputs, options.limits,
      [&](RawDocument&& doc) {
        ++summary.documents;
        pool.submit(Job{std::move(doc), std::nullopt});
      },
      [&](const Diagnostic& d) { pool.submit(Job{RawDocument{}, d}); });
  pool.finish();
  note_phase("read, clean, extract");
  flush();
  wait_for_writer();
  note_phase("store last batch");
  if (!store_status.is_ok()) return store_status;

  // Near-duplicates over everything stored, so the result does not depend on
  // which run brought which article. Loaded with their text once: narratives
  // and outlet profiles read it after linking.
  Result<std::vector<Article>> all =
      fresh ? Result<std::vector<Article>>(Store::as_loaded(std::move(written))) : store->load_articles(true);
  if (fresh) {
    // Another process stored articles meanwhile: read them all back.
    Result<int64_t> stored = store->article_count();
    if (!stored.is_ok()) return stored.status();
    if (static_cast<size_t>(stored.value()) != all.value().size()) all = store->load_articles(true);
  }
  if (!all.is_ok()) return all.status();
  std::vector<Article>& articles = all.value();
  std::vector<std::optional<std::string>> before;
  std::vector<Article*> ptrs;
  for (Article& a : articles) {
    before.push_back(a.duplicate_of);
    ptrs.push_back(&a);
  }
  note_phase("load articles");
  mark_near_duplicates(ptrs);
  note_phase("near-duplicates");
  std::vector<std::pair<std::string, std::optional<std::string>>> changes;
  for (size_t i = 0; i < articles.size(); ++i) {
    if (articles[i].duplicate_of != before[i])
      changes.emplace_back(articles[i].id, articles[i].duplicate_of);
    if (articles[i].duplicate_of) ++summary.duplicates;
  }
  if (!changes.empty()) {
    if (Status s = store->set_duplicate_of(changes); !s.is_ok()) return s;
  }
  summary.articles_total = articles.size();

  // articles.jsonl is written on another thread while the reports are
  // linked: both only read the articles.
  std::future<Status> articles_job = std::async(std::launch::async, [&articles, path = summary.articles_path] {
    AtomicFileWriter out(path);
    std::string line;
    for (const Article& a : articles) {
      line.clear();
      append_article_json(line, a);
      line.push_back('\n');
      out.write(line);
    }
    return out.commit();
  });
  // Link and assess everything stored, so the result does not depend on
  // which run brought which article. One pass over the stored reports, a few
  // hundred at a time, writes reports.jsonl and feeds the linker. This thread
  // only reads the store: the lines are parsed on a pool of workers, written
  // to reports.jsonl on a thread of their own and linked on another, one chunk
  // at a time, in store order (the linker takes them in order).
  ReportFeed feed = [&](const ReportSink& sink) {
    constexpr size_t kLines = 512;
    struct Lines {
      std::string bytes;          // the lines, each ending with '\n'
      std::vector<uint32_t> ends;  // offset just past each line's '\n'
    };
    struct Parsed {
      std::string bytes;
      std::vector<Report> reports;
      Status bad;  // the first line that does not parse
    };
    AtomicFileWriter reports_file(summary.reports_path);
    BoundedChannel<std::string> to_file(16);
    std::future<void> file_writer = std::async(std::launch::async, [&] {
      std::string bytes;
      while (to_file.pop(bytes)) reports_file.write(bytes);
    });
    ReportBatcher batches(articles, sink);
    BoundedChannel<std::vector<Report>> to_linker(4);
    std::future<void> linking = std::async(std::launch::async, [&] {
      std::vector<Report> chunk;
      while (to_linker.pop(chunk))
        for (Report& r : chunk) batches.add(std::move(r));
    });
    Status bad = Status::ok();
    auto parse = [](Lines&& in) {
      Parsed out;
      out.reports.reserve(in.ends.size());
      uint32_t begin = 0;
      for (uint32_t end : in.ends) {
        Result<Report> r = parse_report_json(std::string_view(in.bytes).substr(begin, end - 1 - begin));
        if (r.is_ok()) out.reports.push_back(std::move(r).value());
        else if (out.bad.is_ok()) out.bad = r.status();  // the store holds only lines it wrote
        begin = end;
      }
      out.bytes = std::move(in.bytes);
      return out;
    };
    auto pass_on = [&](Parsed&& done) {
      if (bad.is_ok()) bad = done.bad;
      to_file.push(std::move(done.bytes));
      to_linker.push(std::move(done.reports));
    };
    Status s;
    {
      OrderedPool<Lines, Parsed> parsers(threads, parse, pass_on, 4 * threads);
      Lines chunk;
      s = store->for_each_report_line([&](std::string_view l) {
        ++summary.reports;
        if (chunk.ends.empty()) chunk.bytes.reserve(kLines * 1280);  // report lines are about 1 kB
        chunk.bytes.append(l);
        chunk.bytes.push_back('\n');
        chunk.ends.push_back(static_cast<uint32_t>(chunk.bytes.size()));
        if (chunk.ends.size() == kLines) parsers.submit(std::exchange(chunk, {}));
      });
      if (!chunk.ends.empty()) parsers.submit(std::move(chunk));
      parsers.finish();
    }
    to_file.close(Status::ok());
    to_linker.close(Status::ok());
    file_writer.get();
    linking.get();
    batches.flush();
    if (!s.is_ok()) return s;
    if (!bad.is_ok()) return bad;
    return reports_file.commit();
  };
  Result<AssessmentSummary> assessed = write_assessment(
      articles, feed, options.kb_dir.empty() ? kb::default_kb_dir() : options.kb_dir, options.out_dir, store.get());
  if (Status s = articles_job.get(); !s.is_ok()) return s;
  if (!assessed.is_ok()) return assessed.status();
  summary.assessment = std::move(assessed).value();
  return summary;
}

}  // namespace sitrep
