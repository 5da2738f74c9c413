// The link and assess stages behind `sitrep run` and `sitrep link`: reports ->
// incidents, narratives and outlet profiles, written as incidents.jsonl,
// narratives.jsonl, outlets.jsonl and report.html.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sitrep/article.h"
#include "sitrep/link.h"
#include "sitrep/status.h"
#include "sitrep/store.h"

namespace sitrep {

struct AssessmentSummary {
  size_t reports = 0, incidents = 0, linked_incidents = 0, narratives = 0, outlets = 0;
  std::string incidents_path, narratives_path, outlets_path, html_path;
};

// Hands the reports to link to `sink`, in batches of any size, and returns
// a failure that must stop the assessment (a bad line is the feed's to
// report and skip).
using ReportSink = std::function<void(std::vector<LinkInput>&&)>;
using ReportFeed = std::function<Status(const ReportSink& sink)>;

// Gives reports to a sink a few thousand at a time (never all at once), each
// with the info of its article among `articles` (outlet, date, copy of), or
// an unknown outlet when its article is not among them.
class ReportBatcher {
 public:
  ReportBatcher(const std::vector<Article>& articles, const ReportSink& sink);
  void add(Report&& report);
  void flush();  // hands over what is left; call at the end

 private:
  static constexpr size_t kBatch = 4096;
  const std::vector<Article>& articles_;
  const ReportSink& sink_;
  std::unordered_map<std::string, size_t> index_;  // article id -> position in `articles_`
  std::optional<ArticleInfo> info_;                 // of the last report's article
  std::vector<LinkInput> batch_;
};

// Links the reports of `articles` that `feed` gives and writes the outputs
// into `out_dir`. Articles with their text give narratives and the
// loaded-term profile of each outlet; without text those parts are left
// empty. `kb_dir` gives the actor dictionary (source kinds, narrative
// attributions). With a `store`, its incidents are replaced by the new ones.
// Reports and incidents wait in scratch files in `out_dir` (removed as they
// are made), so memory stays well under a gigabyte for a million reports.
Result<AssessmentSummary> write_assessment(const std::vector<Article>& articles, const ReportFeed& feed,
                                           const std::string& kb_dir, const std::string& out_dir,
                                           Store* store = nullptr);

// The ArticleInfo of a stored or ingested article.
ArticleInfo article_info(const Article& a);

}  // namespace sitrep
