// Article -> one line of articles.jsonl (DESIGN.md, output contract).
#pragma once

#include <string>

#include "sitrep/article.h"

namespace sitrep {

// Appends the article's JSON object (no trailing newline) to `out`. Fields,
// in this order: id, path, paths (only when more than one), url, outlet,
// title, byline, published {date, precision, from, evidence} or null,
// language, duplicate_of, format.
void append_article_json(std::string& out, const Article& a);

}  // namespace sitrep
