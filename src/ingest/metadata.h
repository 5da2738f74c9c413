// Article metadata from blocks and container hints: title, byline, outlet and
// publication date, each with a rule that says where it came from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ingest/boilerplate.h"
#include "ingest/html_text.h"
#include "sitrep/ingest.h"

namespace sitrep::ingest {

struct ArticleMetadata {
  std::string title;
  std::optional<std::string> byline;
  std::string outlet = "unknown";
  std::optional<std::string> url;
  std::optional<PublishedDate> published;
  std::vector<size_t> consumed_blocks;  // indices of kept blocks that were metadata (byline lines)
};

// The host of a URL without "www." ("https://www.reuters.com/x" -> "reuters.com").
std::optional<std::string> host_of_url(const std::string& url);

// Reads metadata. Sources by priority:
//  title    container title, HTML metadata, the first kTitle block;
//  byline   HTML author, else a "By NAME" line or a "NAME 7 June 2017" line
//           right after the title (that line is consumed);
//  outlet   container outlet, URL host, HTML site name, a domain in a removed
//           contact line ("wsws.org/contact"), else "unknown";
//  date     metadata (container or HTML), a dateline ("RAQQA, SYRIA (June 15,
//           2017) –"), a date line at the top of the text (byline date, "Published
//           ..."), then a caption date refined by the weekdays the lead names.
//           Dates in removed chrome and dates above the title are never used.
ArticleMetadata read_metadata(const RawDocument& doc, const HtmlMetadata* html,
                              const std::vector<Block>& kept,
                              const std::vector<RemovedBlock>& removed);

}  // namespace sitrep::ingest
