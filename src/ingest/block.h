// Block: one paragraph-like unit of a document on its way to clean text.
#pragma once

#include <string>
#include <vector>

#include "sitrep/article.h"

namespace sitrep::ingest {

// Text of one block (a line or paragraph of a text file, a <p>/<h1>/<li> of
// HTML) and where its bytes came from. Segment clean_begin values are
// relative to the start of `text`; orig_begin values are absolute offsets
// into the document's original bytes.
struct Block {
  std::string text;  // valid UTF-8, whitespace collapsed, no newlines
  ParagraphKind kind = ParagraphKind::kBody;
  std::vector<OffsetSegment> segments;
};

}  // namespace sitrep::ingest
