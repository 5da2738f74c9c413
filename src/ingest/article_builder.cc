// build_article: one RawDocument -> one Article.
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "common/ascii.h"
#include "common/utf8.h"
#include "ingest/boilerplate.h"
#include "ingest/dedup.h"
#include "ingest/html_text.h"
#include "ingest/language.h"
#include "ingest/metadata.h"
#include "ingest/text_blocks.h"
#include "sitrep/ingest.h"

namespace sitrep {
namespace {

// Maps a segment that points into repaired text back to the document bytes;
// it stays exact only if no replacement character falls inside it.
void through_repair(const OffsetMap& repair, OffsetSegment& s) {
  if (repair.segments().empty()) return;
  for (const OffsetSegment& r : repair.segments())
    if (!r.exact && r.clean_begin < s.orig_begin + s.length &&
        s.orig_begin < r.clean_begin + r.length)
      s.exact = false;
  s.orig_begin = repair.to_original(s.orig_begin);
}

// A byte as word keys keep it: letters lower-cased, digits and the bytes of
// UTF-8 sequences as they are; 0 for the rest, which separate words.
constexpr std::array<char, 256> kKeyByte = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c)
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80) t[c] = static_cast<char>(c);
    else if (c >= 'A' && c <= 'Z') t[c] = static_cast<char>(c - 'A' + 'a');
  return t;
}();

// Appends the word key of `s` (letters and digits, lower-cased, one space
// between words) to the key `out` has so far, which may end with a space;
// the caller trims the last one. Written through a pointer into room as long
// as `s` (the key is never longer), not by push_back: the headline check keys
// the top of every article.
void append_word_key(std::string& out, std::string_view s) {
  const size_t at = out.size();
  out.resize(at + s.size());
  char* const begin = out.data();
  char* o = begin + at;
  for (const char c : s) {
    if (const char k = kKeyByte[static_cast<unsigned char>(c)]) *o++ = k;
    else if (o != begin && o[-1] != ' ') *o++ = ' ';
  }
  out.resize(static_cast<size_t>(o - begin));
}

void trim_last_space(std::string& key) {
  if (!key.empty() && key.back() == ' ') key.pop_back();
}

// A headline given beside the text (a JSON Lines "title") that the text does
// not repeat near its top: the extractor reads it as the first paragraph,
// since the headline names the article's main incident ("US airstrikes kill
// 23 civilians in Deir ezzor" above a lead that says only "in eastern Syria").
bool headline_missing(const std::string& title, const std::vector<ingest::Block>& kept) {
  // The first words only: a title often ends with the site's name ("... -
  // Region - World - Ahram Online", "| Jordan Times") that the text lacks.
  std::string key;
  append_word_key(key, title);
  trim_last_space(key);
  if (key.size() > 40) key.resize(key.rfind(' ', 40) == std::string::npos ? 40 : key.rfind(' ', 40));
  if (key.empty()) return false;
  // The top of the text only (a dateline or date line may come first): the
  // blocks' first `reach` bytes, a space after each, keyed 64 bytes at a time
  // and searched as it grows (the key ends no word, so a match in the key so
  // far is one in the whole): a text that repeats its headline mostly does so
  // in its first line.
  const size_t reach = title.size() + 400;
  std::string top_key;
  top_key.reserve(reach + 1);
  size_t top_bytes = 0;
  for (const ingest::Block& b : kept) {
    std::string_view part = std::string_view(b.text).substr(0, reach - std::min(reach, top_bytes));
    top_bytes += part.size() + 1;
    do {
      const std::string_view step = part.substr(0, 64);
      part.remove_prefix(step.size());
      const size_t from = top_key.size() > key.size() ? top_key.size() - key.size() : 0;  // new matches
      append_word_key(top_key, step);
      if (part.empty()) append_word_key(top_key, " ");
      if (top_key.find(key, from) != std::string::npos) return false;
    } while (!part.empty());
    if (top_bytes >= reach) break;
  }
  return true;
}

// Repairs a block whose text is not valid UTF-8 (from HTML in a lying charset).
void ensure_utf8(ingest::Block& b) {
  if (is_valid_utf8(b.text)) return;
  b.text = repair_utf8(b.text).text;
  for (OffsetSegment& s : b.segments) s.exact = false;
}

}  // namespace

Result<Article> build_article(const RawDocument& doc, const DiagnosticSink& diagnostics, ArticleExtras extras) {
  std::vector<ingest::Block> blocks;
  ingest::HtmlDocument html;
  OffsetMap repair;  // repaired text -> original bytes (text input)

  if (doc.is_html) {
    html = ingest::parse_html(doc.body);
    blocks = std::move(html.blocks);
    for (ingest::Block& b : blocks) ensure_utf8(b);
  } else if (is_valid_utf8(doc.body)) {  // the usual case: no repaired copy
    blocks = ingest::split_text_blocks(doc.body);
  } else {
    Utf8Repair r = repair_utf8(doc.body);
    if (diagnostics) {
      diagnostics({Diagnostic::Severity::kWarning, doc.input, doc.where,
                   "invalid UTF-8 at byte " + std::to_string(r.first_bad_offset) + ": " +
                       std::to_string(r.replaced) + " sequence(s) replaced with U+FFFD"});
    }
    blocks = ingest::split_text_blocks(r.text);
    repair = OffsetMap(std::move(r.segments));
  }

  ingest::BoilerplateResult clean = ingest::remove_boilerplate(std::move(blocks));
  if (!doc.is_html) ingest::promote_title(clean.kept);
  ingest::ArticleMetadata meta =
      ingest::read_metadata(doc, doc.is_html ? &html.meta : nullptr, clean.kept, clean.removed);

  Article a;
  a.format = doc.format;
  a.paths.push_back(doc.path);
  a.url = meta.url;
  a.outlet = meta.outlet;
  a.title = meta.title;
  a.byline = meta.byline;
  a.published = meta.published;

  std::vector<OffsetSegment> segments;
  // Its bytes are not in the document body: no offset segment (they map to
  // the start of the body, as the cleaner's paragraph breaks do).
  const bool headline = doc.title && !a.title.empty() && headline_missing(a.title, clean.kept);
  if (headline) {
    a.text = collapse_ascii_space(a.title);  // a paragraph has no line breaks
    a.paragraphs.push_back({0, static_cast<uint32_t>(a.text.size()), ParagraphKind::kTitle});
  }
  for (size_t i = 0; i < clean.kept.size(); ++i) {
    if (std::find(meta.consumed_blocks.begin(), meta.consumed_blocks.end(), i) !=
        meta.consumed_blocks.end())
      continue;
    const ingest::Block& b = clean.kept[i];
    if (!a.text.empty()) a.text.append("\n\n");
    const uint32_t base = static_cast<uint32_t>(a.text.size());
    a.text.append(b.text);
    a.paragraphs.push_back({base, static_cast<uint32_t>(a.text.size()), b.kind});
    for (OffsetSegment s : b.segments) {
      s.clean_begin += base;
      through_repair(repair, s);
      segments.push_back(s);
    }
  }
  if (a.paragraphs.size() == (headline ? 1u : 0u)) {
    return invalid_input(doc.is_html ? "no article text found in the HTML"
                                     : "no article text after cleaning");
  }
  a.offsets = OffsetMap(std::move(segments));
  if (extras.language) a.language = ingest::detect_language(a.text);
  if (extras.minhash) a.minhash = ingest::minhash(a.text);

  // The hash of outlet, title and text, each followed by a NUL byte: in one
  // call over their concatenation (the same hash as streamed part by part,
  // without a state to allocate and six updates).
  thread_local std::string id_input;
  id_input.clear();
  for (const std::string* part : {&a.outlet, &a.title, &a.text}) {
    id_input.append(*part);
    id_input.push_back('\0');
  }
  a.id = hex64(XXH3_64bits(id_input.data(), id_input.size()));
  return a;
}

}  // namespace sitrep
