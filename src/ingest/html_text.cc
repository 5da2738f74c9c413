// HTML to blocks. libxml2 builds a forgiving DOM; one walk in document order
// collects metadata, cuts the visible text into blocks and maps every word
// back to the original bytes with a cursor that only moves forward.
#include "ingest/html_text.h"

#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <simdjson.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/ascii.h"

namespace sitrep::ingest {
namespace {

constexpr size_t kSearchWindow = 64 * 1024;  // how far ahead a text node is searched for
constexpr size_t kContextScan = 1024;        // how far back a match is checked for sitting in a tag
constexpr size_t kNearSlack = 64;            // slack when a word is looked for near its expected place
constexpr int kMaxRejected = 16;             // matches inside tags tolerated per search
constexpr size_t kMetaTextCap = 4096;
constexpr size_t kScriptTextCap = 4 * 1024 * 1024;
constexpr double kMainShare = 0.4;
constexpr size_t kMainMinBytes = 500;
constexpr double kMainMinShareWithBytes = 0.2;  // keeps a 500-byte teaser card from winning
constexpr int kJsonMaxDepth = 16;
constexpr size_t kJsonMaxObjects = 512;

// ---------------------------------------------------------------- strings

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

// Byte length of the whitespace character at s[i], or 0. Control characters
// count as whitespace so they never reach a block.
size_t space_len(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  const unsigned c = b(0);
  if (c <= 0x20 || c == 0x7F) return 1;
  if (c == 0xC2 && b(1) == 0xA0) return 2;  // no-break space
  if (c == 0xE1 && b(1) == 0x9A && b(2) == 0x80) return 3;
  if (c == 0xE2 && b(1) == 0x80 && ((b(2) >= 0x80 && b(2) <= 0x8A) || b(2) == 0xA8 || b(2) == 0xA9 || b(2) == 0xAF))
    return 3;
  if (c == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;
  if (c == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;
  return 0;
}

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one.
size_t utf8_len(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t len = 0;
  uint32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return 0;
  if (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return 0;
  return len;
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = utf8_len(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

void append_sanitized(std::string& out, std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = utf8_len(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
}

// Calls f(offset, word) for each whitespace-separated word of s.
template <typename F>
void for_each_word(std::string_view s, F&& f) {
  size_t i = 0;
  while (i < s.size()) {
    size_t sp = space_len(s, i);
    if (sp > 0) {
      i += sp;
      continue;
    }
    const size_t begin = i;
    while (i < s.size() && (sp = space_len(s, i)) == 0) ++i;
    f(begin, s.substr(begin, i - begin));
  }
}

// Whitespace collapsed, trimmed, valid UTF-8.
std::string collapse(std::string_view s) {
  std::string out;
  for_each_word(s, [&](size_t, std::string_view w) {
    if (!out.empty()) out += ' ';
    append_sanitized(out, w);
  });
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (ascii_lower(s[i]) != prefix[i]) return false;
  return true;
}

bool has_token(std::string_view list, std::string_view token) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && is_ascii_space(list[i])) ++i;
    const size_t begin = i;
    while (i < list.size() && !is_ascii_space(list[i])) ++i;
    if (i > begin && i - begin == token.size() && starts_with_ci(list.substr(begin, i - begin), token)) return true;
  }
  return false;
}

std::string strip_by(std::string s) {
  if (starts_with_ci(s, "by ")) s.erase(0, 3);
  return std::string(trim_ascii(s));
}

bool looks_like_url(std::string_view s) {
  return starts_with_ci(s, "http://") || starts_with_ci(s, "https://") || starts_with_ci(s, "www.");
}

// ------------------------------------------------------------- boilerplate

bool in_list(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool prefix_in_list(std::string_view w, std::initializer_list<std::string_view> list) {
  for (std::string_view p : list)
    if (w.substr(0, p.size()) == p) return true;
  return false;
}

// One class token or an id, lowercased: does it name page furniture? Words
// are split on punctuation so "share-bar" and "c-social__link" match but
// "article-header-title" (content words) and "has-comments" (a state) do not.
bool boilerplate_token(std::string_view token, bool inside_main) {
  if (in_list(token, {"sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "hidden"})) return true;
  std::vector<std::string_view> words;
  for (size_t i = 0; i < token.size();) {
    while (i < token.size() && !is_alnum(token[i])) ++i;
    const size_t begin = i;
    while (i < token.size() && is_alnum(token[i])) ++i;
    if (i > begin) words.push_back(token.substr(begin, i - begin));
  }
  if (words.empty() || in_list(words.front(), {"has", "with", "no", "is", "show", "js"})) return false;
  bool chrome = false, content = false;
  for (std::string_view w : words) {
    if (w.substr(0, 9) == "commentar") continue;  // "commentary" is an article genre
    if (prefix_in_list(w, {"social", "comment", "related", "recommend", "promo", "advert", "sponsor", "cookie",
                           "newsletter", "breadcrumb", "outbrain", "taboola", "disqus", "popup"}))
      return true;
    if (in_list(w, {"share", "shares", "sharing", "sharebar", "sharethis", "sharetools", "ad", "ads", "adslot",
                    "adunit", "adsense", "adsbygoogle", "nav", "navbar", "navigation",
                    "subnav", "topnav", "menu", "submenu", "megamenu", "sidebar", "masthead", "modal",
                    "subscribe", "subscription", "signup", "toolbar"}))
      return true;
    if (in_list(w, {"header", "footer"})) chrome = true;
    if (in_list(w, {"article", "story", "content", "body", "main", "post", "entry", "headline", "title", "text"}))
      content = true;
  }
  // A bare "header" inside the article is its headline block.
  return chrome && !content && !(inside_main && std::find(words.begin(), words.end(), "header") != words.end());
}

bool boilerplate_attr(std::string_view value, bool inside_main) {
  const std::string v = ascii_lower(value);
  size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && is_ascii_space(v[i])) ++i;
    const size_t begin = i;
    while (i < v.size() && !is_ascii_space(v[i])) ++i;
    if (i > begin && boilerplate_token(std::string_view(v).substr(begin, i - begin), inside_main)) return true;
  }
  return false;
}

enum TagFlags : unsigned { kDropTag = 1, kBlockTag = 2, kKindTag = 4 };

struct TagInfo {
  unsigned flags = 0;
  ParagraphKind kind = ParagraphKind::kBody;
};

const TagInfo* tag_info(std::string_view name) {
  static const std::unordered_map<std::string_view, TagInfo> kTags = [] {
    std::unordered_map<std::string_view, TagInfo> m;
    for (std::string_view t : {"script", "style", "noscript", "template", "svg", "math", "iframe", "form", "button",
                               "nav", "footer", "aside", "head", "select", "textarea", "object", "embed",
                               "canvas", "audio", "video", "dialog", "input"})
      m[t] = {kDropTag};
    for (std::string_view t : {"address", "article", "body", "center", "dd", "details", "dir", "div", "dl", "dt",
                               "fieldset", "figure", "hgroup", "hr", "html", "legend", "main", "menu", "ol", "p",
                               "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
                               "ul", "header"})
      m[t] = {kBlockTag};
    for (std::string_view t : {"h1", "h2", "h3", "h4", "h5", "h6"}) m[t] = {kBlockTag | kKindTag, ParagraphKind::kHeading};
    m["li"] = {kBlockTag | kKindTag, ParagraphKind::kListItem};
    m["figcaption"] = {kBlockTag | kKindTag, ParagraphKind::kCaption};
    m["caption"] = {kBlockTag | kKindTag, ParagraphKind::kCaption};
    m["blockquote"] = {kBlockTag | kKindTag, ParagraphKind::kQuote};
    return m;
  }();
  const auto it = kTags.find(name);
  return it == kTags.end() ? nullptr : &it->second;
}

// ---------------------------------------------------------------- libxml2

std::string_view node_name(const xmlNode* n) {
  return n->name ? std::string_view(reinterpret_cast<const char*>(n->name)) : std::string_view();
}

std::string attr_value(const xmlAttr* a) {
  std::string out;
  for (const xmlNode* c = a->children; c != nullptr; c = c->next)
    if (c->content) out += reinterpret_cast<const char*>(c->content);
  return out;
}

struct Attrs {
  std::string cls, id, role, itemprop, style, aria_hidden;
  std::string content, property, name, rel, href, lang, datetime, type;
  bool hidden = false;
};

Attrs read_attrs(const xmlNode* n) {
  Attrs a;
  for (const xmlAttr* p = n->properties; p != nullptr; p = p->next) {
    if (p->name == nullptr) continue;
    const std::string_view k(reinterpret_cast<const char*>(p->name));
    if (k == "class") a.cls = attr_value(p);
    else if (k == "id") a.id = attr_value(p);
    else if (k == "role") a.role = ascii_lower(attr_value(p));
    else if (k == "itemprop") a.itemprop = ascii_lower(attr_value(p));
    else if (k == "style") a.style = ascii_lower(attr_value(p));
    else if (k == "aria-hidden") a.aria_hidden = ascii_lower(attr_value(p));
    else if (k == "hidden") a.hidden = true;
    else if (k == "content") a.content = attr_value(p);
    else if (k == "property") a.property = ascii_lower(attr_value(p));
    else if (k == "name") a.name = ascii_lower(attr_value(p));
    else if (k == "rel") a.rel = attr_value(p);
    else if (k == "href") a.href = attr_value(p);
    else if (k == "lang" || (k == "xml:lang" && a.lang.empty())) a.lang = attr_value(p);
    else if (k == "datetime") a.datetime = attr_value(p);
    else if (k == "type") a.type = ascii_lower(attr_value(p));
  }
  return a;
}

bool hidden_by_style(const std::string& style) {
  std::string s;
  for (char c : style)
    if (!is_ascii_space(c)) s += c;
  return s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos;
}

bool is_text(const xmlNode* n) { return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE; }

// Text of a subtree for metadata; <br> reads as a space, scripts as nothing.
std::string subtree_text(const xmlNode* root, size_t cap, bool skip_scripts) {
  std::string out;
  const xmlNode* n = root->children;
  while (n != nullptr && out.size() < cap) {
    bool descend = false;
    if (is_text(n) && n->content) {
      out += reinterpret_cast<const char*>(n->content);
    } else if (n->type == XML_ELEMENT_NODE) {
      const std::string_view name = node_name(n);
      if (name == "br") out += ' ';
      descend = n->children != nullptr && !(skip_scripts && (name == "script" || name == "style"));
    }
    if (descend) {
      n = n->children;
      continue;
    }
    while (n != nullptr && n != root && n->next == nullptr) n = n->parent;
    n = (n == nullptr || n == root) ? nullptr : n->next;
  }
  if (out.size() > cap) out.resize(cap);
  return out;
}

bool inside_svg(const xmlNode* n) {
  for (const xmlNode* p = n->parent; p != nullptr && p->type == XML_ELEMENT_NODE; p = p->parent)
    if (node_name(p) == "svg") return true;
  return false;
}

void ignore_error(void*, const char*, ...) {}
void ignore_structured_error(void*, xmlErrorPtr) {}

// Silences libxml2 on this thread (its handlers are thread-local) and puts
// the caller's handlers back afterwards.
class QuietErrors {
 public:
  QuietErrors()
      : generic_(xmlGenericError),
        generic_ctx_(xmlGenericErrorContext),
        structured_(xmlStructuredError),
        structured_ctx_(xmlStructuredErrorContext) {
    xmlSetGenericErrorFunc(nullptr, ignore_error);
    xmlSetStructuredErrorFunc(nullptr, ignore_structured_error);
  }
  ~QuietErrors() {
    xmlSetGenericErrorFunc(generic_ctx_, generic_);
    xmlSetStructuredErrorFunc(structured_ctx_, structured_);
  }
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

 private:
  xmlGenericErrorFunc generic_;
  void* generic_ctx_;
  xmlStructuredErrorFunc structured_;
  void* structured_ctx_;
};

// ----------------------------------------------------------------- JSON-LD

struct JsonLdObject {
  bool article = false;
  int depth = 0;
  std::string date, author, headline;
};

bool article_type(std::string_view t) {
  return t.find("Article") != std::string_view::npos || t == "BlogPosting" || t == "LiveBlogPosting" ||
         t == "Report";
}

void json_author_names(simdjson::dom::element el, std::string& out, int depth) {
  std::string_view s;
  if (el.get_string().get(s) == simdjson::SUCCESS) {
    const std::string name = strip_by(collapse(s));
    if (!name.empty() && !looks_like_url(name)) {
      if (!out.empty()) out += ", ";
      out += name;
    }
    return;
  }
  if (depth > 2) return;
  simdjson::dom::array arr;
  if (el.get_array().get(arr) == simdjson::SUCCESS) {
    for (simdjson::dom::element child : arr) json_author_names(child, out, depth + 1);
    return;
  }
  simdjson::dom::object obj;
  simdjson::dom::element name;
  if (el.get_object().get(obj) == simdjson::SUCCESS && obj["name"].get(name) == simdjson::SUCCESS)
    json_author_names(name, out, depth + 1);
}

void visit_json_ld(simdjson::dom::element el, int depth, std::vector<JsonLdObject>& out) {
  if (depth > kJsonMaxDepth || out.size() >= kJsonMaxObjects) return;
  simdjson::dom::array arr;
  if (el.get_array().get(arr) == simdjson::SUCCESS) {
    for (simdjson::dom::element child : arr) visit_json_ld(child, depth + 1, out);
    return;
  }
  simdjson::dom::object obj;
  if (el.get_object().get(obj) != simdjson::SUCCESS) return;
  JsonLdObject o;
  o.depth = depth;
  for (simdjson::dom::key_value_pair field : obj) {
    std::string_view s;
    if (field.key == "@type") {
      simdjson::dom::array types;
      if (field.value.get_string().get(s) == simdjson::SUCCESS) {
        o.article = article_type(s);
      } else if (field.value.get_array().get(types) == simdjson::SUCCESS) {
        for (simdjson::dom::element t : types)
          if (t.get_string().get(s) == simdjson::SUCCESS && article_type(s)) o.article = true;
      }
    } else if (field.key == "datePublished" && field.value.get_string().get(s) == simdjson::SUCCESS) {
      o.date = collapse(s);
    } else if (field.key == "headline" && field.value.get_string().get(s) == simdjson::SUCCESS) {
      o.headline = collapse(s);
    } else if (field.key == "author") {
      json_author_names(field.value, o.author, 0);
    }
  }
  if (o.article || !o.date.empty()) out.push_back(std::move(o));
  for (simdjson::dom::key_value_pair field : obj)
    if (field.key != "author" && (field.value.is_object() || field.value.is_array()))
      visit_json_ld(field.value, depth + 1, out);
}

// ------------------------------------------------------------------ walker

struct Candidate {
  int parent = -1;
  size_t text = 0;
};

struct PendingBlock {
  Block block;
  int candidate = -1;  // innermost main-content candidate holding it
};

struct TimeElement {
  int candidate = -1;
  std::string datetime;
};

struct Frame {
  bool skip_root = false;
  bool block = false;
  bool candidate = false;
};

// Where a text node was found: verbatim at `pos` (whole), or starting near
// `pos` with entities or re-encoded bytes to align.
struct Location {
  size_t pos = 0;
  bool whole = false;
};

// Where an aligned prefix of a text node ended: text[0, clean) maps to the
// original up to `orig`.
struct Alignment {
  size_t clean = 0;
  size_t orig = 0;
};

// One pass over the DOM in document order. Iterative, so deep nesting cannot
// exhaust the stack; every original byte is passed over a bounded number of
// times (see budget_).
class Walker {
 public:
  explicit Walker(std::string_view html) : html_(html), budget_(16 * html.size() + (size_t{1} << 20)) {}

  void walk(xmlDoc* doc) {
    xmlNode* n = doc->children;
    while (n != nullptr) {
      bool descend = false;
      if (n->type == XML_ELEMENT_NODE) {
        enter_element(n);
        descend = n->children != nullptr;
        if (!descend) leave_element();
      } else if (is_text(n)) {
        text_node(n);
      }
      if (descend) {
        n = n->children;
        continue;
      }
      while (n != nullptr && n->next == nullptr) {
        n = n->parent;
        if (n == nullptr || n->type != XML_ELEMENT_NODE) return;
        leave_element();
      }
      if (n != nullptr) n = n->next;
    }
  }

  HtmlDocument finish();

 private:
  void enter_element(xmlNode* n);
  void leave_element();
  void text_node(const xmlNode* n);
  void collect_metadata(std::string_view name, const Attrs& a, const xmlNode* n);
  void meta_tag(const Attrs& a);
  void parse_json_ld(const std::string& text);
  bool should_drop(std::string_view name, const Attrs& a, bool candidate) const;

  void flush();
  void begin_word();
  void add_piece(std::string_view bytes, size_t orig, bool exact);
  void emit_aligned(std::string_view text, size_t begin, size_t end);
  size_t emit_near(std::string_view word, size_t local);

  Location locate(std::string_view text);
  Alignment align(std::string_view text, size_t start);
  size_t entity_len(size_t pos) const;
  size_t skip_markup(size_t pos);
  size_t find_text(std::string_view needle, size_t from);
  bool in_text_context(size_t pos);
  void charge(size_t n) { budget_ -= std::min(budget_, n); }

  ParagraphKind current_kind() const { return kinds_.empty() ? ParagraphKind::kBody : kinds_.back(); }
  int innermost_candidate() const { return candidate_stack_.empty() ? -1 : candidate_stack_.back(); }

  static void set_if(std::optional<std::string>& slot, std::string_view value) {
    if (slot) return;
    std::string v = collapse(value);
    if (!v.empty()) slot = std::move(v);
  }

  std::string_view html_;
  size_t cursor_ = 0;
  size_t budget_;  // bytes the ahead-searches may still examine; keeps bad inputs linear

  std::vector<Frame> frames_;
  const xmlNode* skip_root_ = nullptr;
  std::vector<ParagraphKind> kinds_;
  std::vector<int> candidate_stack_;
  std::vector<Candidate> candidates_;
  std::vector<PendingBlock> blocks_;
  std::vector<TimeElement> times_;
  Block cur_;
  bool pending_space_ = false;

  std::optional<std::string> og_title_, twitter_title_, title_tag_, first_h1_;
  std::optional<std::string> og_site_name_, application_name_;
  std::optional<std::string> canonical_, og_url_;
  std::optional<std::string> meta_author_, article_author_, byl_, rel_author_;
  std::optional<std::string> article_published_, itemprop_published_, named_date_;
  std::string named_date_key_;
  std::optional<std::string> lang_;
  std::vector<size_t> orig_;     // per byte of the aligned text node: its original offset
  std::vector<bool> decoded_;    // per byte: came from an entity reference
  std::vector<JsonLdObject> json_ld_;
};

bool Walker::should_drop(std::string_view name, const Attrs& a, bool candidate) const {
  const TagInfo* info = tag_info(name);
  const bool inside_main = !candidate_stack_.empty();
  if (info && (info->flags & kDropTag)) return true;
  // A <header> inside an article holds its headline and byline; elsewhere it is the site's.
  if (name == "header" && !inside_main) return true;
  if (a.hidden || a.aria_hidden == "true" || (!a.style.empty() && hidden_by_style(a.style))) return true;
  if (candidate || name == "html" || name == "body" || name == "main" || name == "article") return false;
  if (in_list(a.role, {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
                       "dialog", "alertdialog"}))
    return true;
  return boilerplate_attr(a.cls, inside_main) || boilerplate_attr(a.id, inside_main);
}

void Walker::enter_element(xmlNode* n) {
  const std::string_view name = node_name(n);
  const Attrs a = read_attrs(n);
  collect_metadata(name, a, n);
  Frame f;
  if (skip_root_ == nullptr) {
    const bool candidate =
        name == "article" || name == "main" || a.role == "main" || has_token(a.itemprop, "articlebody");
    if (should_drop(name, a, candidate)) {
      f.skip_root = true;
      skip_root_ = n;
    } else {
      const TagInfo* info = tag_info(name);
      const bool caption = ascii_lower(a.cls).find("caption") != std::string::npos;
      if (name == "br") flush();
      f.block = candidate || caption || (info && (info->flags & kBlockTag));
      if (f.block) {
        flush();
        ParagraphKind kind = current_kind();
        if (info && (info->flags & kKindTag)) kind = info->kind;
        if (caption) kind = ParagraphKind::kCaption;
        kinds_.push_back(kind);
      }
      if (candidate) {
        f.candidate = true;
        candidates_.push_back({innermost_candidate(), 0});
        candidate_stack_.push_back(static_cast<int>(candidates_.size() - 1));
      }
      if (name == "time" && !a.datetime.empty()) times_.push_back({innermost_candidate(), a.datetime});
      if (name == "h1" && !first_h1_) set_if(first_h1_, subtree_text(n, kMetaTextCap, true));
    }
  }
  frames_.push_back(f);
}

void Walker::leave_element() {
  const Frame f = frames_.back();
  frames_.pop_back();
  if (f.skip_root) {
    skip_root_ = nullptr;
    return;
  }
  if (skip_root_ != nullptr) return;
  if (f.block) {
    flush();
    kinds_.pop_back();
  }
  if (f.candidate) candidate_stack_.pop_back();
}

void Walker::collect_metadata(std::string_view name, const Attrs& a, const xmlNode* n) {
  if (name == "html") {
    set_if(lang_, a.lang);
  } else if (name == "title") {
    if (!title_tag_ && !inside_svg(n)) set_if(title_tag_, subtree_text(n, kMetaTextCap, false));
  } else if (name == "meta") {
    meta_tag(a);
  } else if (name == "link") {
    if (has_token(a.rel, "canonical")) set_if(canonical_, a.href);
  } else if (name == "a") {
    if (has_token(a.rel, "author") && !rel_author_) {
      const std::string who = strip_by(collapse(subtree_text(n, kMetaTextCap, true)));
      if (!who.empty()) rel_author_ = who;
    }
  } else if (name == "script") {
    if (a.type.rfind("application/ld+json", 0) == 0) parse_json_ld(subtree_text(n, kScriptTextCap, false));
  }
  if (has_token(a.itemprop, "datepublished")) set_if(itemprop_published_, a.content.empty() ? a.datetime : a.content);
}

void Walker::meta_tag(const Attrs& a) {
  for (const std::string* key : {&a.property, &a.name}) {
    const std::string& k = *key;
    if (k.empty()) continue;
    if (k == "og:title") set_if(og_title_, a.content);
    else if (k == "twitter:title") set_if(twitter_title_, a.content);
    else if (k == "og:site_name") set_if(og_site_name_, a.content);
    else if (k == "application-name") set_if(application_name_, a.content);
    else if (k == "og:url") set_if(og_url_, a.content);
    else if (k == "author") set_if(meta_author_, a.content);
    else if (k == "article:author" && !looks_like_url(trim_ascii(a.content))) set_if(article_author_, a.content);
    else if (k == "byl") set_if(byl_, strip_by(collapse(a.content)));
    else if (k == "article:published_time") set_if(article_published_, a.content);
    else if (!named_date_ && in_list(k, {"pubdate", "publishdate", "publish-date", "date", "dc.date",
                                         "dc.date.issued", "sailthru.date", "parsely-pub-date"})) {
      set_if(named_date_, a.content);
      if (named_date_) named_date_key_ = k;
    }
  }
}

void Walker::parse_json_ld(const std::string& text) {
  if (trim_ascii(text).empty()) return;
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(text);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS) return;
  visit_json_ld(root, 0, json_ld_);
}

// ---------------------------------------------------------- offset mapping

// Skips whitespace, tags and comments: where the next text should start.
size_t Walker::skip_markup(size_t pos) {
  const size_t n = html_.size();
  const size_t limit = std::min(n, pos + kSearchWindow);
  while (pos < limit) {
    const char c = html_[pos];
    if (is_ascii_space(c)) {
      ++pos;
      continue;
    }
    if (c != '<' || pos + 1 >= n || budget_ == 0) break;
    const char d = html_[pos + 1];
    size_t close = std::string_view::npos;
    size_t after = 0;
    if (html_.compare(pos, 4, "<!--") == 0) {
      close = html_.substr(0, limit).find("-->", pos + 4);
      after = 3;
    } else if (is_alnum(d) || d == '/' || d == '!' || d == '?') {
      close = html_.substr(0, limit).find('>', pos + 1);
      after = 1;
    } else {
      break;
    }
    if (close == std::string_view::npos) {
      charge(limit - pos);
      break;
    }
    pos = close + after;
  }
  return pos;
}

// A match is real text only if the nearest '<' or '>' before it is a '>'.
bool Walker::in_text_context(size_t pos) {
  const size_t stop = pos > kContextScan ? pos - kContextScan : 0;
  for (size_t i = pos; i > stop; --i) {
    const char c = html_[i - 1];
    if (c == '>' || c == '<') {
      charge(pos - i + 1);
      return c == '>';
    }
  }
  charge(pos - stop);
  return true;
}

size_t Walker::find_text(std::string_view needle, size_t from) {
  const size_t n = html_.size();
  if (needle.empty() || needle.size() > n || from > n - needle.size()) return std::string_view::npos;
  const size_t last = std::min(n - needle.size(), from + kSearchWindow);
  const size_t head = std::min<size_t>(needle.size(), 32);
  int rejected = 0;
  for (size_t pos = from; pos <= last && budget_ > 0;) {
    const void* hit = std::memchr(html_.data() + pos, needle[0], last - pos + 1);
    if (hit == nullptr) {
      charge(last - pos + 1);
      break;
    }
    const auto q = static_cast<size_t>(static_cast<const char*>(hit) - html_.data());
    charge(q - pos + 1 + head);
    if (std::memcmp(html_.data() + q, needle.data(), head) == 0) {
      charge(needle.size());
      if (std::memcmp(html_.data() + q, needle.data(), needle.size()) == 0) {
        if (in_text_context(q)) return q;
        if (++rejected >= kMaxRejected) break;
      }
    }
    pos = q + 1;
  }
  return std::string_view::npos;
}

// The first run of plain ASCII text (no references, no controls) of at least
// 6 bytes, else the longest of at least 3: what to look for when the node as a
// whole is not in the original.
std::string_view anchor(std::string_view text) {
  std::string_view best;
  for (size_t i = 0; i < text.size();) {
    const auto plain = [&](size_t k) {
      const char c = text[k];
      return c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>';
    };
    if (!plain(i)) {
      ++i;
      continue;
    }
    const size_t begin = i;
    while (i < text.size() && plain(i)) ++i;
    const std::string_view run = trim_ascii(text.substr(begin, i - begin));
    if (run.size() >= 6) return run;
    if (run.size() >= 3 && run.size() > best.size()) best = run;
  }
  return best;
}

Location Walker::locate(std::string_view text) {
  const size_t p = skip_markup(cursor_);
  const std::string_view rest = html_.substr(p);
  if (rest.substr(0, text.size()) == text) return {p, true};
  // Starts here but differs later (entities, CRLF): align from here.
  size_t first = 0;
  while (first < text.size() && space_len(text, first) == 0) ++first;
  if (rest.substr(0, first) == text.substr(0, first) || (!rest.empty() && rest[0] == '&')) return {p, false};
  size_t q = find_text(text, p);
  if (q != std::string_view::npos) return {q, true};
  const std::string_view a = anchor(text);
  if (!a.empty() && (q = find_text(a, p)) != std::string_view::npos) {
    // The node starts after the tag before its anchor.
    const size_t before = static_cast<size_t>(a.data() - text.data());
    const size_t stop = std::max(p, q > 8 * before + kNearSlack ? q - 8 * before - kNearSlack : 0);
    size_t start = q;
    while (start > stop && html_[start - 1] != '>') --start;
    if (start == stop && start > p && html_[start - 1] != '>') start = q - std::min(q - p, before);
    while (start < q && is_ascii_space(html_[start])) ++start;
    return {start, false};
  }
  return {p, false};
}

// Length of the character or entity reference at html_[pos] ("&amp;",
// "&#8217;", "&#x27", "&eacute"), or 0.
size_t Walker::entity_len(size_t pos) const {
  const size_t n = html_.size();
  size_t k = pos + 1;
  const auto digit = [](char c, bool hex) {
    return (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
  };
  if (k < n && html_[k] == '#') {
    ++k;
    const bool hex = k < n && (html_[k] == 'x' || html_[k] == 'X');
    if (hex) ++k;
    const size_t begin = k;
    while (k < n && k - begin < 8 && digit(html_[k], hex)) ++k;
    if (k == begin) return 0;
  } else {
    const size_t begin = k;
    while (k < n && k - begin < 32 && is_alnum(html_[k])) ++k;
    if (k == begin || digit(html_[begin], false)) return 0;
  }
  if (k < n && html_[k] == ';') ++k;
  return k - pos;
}

// Walks the node's text and the original together: equal bytes map exactly,
// a reference stands for one character, whitespace runs match each other.
// Stops at the first disagreement (an encoding conversion, a bad guess).
Alignment Walker::align(std::string_view text, size_t start) {
  orig_.assign(text.size(), 0);
  decoded_.assign(text.size(), false);
  const size_t n = html_.size();
  size_t i = 0, j = start;
  while (i < text.size() && j < n) {
    const char c = text[i], r = html_[j];
    if (is_ascii_space(c) && is_ascii_space(r)) {
      while (i < text.size() && is_ascii_space(text[i])) orig_[i++] = j;
      while (j < n && is_ascii_space(html_[j])) ++j;
      continue;
    }
    if (r == '&') {
      const size_t len = entity_len(j);
      if (len > 0 && text.substr(i, len) != html_.substr(j, len)) {
        const size_t end = i + std::max<size_t>(1, utf8_len(text, i));
        for (; i < end; ++i) {
          orig_[i] = j;
          decoded_[i] = true;
        }
        j += len;
        continue;
      }
    }
    if (c != r) break;
    orig_[i++] = j++;
  }
  // Stop on a character boundary so the aligned part stays valid UTF-8.
  if (i < text.size() && i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) {
    while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
    j = orig_[i];  // bytes of a split character are all exact ones
  }
  return {i, j};
}

void Walker::begin_word() {
  if (cur_.text.empty()) {
    cur_.kind = current_kind();
  } else if (pending_space_) {
    cur_.text += ' ';
  }
  pending_space_ = false;
}

void Walker::add_piece(std::string_view bytes, size_t orig, bool exact) {
  const size_t clean = cur_.text.size();
  if (exact) {
    cur_.text.append(bytes);
  } else {
    append_sanitized(cur_.text, bytes);
  }
  const auto length = static_cast<uint32_t>(cur_.text.size() - clean);
  if (!cur_.segments.empty()) {
    OffsetSegment& last = cur_.segments.back();
    const size_t clean_gap = clean - (last.clean_begin + last.length);
    const size_t orig_end = size_t{last.orig_begin} + last.length;
    // Exact runs merge when the clean gap (nothing or one space) is the
    // original's own byte; inexact ones when they touch.
    const bool merge = exact ? last.exact && orig >= orig_end && orig - orig_end == clean_gap &&
                                   (clean_gap == 0 || html_[orig_end] == ' ')
                             : !last.exact && clean_gap == 0;
    if (merge) {
      last.length += static_cast<uint32_t>(clean_gap) + length;
      return;
    }
  }
  cur_.segments.push_back({static_cast<uint32_t>(clean), static_cast<uint32_t>(orig), length, exact});
}

// Emits text[begin, end) of the aligned node: exact runs and decoded characters.
void Walker::emit_aligned(std::string_view text, size_t begin, size_t end) {
  size_t k = begin;
  while (k < end) {
    const size_t run = k++;
    if (decoded_[run]) {
      while (k < end && decoded_[k]) ++k;
    } else {
      while (k < end && !decoded_[k] && orig_[k] == orig_[k - 1] + 1) ++k;
    }
    add_piece(text.substr(run, k - run), orig_[run], !decoded_[run]);
  }
}

// Emits a word the alignment did not reach: exact if it is at `local` or
// just after, else inexact there. Returns where the next word is expected.
size_t Walker::emit_near(std::string_view word, size_t local) {
  size_t pos = local;
  while (pos < html_.size() && is_ascii_space(html_[pos])) ++pos;
  if (html_.substr(pos, word.size()) == word) {
    add_piece(word, pos, true);
    return pos + word.size();
  }
  if (budget_ > 0) {
    const size_t limit = std::min(html_.size(), pos + word.size() + kNearSlack);
    const size_t q = html_.substr(0, limit).find(word, pos);
    charge(limit - pos);
    if (q != std::string_view::npos && html_.substr(pos, q - pos).find('<') == std::string_view::npos) {
      add_piece(word, q, true);
      return q + word.size();
    }
  }
  add_piece(word, pos, false);
  while (pos < html_.size() && !is_ascii_space(html_[pos]) && html_[pos] != '<') ++pos;
  return pos;
}

void Walker::text_node(const xmlNode* n) {
  if (n->content == nullptr) return;
  const std::string_view raw(reinterpret_cast<const char*>(n->content));
  const std::string_view text = trim_ascii(raw);
  if (skip_root_ != nullptr) {
    if (text.empty()) return;
    const Location loc = locate(text);
    cursor_ = std::max(cursor_, loc.whole ? loc.pos + text.size() : align(text, loc.pos).orig);
    return;
  }
  const size_t lead = static_cast<size_t>(text.data() - raw.data());
  bool any_word = false;
  for_each_word(text, [&](size_t, std::string_view) { any_word = true; });
  if (!any_word) {
    pending_space_ = true;
    return;
  }
  if (lead > 0) pending_space_ = true;
  const Location loc = locate(text);
  const Alignment aligned = loc.whole ? Alignment{text.size(), loc.pos + text.size()} : align(text, loc.pos);
  size_t local = aligned.orig;  // where the next unaligned word is expected
  size_t prev_end = 0;
  for_each_word(text, [&](size_t off, std::string_view word) {
    if (off > prev_end) pending_space_ = true;
    prev_end = off + word.size();
    begin_word();
    if (!valid_utf8(word)) {
      add_piece(word, off < aligned.clean ? (loc.whole ? loc.pos + off : orig_[off]) : local, false);
    } else if (loc.whole) {
      add_piece(word, loc.pos + off, true);
    } else if (prev_end <= aligned.clean) {
      emit_aligned(text, off, prev_end);
    } else if (off < aligned.clean) {
      emit_aligned(text, off, aligned.clean);
      add_piece(text.substr(aligned.clean, prev_end - aligned.clean), local, false);
      while (local < html_.size() && !is_ascii_space(html_[local]) && html_[local] != '<') ++local;
    } else {
      local = emit_near(word, local);
    }
  });
  if (prev_end < raw.size() - lead) pending_space_ = true;
  cursor_ = std::max(cursor_, local);
}

void Walker::flush() {
  if (!cur_.text.empty()) blocks_.push_back({std::move(cur_), innermost_candidate()});
  cur_ = Block{};
  pending_space_ = false;
}

HtmlDocument Walker::finish() {
  flush();
  HtmlDocument doc;

  size_t total = 0;
  for (const PendingBlock& b : blocks_) {
    total += b.block.text.size();
    if (b.candidate >= 0) candidates_[static_cast<size_t>(b.candidate)].text += b.block.text.size();
  }
  // Children come after their parents, so one backward pass sums subtrees.
  for (size_t i = candidates_.size(); i-- > 0;)
    if (candidates_[i].parent >= 0) candidates_[static_cast<size_t>(candidates_[i].parent)].text += candidates_[i].text;
  int best = -1;
  for (size_t i = 0; i < candidates_.size(); ++i)
    if (best < 0 || candidates_[i].text > candidates_[static_cast<size_t>(best)].text) best = static_cast<int>(i);
  if (best >= 0) {
    const auto text = static_cast<double>(candidates_[static_cast<size_t>(best)].text);
    const bool enough = text > 0 && (text >= kMainShare * static_cast<double>(total) ||
                                     (text >= kMainMinBytes && text >= kMainMinShareWithBytes * static_cast<double>(total)));
    if (!enough) best = -1;
  }
  std::vector<bool> inside(candidates_.size(), false);
  for (size_t i = 0; i < candidates_.size(); ++i)
    inside[i] = static_cast<int>(i) == best || (candidates_[i].parent >= 0 && inside[static_cast<size_t>(candidates_[i].parent)]);
  const auto kept = [&](int candidate) { return best < 0 || (candidate >= 0 && inside[static_cast<size_t>(candidate)]); };

  for (PendingBlock& b : blocks_)
    if (kept(b.candidate)) doc.blocks.push_back(std::move(b.block));

  // JSON-LD: the shallowest article-typed object, else the first with a date.
  const JsonLdObject* ld = nullptr;
  for (const JsonLdObject& o : json_ld_)
    if (o.article && (ld == nullptr || o.depth < ld->depth)) ld = &o;
  if (ld == nullptr && !json_ld_.empty()) ld = &json_ld_.front();

  HtmlMetadata& m = doc.meta;
  const auto first_of = [](std::initializer_list<const std::optional<std::string>*> slots) -> std::optional<std::string> {
    for (const auto* s : slots)
      if (*s) return *s;
    return std::nullopt;
  };
  std::optional<std::string> ld_headline, ld_author, ld_date;
  if (ld != nullptr) {
    if (!ld->headline.empty()) ld_headline = ld->headline;
    if (!ld->author.empty()) ld_author = ld->author;
    if (!ld->date.empty()) ld_date = ld->date;
  }
  m.title = first_of({&og_title_, &twitter_title_, &ld_headline, &title_tag_, &first_h1_});
  m.site_name = first_of({&og_site_name_, &application_name_});
  m.url = first_of({&canonical_, &og_url_});
  m.author = first_of({&meta_author_, &article_author_, &byl_, &ld_author, &rel_author_});
  m.language = lang_;

  std::optional<std::string> time_date;
  for (const TimeElement& t : times_) {
    if (!kept(t.candidate)) continue;
    std::string v = collapse(t.datetime);
    if (!v.empty()) {
      time_date = std::move(v);
      break;
    }
  }
  const std::pair<const std::optional<std::string>*, std::string> dates[] = {
      {&article_published_, "meta article:published_time"},
      {&itemprop_published_, "itemprop datePublished"},
      {&ld_date, "json-ld datePublished"},
      {&named_date_, "meta " + named_date_key_},
      {&time_date, "time[datetime]"},
  };
  for (const auto& [value, from] : dates) {
    if (*value) {
      m.published = **value;
      m.published_from = from;
      break;
    }
  }
  return doc;
}

std::once_flag g_init_once;

}  // namespace

HtmlDocument parse_html(std::string_view html) {
  if (html.empty() || html.size() > static_cast<size_t>(INT_MAX)) return {};
  std::call_once(g_init_once, [] { xmlInitParser(); });
  QuietErrors quiet;

  const std::unique_ptr<htmlParserCtxt, decltype(&htmlFreeParserCtxt)> ctxt(htmlNewParserCtxt(),
                                                                              &htmlFreeParserCtxt);
  if (ctxt == nullptr) return {};
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                      HTML_PARSE_NOBLANKS;
  const std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      htmlCtxtReadMemory(ctxt.get(), html.data(), static_cast<int>(html.size()), nullptr, nullptr, options),
      &xmlFreeDoc);
  HtmlDocument out;
  if (doc != nullptr) {
    Walker walker(html);
    walker.walk(doc.get());
    out = walker.finish();
  }
  return out;
}

}  // namespace sitrep::ingest
