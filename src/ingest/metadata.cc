#include "ingest/metadata.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "text/dates.h"

namespace sitrep::ingest {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == ',' || s.back() == '|' ||
                        s.back() == '-'))
    s.remove_suffix(1);
  return std::string(s);
}

// 2 to 5 capitalised words: "Bill Van Auken", "Ahmad Salah".
bool looks_like_name(std::string_view s) {
  size_t words = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) break;
    const size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    std::string_view w = s.substr(start, i - start);
    ++words;
    const bool particle = w == "van" || w == "de" || w == "al" || w == "bin" || w == "el" ||
                          w == "von" || w == "der" || w == "la" || w == "du";
    if (!particle && !is_upper(w[0])) return false;
    for (char c : w)
      if (!(is_upper(c) || is_lower(c) || c == '-' || c == '.' || c == '\'' ||
            static_cast<unsigned char>(c) >= 0x80))
        return false;
  }
  return words >= 2 && words <= 5;
}

std::optional<PublishedDate> from_day_match(const text::DateMatch& m, std::string_view text,
                                            DateSource source) {
  if (m.date.precision != DatePrecision::kDay) return std::nullopt;
  PublishedDate p;
  p.date = m.date;
  p.from = source;
  p.evidence = std::string(text.substr(m.begin, m.end - m.begin));
  return p;
}

// "RAQQA, SYRIA (June 15, 2017) –", "BEIRUT, June 7, 2017 (Reuters) -".
std::optional<PublishedDate> dateline(const std::string& text) {
  const std::string_view head =
      std::string_view(text).substr(0, std::min<size_t>(text.size(), 120));
  size_t caps = 0;
  size_t i = 0;
  for (; i < head.size(); ++i) {
    const char c = head[i];
    if (is_upper(c))
      ++caps;
    else if (is_lower(c) || c == '(')
      break;
    else if (!(c == ' ' || c == ',' || c == '-' || c == '.' || c == '\''))
      break;
  }
  if (caps < 3) return std::nullopt;
  // The place may carry a lower-case country after the capitals ("BEIRUT, Lebanon,").
  const auto dates = text::find_dates(head, 1);
  if (dates.empty() || dates[0].begin > 60) return std::nullopt;
  // A dash or a closing parenthesis soon after the date marks a dateline.
  std::string_view after = head.substr(dates[0].end, 40);
  const bool dash = after.find("\xE2\x80\x93") != std::string_view::npos ||  // –
                    after.find("\xE2\x80\x94") != std::string_view::npos ||  // —
                    after.find(" - ") != std::string_view::npos ||
                    after.find(") -") != std::string_view::npos || after.starts_with(")");
  if (!dash) return std::nullopt;
  return from_day_match(dates[0], head, DateSource::kDateline);
}

constexpr std::array<std::string_view, 7> kWeekdays = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// Weekdays the lead paragraphs name ("on Wednesday", "Tuesday's strikes").
std::vector<int> lead_weekdays(const std::vector<Block>& kept, size_t first_body) {
  std::vector<int> out;
  size_t paragraphs = 0;
  for (size_t i = first_body; i < kept.size() && paragraphs < 3; ++i) {
    if (kept[i].kind != ParagraphKind::kBody) continue;
    ++paragraphs;
    for (int d = 0; d < 7; ++d) {
      const std::string_view w = kWeekdays[static_cast<size_t>(d)];
      size_t pos = kept[i].text.find(w);
      while (pos != std::string::npos) {
        const size_t end = pos + w.size();
        const bool word_end = end >= kept[i].text.size() || !is_lower(kept[i].text[end]);
        if (word_end) {
          out.push_back(d);
          break;
        }
        pos = kept[i].text.find(w, end);
      }
    }
  }
  return out;
}

std::optional<PublishedDate> caption_date(const std::vector<Block>& kept) {
  for (size_t i = 0; i < kept.size() && i < 8; ++i) {
    if (kept[i].kind != ParagraphKind::kCaption) continue;
    const auto dates = text::find_dates(kept[i].text, 1);
    if (dates.empty()) continue;
    auto p = from_day_match(dates[0], kept[i].text, DateSource::kCaption);
    if (!p) continue;
    // A photo is taken on or before the day the story runs; the story's own
    // weekdays ("on Wednesday") cannot be before the photo either, so the
    // earliest date consistent with all of them is the best estimate.
    const int64_t anchor = text::days_from_civil(p->date.year, p->date.month, p->date.day);
    int64_t best = anchor;
    const int anchor_wd = text::weekday_of(p->date.year, p->date.month, p->date.day);
    for (int wd : lead_weekdays(kept, i + 1)) {
      const int64_t d = anchor + ((wd - anchor_wd + 7) % 7);
      best = std::max(best, d);
    }
    if (best != anchor) {
      const Date refined = text::civil_from_days(best);
      p->evidence +=
          "; story weekday " + std::string(kWeekdays[static_cast<size_t>(
                                   text::weekday_of(refined.year, refined.month, refined.day))]);
      p->date = refined;
    }
    return p;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> host_of_url(const std::string& url) {
  std::string_view u = url;
  const size_t scheme = u.find("://");
  if (scheme != std::string_view::npos) u.remove_prefix(scheme + 3);
  const size_t end = u.find_first_of("/?#:");
  std::string host(u.substr(0, end));
  for (char& c : host)
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  if (host.starts_with("www.")) host.erase(0, 4);
  if (host.empty() || host.find('.') == std::string::npos) return std::nullopt;
  return host;
}

ArticleMetadata read_metadata(const RawDocument& doc, const HtmlMetadata* html,
                              const std::vector<Block>& kept,
                              const std::vector<RemovedBlock>& removed) {
  ArticleMetadata m;

  // Title.
  size_t first_body = 0;
  std::optional<size_t> title_block;  // the text's own title paragraph
  if (doc.title && !doc.title->empty()) {
    m.title = trim(*doc.title);
  } else if (html && html->title) {
    m.title = trim(*html->title);
  }
  for (size_t i = 0; i < kept.size(); ++i) {
    if (kept[i].kind == ParagraphKind::kTitle) {
      if (m.title.empty()) m.title = kept[i].text;
      first_body = i + 1;
      title_block = i;
      break;
    }
    if (kept[i].kind == ParagraphKind::kBody) break;
  }

  // Byline: an author line just below the title, possibly with the date.
  std::optional<PublishedDate> byline_date;
  if (html && html->author) m.byline = trim(*html->author);
  for (size_t i = first_body; i < kept.size() && i < first_body + 2; ++i) {
    const std::string& t = kept[i].text;
    if (t.size() > 80) continue;
    std::string_view name = t;
    const auto dates = text::find_dates(t, 1);
    if (!dates.empty() && dates[0].end + 2 >= t.size()) name = name.substr(0, dates[0].begin);
    std::string n = trim(name);
    if (n.starts_with("By ") || n.starts_with("by ")) n = trim(std::string_view(n).substr(3));
    if (!looks_like_name(n)) continue;
    if (!m.byline) m.byline = n;
    if (!dates.empty()) byline_date = from_day_match(dates[0], t, DateSource::kText);
    m.consumed_blocks.push_back(i);
    first_body = i + 1;
    break;
  }

  // URL and outlet.
  if (doc.url)
    m.url = doc.url;
  else if (html && html->url)
    m.url = html->url;
  if (doc.outlet && !doc.outlet->empty()) {
    m.outlet = *doc.outlet;
  } else if (auto host = m.url ? host_of_url(*m.url) : std::nullopt) {
    m.outlet = *host;
  } else if (html && html->site_name) {
    m.outlet = trim(*html->site_name);
  } else {
    for (const RemovedBlock& r : removed) {
      if (r.reason != "contact") continue;
      if (auto contact_host = host_of_url(r.block.text)) {
        m.outlet = *contact_host;
        break;
      }
    }
  }

  // Publication date, most trusted first.
  const std::optional<std::string>& meta_date = doc.published ? doc.published
                                                : html        ? html->published
                                                              : doc.published;
  if (meta_date) {
    if (auto d = text::parse_date(*meta_date)) {
      m.published = PublishedDate{
          *d, DateSource::kMetadata,
          doc.published ? "published field" : html->published_from.value_or("html metadata")};
    }
  }
  if (!m.published && first_body < kept.size()) m.published = dateline(kept[first_body].text);
  if (!m.published && byline_date) m.published = byline_date;
  if (!m.published) {
    // A date at the top of the text: "Fri 07 Apr 2017 at 0914 ...",
    // "Published November 17 2017 ...", "<title> Monitor AFP Monday 22 Sep 2014 ...".
    for (size_t i = first_body; i < kept.size() && i < first_body + 2; ++i) {
      if (kept[i].kind == ParagraphKind::kCaption) continue;
      const std::string& t = kept[i].text;
      const auto dates = text::find_dates(
          std::string_view(t).substr(0, std::min<size_t>(t.size(), m.title.size() + 300)), 1);
      if (!dates.empty()) {
        m.published = from_day_match(dates[0], t, DateSource::kText);
        if (m.published) break;
      }
    }
  }
  if (!m.published) m.published = caption_date(kept);
  if (!m.published && title_block) {
    // A text too short to have a body is all title: "25 April 2017 51 martyrs
    // escorted from ...", "Russian strikes kill 34 ... AFP Sunday 26 Nov 2017".
    // Its date is the last resort, after the body and the captions.
    const std::string& t = kept[*title_block].text;
    const auto dates = text::find_dates(t, 1);
    if (!dates.empty()) m.published = from_day_match(dates[0], t, DateSource::kText);
  }
  return m;
}

}  // namespace sitrep::ingest
