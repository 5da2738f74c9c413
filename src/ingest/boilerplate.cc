#include "ingest/boilerplate.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_set>

#include "common/ascii.h"
#include "text/dates.h"

namespace sitrep::ingest {
namespace {

std::string_view trim_punct(std::string_view s) {
  while (!s.empty() && (s.back() == '.' || s.back() == ':' || s.back() == ' ' || s.back() == '!'))
    s.remove_suffix(1);
  return s;
}

// Whole-block prompts and chrome, compared lower-cased without final punctuation.
constexpr std::array<std::string_view, 34> kChromeLines = {
    "leave a reply",
    "leave a comment",
    "your email address will not be published",
    "show full article",
    "read more",
    "read full article",
    "continue reading",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "tweet",
    "share",
    "email",
    "print",
    "whatsapp",
    "advertisement",
    "sponsored content",
    "click here to subscribe",
    "subscribe",
    "sign up for our newsletter",
    "get short url",
    "this site is for sale",
    "this domain is for sale",
    "this domain may be for sale",
    "buy this domain",
    "follow us",
    "back to top",
    "skip to content",
    "comments",
    "related",
    "you may also like",
    "most popular"};

// Footer markers: from one of these to the end is not the article.
constexpr std::array<std::string_view, 9> kFooterMarkers = {
    "leave a reply",   "leave a comment", "show full article", "related video", "related articles",
    "related stories", "comments",        "you may also like", "more from"};

constexpr std::array<std::string_view, 8> kChromePrefixes = {
    "follow us on", "subscribe to", "sign up for",         "click to share",
    "share this:",  "copyright ",   "all rights reserved", "to contact the"};

// What the block tests read: the block lower-cased without its trailing
// punctuation, and of a long block only the first kHeadBytes. Every test
// compares a whole block with a line shorter than that (or, for a link, asks
// for at most 200 bytes), which a cut head of exactly kHeadBytes never equals,
// or asks for a prefix shorter than that: the head answers as the whole
// block would, without lower-casing whole articles.
constexpr size_t kHeadBytes = 256;
std::string block_head(std::string_view text) { return ascii_lower(trim_punct(text).substr(0, kHeadBytes)); }

bool is_chrome_line(std::string_view t) {
  for (std::string_view c : kChromeLines)
    if (t == c) return true;
  for (std::string_view p : kChromePrefixes)
    if (t.starts_with(p)) return true;
  if (t.starts_with("\xC2\xA9")) return true;  // ©
  return false;
}

// A bare URL or domain path ("wsws.org/contact", "https://example.com").
bool is_bare_link(std::string_view t) {
  if (t.find(' ') != std::string_view::npos || t.size() > 200) return false;
  if (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")) return true;
  const size_t dot = t.find('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  static constexpr std::array<std::string_view, 8> kTlds = {".org", ".com",  ".net", ".info",
                                                            ".co.", ".news", ".ru",  ".uk"};
  for (std::string_view tld : kTlds)
    if (t.find(tld) != std::string_view::npos) return true;
  return false;
}

bool is_footer_marker(std::string_view t) {
  for (std::string_view m : kFooterMarkers)
    if (t == m) return true;
  return false;
}

// A block that is a date and little else ("Tuesday, February 7th, 2023").
bool is_date_only(const std::string& text) {
  if (text.size() > 60) return false;
  const auto dates = text::find_dates(text, 1);
  return !dates.empty() && (dates[0].end - dates[0].begin) * 10 >= text.size() * 7;
}

}  // namespace

std::string_view strip_photo_credit(std::string_view text) {
  std::string_view s = text;
  // "Source:" among the last 29 bytes: only they are searched (rfind over a
  // whole block tests every position, and a block may be the whole article).
  constexpr size_t kSourceReach = 29;
  const size_t from = s.size() > kSourceReach ? s.size() - kSourceReach : 0;
  if (const size_t src = s.substr(from).rfind("Source:"); src != std::string_view::npos) {
    s = s.substr(0, from + src);
  } else if (!s.empty() && s.back() == ')') {
    const size_t open = s.rfind('(');
    if (open != std::string_view::npos && s.substr(open).find('/') != std::string_view::npos)
      s = s.substr(0, open);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '.')) s.remove_suffix(1);
  return s;
}

BoilerplateResult remove_boilerplate(std::vector<Block> blocks) {
  BoilerplateResult r;
  const size_t n = blocks.size();
  std::vector<std::string> reason(n);
  std::vector<std::string> heads(n);  // block_head of each block
  for (size_t i = 0; i < n; ++i) heads[i] = block_head(blocks[i].text);

  for (size_t i = 0; i < n; ++i) {
    const std::string& low = heads[i];
    if (low.starts_with("this site is for sale") || low.starts_with("this domain is for sale")) {
      reason[i] = "parked domain";
    } else if (low.starts_with("to contact the") || is_bare_link(low)) {
      reason[i] = "contact";
    } else if (is_chrome_line(low)) {
      reason[i] = "prompt";
    }
  }

  // A standalone date beside removed chrome is the page's date, not the article's.
  for (size_t i = 0; i < n; ++i) {
    if (!reason[i].empty() || !is_date_only(blocks[i].text)) continue;
    const bool beside_chrome = (i > 0 && !reason[i - 1].empty() && reason[i - 1] != "page date") ||
                               (i + 1 < n && !reason[i + 1].empty());
    if (beside_chrome) reason[i] = "page date";
  }

  // Footer: from a marker in the second half of the page to the end.
  for (size_t i = n / 2; i < n; ++i) {
    if (is_footer_marker(heads[i])) {
      for (size_t k = i; k < n; ++k)
        if (reason[k].empty()) reason[k] = "footer";
      // Headings and tag lines left dangling at the end have no body.
      for (size_t k = i; k-- > 0;) {
        if (!reason[k].empty()) continue;
        const ParagraphKind kind = blocks[k].kind;
        const bool dangling = kind == ParagraphKind::kHeading ||
                              (blocks[k].text.size() <= 40 && kind == ParagraphKind::kBody &&
                               blocks[k].text.find('.') == std::string::npos);
        if (!dangling) break;
        reason[k] = "footer";
      }
      break;
    }
  }

  // Repeats (a caption printed twice, an author line doubled). The keys are
  // views into the blocks, hashed by their length and first bytes only: a
  // block can be a whole article, and repeats are rare.
  {
    struct HeadHash {
      size_t operator()(std::string_view s) const {
        return std::hash<std::string_view>{}(s.substr(0, 32)) ^ (s.size() * 0x9E3779B97F4A7C15ULL);
      }
    };
    std::unordered_set<std::string_view, HeadHash> seen;
    for (size_t i = 0; i < n; ++i) {
      if (!reason[i].empty()) continue;
      const std::string_view key = strip_photo_credit(blocks[i].text);
      if (key.size() < 8) continue;
      if (!seen.insert(key).second) reason[i] = "repeated";
    }
  }

  for (size_t i = 0; i < n; ++i) {
    if (reason[i].empty()) {
      r.kept.push_back(std::move(blocks[i]));
    } else {
      r.removed.push_back({std::move(blocks[i]), reason[i]});
    }
  }
  return r;
}

}  // namespace sitrep::ingest
