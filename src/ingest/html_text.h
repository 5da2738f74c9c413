// HTML to blocks of text, with page metadata, using libxml2's HTML parser.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/block.h"

namespace sitrep::ingest {

struct HtmlMetadata {
  std::optional<std::string> title;      // og:title, else <title>, else first <h1>
  std::optional<std::string> site_name;  // og:site_name, application-name
  std::optional<std::string> url;        // <link rel=canonical>, else og:url
  std::optional<std::string> author;     // meta author / article:author / JSON-LD author name / rel=author
  std::optional<std::string> published;  // raw value of the publication date, see below
  std::optional<std::string> published_from;  // where: "meta article:published_time", "json-ld datePublished", "time[datetime]", ...
  std::optional<std::string> language;   // <html lang>
};

struct HtmlDocument {
  std::vector<Block> blocks;  // in document order; headings, paragraphs, list items, captions, quotes
  HtmlMetadata meta;
};

// Parses `html` (any encoding libxml2 detects; output is UTF-8) and returns
// the visible text as blocks. Never fails: garbage yields few or no blocks.
// Dropped: script, style, noscript, template, svg, iframe, form, button,
// nav, header, footer, aside, and elements whose class/id/role marks
// navigation, sharing, comments, related links, ads, cookie or newsletter
// prompts. If the page has an <article> (or role=main / <main>) with enough
// text, only its content is kept. <figcaption> gives kCaption blocks, h1-h6
// kHeading, li kListItem, blockquote kQuote; <br> splits a block.
// Offsets: each text node is located in `html` by a forward search; a node
// found verbatim gets an exact segment, otherwise (entities) an inexact one at
// the best known position. Thread-safe (libxml2 is initialised once).
HtmlDocument parse_html(std::string_view html);

}  // namespace sitrep::ingest
