// Boilerplate removal over blocks: page chrome, prompts, footers, repeats.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/block.h"

namespace sitrep::ingest {

struct RemovedBlock {
  Block block;
  std::string reason;  // "prompt", "footer", "parked domain", "page date", "repeated", "contact"
};

struct BoilerplateResult {
  std::vector<Block> kept;
  std::vector<RemovedBlock> removed;  // in document order; metadata may read them (contact domains)
};

// Removes, in order:
//  - page chrome lines: "This site is for sale.", share/follow/subscribe
//    prompts, "Advertisement", copyright lines, contact lines and bare URLs;
//  - a date standing alone next to removed chrome (a banner's "today" date);
//  - everything from a footer marker ("Leave A Reply", "Show Full Article",
//    "Related Video:", "Related Articles", "Comments") to the end, when the
//    marker is in the second half of the page, then headings left with no
//    body after them;
//  - blocks that repeat an earlier block once photo credits are ignored
//    ("caption" and "caption Source:AP").
BoilerplateResult remove_boilerplate(std::vector<Block> blocks);

// The block text without a trailing photo credit: "(NAME/AFP)" or "Source:AP"
// (a view into `text`).
std::string_view strip_photo_credit(std::string_view text);

}  // namespace sitrep::ingest
