#include "ingest/text_blocks.h"

#include <algorithm>
#include <cstdint>

namespace sitrep::ingest {
namespace {

struct Line {
  size_t begin, end;  // trimmed span in the text
  bool blank_before;  // a blank line (or the start of text) precedes it
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// U+00A0 (no-break space) is common in pasted news text.
size_t leading_space(std::string_view s, size_t i, size_t end) {
  while (i < end) {
    if (is_space(s[i]))
      ++i;
    else if (i + 1 < end && static_cast<unsigned char>(s[i]) == 0xC2 &&
             static_cast<unsigned char>(s[i + 1]) == 0xA0)
      i += 2;
    else
      break;
  }
  return i;
}

size_t trailing_space(std::string_view s, size_t begin, size_t end) {
  while (end > begin) {
    if (is_space(s[end - 1]))
      --end;
    else if (end - begin >= 2 && static_cast<unsigned char>(s[end - 2]) == 0xC2 &&
             static_cast<unsigned char>(s[end - 1]) == 0xA0)
      end -= 2;
    else
      break;
  }
  return end;
}

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  bool blank = true;
  size_t i = 0;
  while (i <= text.size()) {
    size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos) nl = text.size();
    const size_t b = leading_space(text, i, nl);
    const size_t e = trailing_space(text, b, nl);
    if (b == e) {
      blank = true;
    } else {
      lines.push_back({b, e, blank});
      blank = false;
    }
    if (nl == text.size()) break;
    i = nl + 1;
  }
  return lines;
}

bool ends_sentence(std::string_view s) {
  if (s.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(s.back());
  if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '\'' || c == ')' || c == ';')
    return true;
  // Closing curly quotes ” ’ and the ellipsis … are three bytes ending 0x9D, 0x99, 0xA6.
  return s.size() >= 3 && static_cast<unsigned char>(s[s.size() - 3]) == 0xE2 &&
         (c == 0x9D || c == 0x99 || c == 0xA6);
}

size_t word_count(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool sp = c == ' ' || c == '\t';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

// Bytes of a bullet marker and the space after it, or 0.
size_t bullet_length(std::string_view s) {
  size_t n = 0;
  if (s.starts_with("\xE2\x80\xA2"))
    n = 3;  // •
  else if (s.starts_with("\xC2\xB7"))
    n = 2;  // ·
  else if (s.starts_with("- ") || s.starts_with("* "))
    n = 1;
  if (n == 0) return 0;
  size_t k = n;
  while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
  // "- " and "* " need their space; a bare dash may start a sentence.
  const bool spaced = k > n || n > 1;
  return k < s.size() && spaced ? k : 0;
}

bool is_caption(std::string_view s) {
  // A caption is a sentence or two; a whole article can end with a credit too.
  if (s.size() > 400) return false;
  // "... on June 6, 2017. (DELIL SOULEIMAN/AFP)"
  if (s.size() > 8 && s.back() == ')') {
    const size_t open = s.rfind('(');
    if (open != std::string_view::npos) {
      std::string_view credit = s.substr(open + 1, s.size() - open - 2);
      if (credit.find('/') != std::string_view::npos && credit.size() < 60) {
        bool upper = true;
        for (char c : credit)
          if (c >= 'a' && c <= 'z') upper = false;
        if (upper) return true;
      }
    }
  }
  // "...Aleppo, Syria.Source:AP" and "Photo: ..." / "Image: ..."
  const size_t src = s.rfind("Source:");
  if (src != std::string_view::npos && s.size() - src < 30 && src > 0) return true;
  return s.starts_with("Photo:") || s.starts_with("Image:") || s.starts_with("PHOTO:");
}

// A headline: short, and not a sentence that ends.
bool is_title_like(std::string_view s) {
  return s.size() <= 200 && word_count(s) <= 25 && !ends_sentence(s);
}

// Most non-final lines of a paragraph being long and unterminated means the
// text was wrapped at a fixed width.
bool looks_hard_wrapped(std::string_view text, const std::vector<Line>& lines) {
  size_t wrapped = 0, candidates = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i + 1].blank_before) continue;
    ++candidates;
    const size_t len = lines[i].end - lines[i].begin;
    if (len >= 50 && len <= 100 && !ends_sentence(text.substr(lines[i].begin, len))) ++wrapped;
  }
  return candidates >= 3 && wrapped * 2 > candidates;
}

}  // namespace

std::vector<Block> split_text_blocks(std::string_view text) {
  const std::vector<Line> lines = split_lines(text);
  const bool wrapped = looks_hard_wrapped(text, lines);

  std::vector<Block> blocks;
  bool prev_joinable = false;  // the last block may take the next line
  for (const Line& line : lines) {
    std::string_view s = text.substr(line.begin, line.end - line.begin);
    size_t begin = line.begin;
    ParagraphKind kind = ParagraphKind::kBody;
    if (size_t b = bullet_length(s); b > 0) {
      begin += b;
      s.remove_prefix(b);
      kind = ParagraphKind::kListItem;
    } else if (is_caption(s)) {
      kind = ParagraphKind::kCaption;
    }
    const bool join = prev_joinable && !line.blank_before && kind == ParagraphKind::kBody;
    if (join) {
      Block& last = blocks.back();
      last.text.push_back(' ');
      last.segments.push_back({static_cast<uint32_t>(last.text.size()),
                               static_cast<uint32_t>(begin), static_cast<uint32_t>(s.size()),
                               true});
      last.text.append(s);
    } else {
      Block b;
      b.text.assign(s);
      b.kind = kind;
      b.segments.push_back(
          {0, static_cast<uint32_t>(begin), static_cast<uint32_t>(s.size()), true});
      blocks.push_back(std::move(b));
    }
    prev_joinable = wrapped && blocks.back().kind == ParagraphKind::kBody && !ends_sentence(s);
  }

  // Rejoin long paragraphs split mid-sentence: "... transactional and" + "tactical, ...".
  std::vector<Block> merged;
  for (Block& b : blocks) {
    // The first block is the title candidate and is never merged into.
    if (merged.size() > 1) {
      Block& last = merged.back();
      const bool both_body = last.kind == ParagraphKind::kBody && b.kind == ParagraphKind::kBody;
      if (both_body && last.text.size() >= 60 && b.text.size() >= 60 && !ends_sentence(last.text) &&
          word_count(last.text) >= 10) {
        const uint32_t shift = static_cast<uint32_t>(last.text.size() + 1);
        last.text.push_back(' ');
        for (OffsetSegment seg : b.segments) {
          seg.clean_begin += shift;
          last.segments.push_back(seg);
        }
        last.text.append(b.text);
        continue;
      }
    }
    merged.push_back(std::move(b));
  }

  // Title and headings.
  for (size_t i = 0; i < merged.size(); ++i) {
    Block& b = merged[i];
    if (b.kind != ParagraphKind::kBody || !is_title_like(b.text)) continue;
    if (i == 0) {
      b.kind = ParagraphKind::kTitle;
    } else if (word_count(b.text) <= 10 && i + 1 < merged.size() &&
               (merged[i + 1].kind == ParagraphKind::kBody ||
                merged[i + 1].kind == ParagraphKind::kListItem) &&
               merged[i + 1].text.size() > b.text.size()) {
      b.kind = ParagraphKind::kHeading;
    }
  }
  return merged;
}

void promote_title(std::vector<Block>& blocks) {
  for (const Block& b : blocks)
    if (b.kind == ParagraphKind::kTitle) return;
  if (blocks.empty()) return;
  Block& first = blocks.front();
  if ((first.kind == ParagraphKind::kBody || first.kind == ParagraphKind::kHeading) &&
      is_title_like(first.text))
    first.kind = ParagraphKind::kTitle;
}

}  // namespace sitrep::ingest
