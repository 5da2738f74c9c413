// The link and assess stages behind `sitrep run` and `sitrep link`: reports ->
// incidents, narratives and outlet profiles, written as incidents.jsonl,
// narratives.jsonl, outlets.jsonl and report.html.
#pragma once

#include <string>
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

// Links `inputs` (the reports of `articles`) and writes the outputs into
// `out_dir`. Articles with their text give narratives and the loaded-term
// profile of each outlet; without text those parts are left empty. `kb_dir`
// gives the actor dictionary (source kinds, narrative attributions). With a
// `store`, its incidents are replaced by the new ones.
Result<AssessmentSummary> write_assessment(const std::vector<Article>& articles, std::vector<LinkInput> inputs,
                                           const std::string& kb_dir, const std::string& out_dir,
                                           Store* store = nullptr);

// The ArticleInfo of a stored or ingested article.
ArticleInfo article_info(const Article& a);

}  // namespace sitrep
