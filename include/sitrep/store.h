// Store: the embedded SQLite database behind `sitrep run` (one file, WAL).
//
// Every write is one transaction, so a run killed at any point leaves the
// database as it was after the last committed batch; re-running the same
// inputs adds nothing that is already there. Not thread-safe: use one Store
// per thread (SQLite serialises writers anyway).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sitrep/article.h"
#include "sitrep/status.h"

namespace sitrep {

// A report as stored: its JSON line (the output contract) and key columns.
struct StoredReport {
  std::string id, article_id;
  bool lead = false;
  std::string type;
  std::optional<std::string> date_start, date_end;
  int64_t span_begin = 0;
  std::string json;
};

// An incident as stored: its JSON line and key columns.
struct StoredIncident {
  std::string id, type, grade;
  std::optional<std::string> date_start;
  int64_t articles = 0;
  std::vector<std::string> reports;  // report ids
  std::string json;
};

class Store {
 public:
  // Opens or creates the database at `path`, applying schema migrations.
  static Result<std::unique_ptr<Store>> open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The schema version after migrations (see kSchemaVersion in the source).
  int schema_version() const;

  // Adds `articles` in one transaction. An article already stored (same id)
  // keeps its row and gains any path it did not have; nothing else changes.
  Status put_articles(const std::vector<const Article*>& articles);

  // Sets or clears duplicate_of for the given article ids, in one transaction.
  Status set_duplicate_of(
      const std::vector<std::pair<std::string, std::optional<std::string>>>& updates);

  // Replaces the reports of `article_ids` by `reports`, in one transaction.
  Status replace_reports(const std::vector<std::string>& article_ids,
                         const std::vector<StoredReport>& reports);

  // The JSON lines of all reports, in article order (first path, id), then
  // by position in the article: all at once, or one at a time to `f`.
  Result<std::vector<std::string>> report_lines() const;
  Status for_each_report_line(const std::function<void(std::string_view)>& f) const;

  // Replaces every stored incident, in one transaction (incidents are
  // re-linked from all stored reports on each run): by `incidents`, or by
  // those `next` gives one at a time (it fills its argument and returns
  // true, returns false at the end, or fails, which leaves the store as it was).
  Status replace_incidents(const std::vector<StoredIncident>& incidents);
  Status replace_incidents(const std::function<Result<bool>(StoredIncident&)>& next);

  // The JSON lines of all incidents, by date (undated last), then id.
  Result<std::vector<std::string>> incident_lines() const;

  // All stored articles ordered by their first path, then id. With
  // `with_text` false the text, paragraphs and offsets are left empty.
  Result<std::vector<Article>> load_articles(bool with_text) const;

  // One article by id, with its text; kNotFound when absent.
  Result<Article> load_article(const std::string& id) const;

  // The number of articles stored.
  Result<int64_t> article_count() const;

  // What load_articles(true) gives after put_articles(`articles`) into an
  // empty store, without a store: the first article of each id with the
  // paths of all of them, in the store's order.
  static std::vector<Article> as_loaded(std::vector<Article> articles);

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sitrep
