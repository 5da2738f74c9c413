// Plain text to blocks: paragraphs, titles, headings, captions, bullets.
#pragma once

#include <string_view>
#include <vector>

#include "ingest/block.h"

namespace sitrep::ingest {

// Splits plain text (valid UTF-8) into blocks with exact offsets into `text`.
//  - A blank line ends a paragraph. Single newlines also separate blocks
//    unless the text is hard-wrapped (most lines of similar length that stop
//    mid-sentence), in which case the lines of a paragraph are joined.
//  - A long paragraph that stops mid-sentence followed by another long one is
//    rejoined (page breaks and copy-paste splits "transactional and\n\ntactical").
//  - The first block is kTitle when it is short and does not end a sentence.
//  - Bullets ("•", "-", "*", "·") give kListItem with the marker dropped.
//  - Photo captions ("... (NAME/AFP)", "...Source:AP", "Photo: ...") give kCaption.
//  - Short lines without final punctuation followed by a paragraph give kHeading.
std::vector<Block> split_text_blocks(std::string_view text);

// When no block is the title (the first line was page chrome and has been
// removed), makes the first block the title if it is a short line that does
// not end a sentence.
void promote_title(std::vector<Block>& blocks);

}  // namespace sitrep::ingest
