#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unordered_set>

#include "kb/kb_paths.h"
#include "serve/article_json.h"
#include "serve/report_json.h"
#include "sitrep/extract.h"
#include "sitrep/pipeline.h"
#include "sitrep/store.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;

// Writes `content` to `path` through a temporary file and a rename.
Status write_atomically(const fs::path& path, const std::string& content) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return io_error("cannot write " + tmp.string());
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) return io_error("cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return io_error("cannot rename " + tmp.string() + ": " + ec.message());
  return Status::ok();
}

}  // namespace

Result<RunSummary> run_pipeline(const RunOptions& options, const DiagnosticSink& diagnostics) {
  RunSummary summary;
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

  std::vector<Article> batch;
  Status store_status;
  auto flush = [&] {
    if (batch.empty() || !store_status.is_ok()) return;
    std::vector<const Article*> ptrs;
    std::vector<std::string> ids;
    std::vector<StoredReport> reports;
    for (const Article& a : batch) {
      ptrs.push_back(&a);
      ids.push_back(a.id);
      for (const Report& r : extractor.value()->extract(a)) {
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
        append_report_json(sr.json, r);
        reports.push_back(std::move(sr));
      }
    }
    store_status = store->put_articles(ptrs);
    if (store_status.is_ok()) store_status = store->replace_reports(ids, reports);
    batch.clear();
  };

  summary.failed = for_each_document(
      options.inputs, options.limits,
      [&](RawDocument&& doc) {
        ++summary.documents;
        Result<Article> a = build_article(doc, diagnostics);
        if (!a.is_ok()) {
          ++summary.failed;
          if (diagnostics)
            diagnostics({Diagnostic::Severity::kError, doc.input, doc.where, a.status().message()});
          return;
        }
        if (known.insert(a.value().id).second) ++summary.articles_new;
        batch.push_back(std::move(a).value());
        if (batch.size() >= options.batch_size) flush();
      },
      diagnostics);
  flush();
  if (!store_status.is_ok()) return store_status;

  // Near-duplicates over everything stored, so the result does not depend on
  // which run brought which article.
  Result<std::vector<Article>> all = store->load_articles(false);
  if (!all.is_ok()) return all.status();
  std::vector<Article>& articles = all.value();
  std::vector<std::optional<std::string>> before;
  std::vector<Article*> ptrs;
  for (Article& a : articles) {
    before.push_back(a.duplicate_of);
    ptrs.push_back(&a);
  }
  mark_near_duplicates(ptrs);
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

  std::string out;
  for (const Article& a : articles) {
    append_article_json(out, a);
    out.push_back('\n');
  }
  if (Status s = write_atomically(summary.articles_path, out); !s.is_ok()) return s;

  Result<std::vector<std::string>> lines = store->report_lines();
  if (!lines.is_ok()) return lines.status();
  out.clear();
  for (const std::string& l : lines.value()) {
    out += l;
    out.push_back('\n');
  }
  summary.reports = lines.value().size();
  if (Status s = write_atomically(summary.reports_path, out); !s.is_ok()) return s;
  return summary;
}

}  // namespace sitrep
