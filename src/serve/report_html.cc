#include "serve/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <string_view>
#include <unordered_map>

extern const char kMiddleEastMapSvg[];  // data/map/middle-east.svg, embedded at build time

namespace sitrep {
namespace {

std::string esc(std::string_view s) {
  std::string out;
  append_html_escaped(out, s);
  return out;
}

// The map's projection, from the first line of the embedded SVG.
struct MapFrame {
  double lon0 = 32, lat0 = 28.5, lon1 = 50, lat1 = 39.5, width = 900, height = 663;
  bool contains(double lat, double lon) const { return lon >= lon0 && lon <= lon1 && lat >= lat0 && lat <= lat1; }
  double x(double lon) const { return (lon - lon0) * width / (lon1 - lon0); }
  double y(double lat) const { return (lat1 - lat) * height / (lat1 - lat0); }
};

MapFrame map_frame() {
  MapFrame f;
  std::sscanf(kMiddleEastMapSvg, "<!-- sitrep-map lon0=%lf lat0=%lf lon1=%lf lat1=%lf width=%lf height=%lf", &f.lon0,
              &f.lat0, &f.lon1, &f.lat1, &f.width, &f.height);
  return f;
}

const char* grade_color(const std::string& grade) {
  if (grade == "confirmed") return "#7b2d26";
  if (grade == "fair") return "#d1495b";
  if (grade == "weak") return "#edae49";
  if (grade == "contested") return "#6a4c93";
  if (grade == "discounted") return "#8d99ae";
  return "#00798c";  // single-source
}

std::string type_label(IncidentType t) {
  std::string s = to_string(t);
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

std::string date_label(const std::optional<ReportDate>& d) {
  if (!d) return "undated";
  std::string s = d->start.iso();
  if (d->end != d->start) s += " to " + d->end.iso();
  if (d->precision != DatePrecision::kDay) s += std::string(" (") + to_string(d->precision) + ")";
  return s;
}

std::string range_label(const FigureRange& r) {
  if (r.high && r.low == *r.high) return std::to_string(r.low);
  if (!r.high && r.low == r.best) return "at least " + std::to_string(r.low);
  std::string s = std::to_string(r.low) + "&ndash;" + (r.high ? std::to_string(*r.high) : std::string("?"));
  return s + " (best " + std::to_string(r.best) + ")";
}

// An incident is shown as a card when more than one article reports it or
// it carries a figure; the rest are counted and left to incidents.jsonl.
bool worth_a_card(const Incident& i) { return i.articles.size() > 1 || !i.figures.empty(); }

// Appends the quote, escaped, with each figure's words marked.
void append_marked_quote(std::string& out, const Report& r) {
  std::vector<std::string_view> words;
  for (const std::optional<Figure>* f : {&r.figures.killed, &r.figures.injured, &r.figures.civilians_killed,
                                         &r.figures.children_killed, &r.figures.women_killed})
    if (*f && !(*f)->text.empty()) words.push_back((*f)->text);
  const std::string_view quote = r.quote;
  size_t at = 0;
  while (at < quote.size()) {
    size_t best = std::string::npos, len = 0;
    for (std::string_view w : words) {
      const size_t p = quote.find(w, at);
      if (p < best) {
        best = p;
        len = w.size();
      }
    }
    if (best == std::string::npos) break;
    append_html_escaped(out, quote.substr(at, best - at));
    out += "<mark>";
    append_html_escaped(out, quote.substr(best, len));
    out += "</mark>";
    at = best + len;
  }
  append_html_escaped(out, quote.substr(at));
}

constexpr const char* kStyle = R"css(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f4f2ee}
header{background:#1d2330;color:#fff;padding:18px 32px}header h1{margin:0 0 4px;font-size:24px}
header p{margin:0;color:#c9ccd3}main{padding:16px 32px;max-width:1280px}
h2{border-bottom:2px solid #1d2330;padding-bottom:4px;margin-top:32px}
.stats{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}.stat{background:#fff;border-radius:6px;padding:8px 14px;box-shadow:0 1px 2px #0002}
.stat b{display:block;font-size:22px}.map{background:#dfe7ee;border-radius:6px;box-shadow:0 1px 2px #0002;width:100%;max-width:900px;height:auto}
.countries path{fill:#fbfaf7;stroke:#9aa3ad;stroke-width:.8}.admin1 path{fill:none;stroke:#c6cbd1;stroke-width:.5}
.dot{stroke:#fff;stroke-width:1.2;fill-opacity:.85}.dot-label{font-size:11px;fill:#1d2330}
.legend span{display:inline-block;margin-right:14px}.swatch{display:inline-block;width:11px;height:11px;border-radius:6px;margin-right:4px;vertical-align:-1px}
.card{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;padding:14px 18px;margin:14px 0}
.card h3{margin:0 0 4px;font-size:17px}.meta{color:#555;font-size:13px}
.grade{display:inline-block;color:#fff;border-radius:4px;padding:1px 8px;font-size:12px;font-weight:600;text-transform:uppercase;margin-right:6px}
.figs{border-collapse:collapse;margin:8px 0;font-size:14px}.figs td,.figs th{padding:2px 10px 2px 0;text-align:left}
.contra{background:#fdecea;border-left:4px solid #c0392b;padding:6px 10px;margin:8px 0;font-size:14px}
.quotes{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:10px;margin-top:8px}
.quote{background:#f7f6f3;border-radius:6px;padding:8px 10px;font-size:14px}.quote .who{font-weight:600;font-size:13px}
.quote .src{color:#555;font-size:12px}.quote blockquote{margin:6px 0 0;font-style:italic}
mark{background:#ffe08a;padding:0 2px}.stance{font-size:11px;border:1px solid #999;border-radius:3px;padding:0 4px;margin-left:4px}
.stance-denies,.stance-rejects,.stance-denied{border-color:#c0392b;color:#c0392b}.stance-asserts,.stance-asserted{border-color:#1d2330}
table.outlets{border-collapse:collapse;background:#fff;box-shadow:0 1px 2px #0002;font-size:14px;width:100%}
table.outlets th,table.outlets td{padding:6px 10px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
footer{color:#777;font-size:12px;padding:24px 32px}
)css";

void render_map(std::string& h, const std::vector<Incident>& cards) {
  const MapFrame f = map_frame();
  fmt::format_to(std::back_inserter(h), R"(<svg class="map" viewBox="0 0 {} {}" role="img" aria-label="Map of incidents">)",
                 f.width, f.height);
  h += kMiddleEastMapSvg;
  size_t outside = 0;
  h += "<g class=\"incidents\">";
  // Larger tolls drawn first so small ones stay clickable on top.
  std::vector<const Incident*> shown;
  // A country's centroid would put a dot where nothing happened.
  size_t country_only = 0;
  for (const Incident& i : cards) {
    if (!i.place) continue;
    if (i.place->precision == "country") ++country_only;
    else shown.push_back(&i);
  }
  auto killed = [](const Incident* i) -> int64_t {
    for (const auto& [name, r] : i->figures)
      if (name == "killed") return r.best;
    return 0;
  };
  std::stable_sort(shown.begin(), shown.end(), [&](const Incident* a, const Incident* b) { return killed(a) > killed(b); });
  for (const Incident* i : shown) {
    if (!f.contains(i->place->lat, i->place->lon)) {
      ++outside;
      continue;
    }
    // Logarithmic, so that one massacre does not cover the map: 0 killed 5 px,
    // 10 about 13, 100 about 20, 1,000 and more 26.
    const double r = std::min(26.0, 5 + 3 * std::log1p(static_cast<double>(killed(i))));
    fmt::format_to(std::back_inserter(h),
                   R"(<a href="#i-{}"><circle class="dot" cx="{:.1f}" cy="{:.1f}" r="{:.1f}" fill="{}"><title>{} {} {}</title></circle></a>)",
                   i->id, f.x(i->place->lon), f.y(i->place->lat), r, grade_color(i->grade), esc(date_label(i->date)),
                   esc(type_label(i->type)), esc(i->place->name));
  }
  h += "</g></svg>";
  h += "<p class=\"legend\">";
  for (const char* g : {"confirmed", "fair", "weak", "contested", "discounted", "single-source"})
    fmt::format_to(std::back_inserter(h), R"(<span><i class="swatch" style="background:{}"></i>{}</span>)", grade_color(g), g);
  h += "Circle size grows with the logarithm of the best estimate of people killed.";
  if (outside) fmt::format_to(std::back_inserter(h), " {} incident(s) lie outside this map.", outside);
  if (country_only)
    fmt::format_to(std::back_inserter(h), " {} incident(s) placed only by country are not drawn.", country_only);
  h += "</p>";
}

// Per card: the most quotes shown, reports read to find them, and outlets
// named under a quote for the reports in its very words.
constexpr size_t kMaxQuotes = 12;
constexpr size_t kMaxQuoteReads = 60;
constexpr size_t kMaxAlsoNamed = 8;

void render_incident(std::string& h, const HtmlReportInput& in, const Incident& i,
                     const std::unordered_map<std::string_view, const Article*>& articles) {
  fmt::format_to(std::back_inserter(h), R"(<section class="card" id="i-{}">)", i.id);
  fmt::format_to(std::back_inserter(h), "<h3>{} &middot; {}{}</h3>", esc(date_label(i.date)), esc(type_label(i.type)),
                 i.place ? " in " + esc(i.place->name) +
                               (i.place->admin1.empty() || i.place->admin1 == i.place->name ? "" : ", " + esc(i.place->admin1))
                         : "");
  fmt::format_to(std::back_inserter(h), R"(<div><span class="grade" style="background:{}">{}</span>{}</div>)",
                 grade_color(i.grade), esc(i.grade), esc(i.grade_reason));
  h += "<div class=\"meta\">";
  if (i.perpetrator) h += "Perpetrator: " + esc(i.perpetrator->name) + " &middot; ";
  if (i.victims) h += "Victims: " + esc(i.victims->name) + " &middot; ";
  fmt::format_to(std::back_inserter(h), "{} report(s) in {} article(s); {} independent source(s)</div>", i.reports.size(),
                 i.articles.size(), i.independent_sources);
  if (!i.figures.empty()) {
    h += "<table class=\"figs\"><tr><th>figure</th><th>range</th><th>reports</th></tr>";
    for (const auto& [name, r] : i.figures) {
      std::string label = name;
      std::replace(label.begin(), label.end(), '_', ' ');
      fmt::format_to(std::back_inserter(h), "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", esc(label), range_label(r), r.reports);
    }
    h += "</table>";
  }
  for (const Contradiction& c : i.contradictions) {
    h += "<div class=\"contra\"><b>Contradiction (" + esc(c.field) + "):</b> ";
    for (size_t k = 0; k < c.values.size(); ++k)
      fmt::format_to(std::back_inserter(h), "{}{} ({} report(s))", k ? " vs " : "", esc(c.values[k].value),
                     c.values[k].reports.size());
    h += "</div>";
  }
  // Quotes: the card's first reports (in input order), a report in the same
  // words as one shown (a copy, or the same wire story) folded into it as
  // "same words in ...". A card that showed every report of a story copied a
  // hundred times would run to megabytes; at most kMaxQuotes are shown and
  // kMaxQuoteReads read, the rest counted (all are in incidents.jsonl).
  struct Shown {
    LinkInput report;
    std::vector<std::string> also;  // outlets of the reports in the same words
  };
  std::vector<Shown> shown;
  size_t read = 0;
  for (; read < i.members.size() && read < kMaxQuoteReads; ++read) {
    LinkInput report = in.report(i.members[read]);
    auto same = std::find_if(shown.begin(), shown.end(),
                             [&](const Shown& s) { return s.report.report.quote == report.report.quote; });
    if (same != shown.end()) {
      same->also.push_back(std::move(report.article.outlet));
      continue;
    }
    if (shown.size() == kMaxQuotes) break;
    shown.push_back({std::move(report), {}});
  }
  h += "<div class=\"quotes\">";
  for (const Shown& s : shown) {
    const Report& r = s.report.report;
    auto a = articles.find(r.article);
    h += "<div class=\"quote\"><div class=\"who\">";
    append_html_escaped(h, s.report.article.outlet);
    fmt::format_to(std::back_inserter(h), R"(<span class="stance stance-{0}">{0}</span></div>)", to_string(r.stance));
    h += "<div class=\"src\">";
    if (a != articles.end() && !a->second->title.empty()) {
      h += "&ldquo;";
      append_html_escaped(h, a->second->title);
      h += "&rdquo; ";
    }
    if (r.source) {
      h += "&middot; source: ";
      append_html_escaped(h, r.source->name);
      h += " (";
      append_html_escaped(h, r.source->verb);
      h += ")";
    }
    h += "</div><blockquote>";
    append_marked_quote(h, r);
    h += "</blockquote>";
    if (!s.also.empty()) {
      fmt::format_to(std::back_inserter(h), "<div class=\"src\">same words in {} more report(s): ", s.also.size());
      for (size_t k = 0; k < s.also.size() && k < kMaxAlsoNamed; ++k) {
        if (k) h += ", ";
        append_html_escaped(h, s.also[k]);
      }
      if (s.also.size() > kMaxAlsoNamed) h += ", &hellip;";
      h += "</div>";
    }
    h += "</div>";
  }
  h += "</div>";
  if (read < i.members.size())
    fmt::format_to(std::back_inserter(h),
                   "<p class=\"meta\">{} more report(s) of this incident are not shown here (see incidents.jsonl and "
                   "reports.jsonl).</p>",
                   i.members.size() - read);
  h += "</section>";
}

}  // namespace

bool CardPicker::better(const Kept& a, const Kept& b) {
  if (a.articles != b.articles) return a.articles > b.articles;
  if (a.figures != b.figures) return a.figures > b.figures;
  if (a.reports != b.reports) return a.reports > b.reports;
  return a.order < b.order;
}

void CardPicker::add(const Incident& i) {
  ++incidents_;
  linked_ += i.articles.size() > 1;
  contradictions_ += !i.contradictions.empty();
  if (!worth_a_card(i)) return;
  ++worth_;
  kept_.push_back({i.articles.size(), i.figures.size(), i.reports.size(), IncidentLinker::order_key(i), i});
  if (kept_.size() >= 4 * kMaxCards) trim();
}

// Keeps the kMaxCards best: the order they arrive in does not matter.
void CardPicker::trim() {
  if (kept_.size() <= kMaxCards) return;
  std::nth_element(kept_.begin(), kept_.begin() + kMaxCards, kept_.end(), better);
  kept_.erase(kept_.begin() + kMaxCards, kept_.end());
}

std::vector<Incident> CardPicker::cards() const {
  std::vector<const Kept*> best;
  for (const Kept& k : kept_) best.push_back(&k);
  std::sort(best.begin(), best.end(), [](const Kept* a, const Kept* b) { return better(*a, *b); });
  if (best.size() > kMaxCards) best.resize(kMaxCards);
  std::sort(best.begin(), best.end(), [](const Kept* a, const Kept* b) { return a->order < b->order; });
  std::vector<Incident> out;
  for (const Kept* k : best) out.push_back(k->incident);
  return out;
}

void append_html_escaped(std::string& out, std::string_view s) {
  // Runs without a character to escape are appended whole.
  size_t from = 0;
  for (size_t k = 0; k < s.size(); ++k) {
    const char* entity;
    switch (s[k]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&#39;"; break;
      default: continue;
    }
    out.append(s.data() + from, k - from);
    out += entity;
    from = k + 1;
  }
  out.append(s.data() + from, s.size() - from);
}

std::string render_report_html(const HtmlReportInput& in) {
  std::unordered_map<std::string_view, const Article*> articles;
  articles.reserve(in.articles.size());
  std::set<std::string> outlets;
  std::string first, last;
  for (const Article& a : in.articles) {
    articles[a.id] = &a;
    if (a.published) {
      const std::string d = a.published->date.iso();
      if (first.empty() || d < first) first = d;
      if (last.empty() || d > last) last = d;
    }
  }
  for (const assess::OutletProfile& o : in.outlets) outlets.insert(o.outlet);
  const std::vector<Incident> cards = in.incidents.cards();
  const size_t worth = in.incidents.worthy();

  std::string h;
  h.reserve(1 << 20);
  h += "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>sitrep report</title>";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>";
  h += kStyle;
  h += "</style></head><body><header><h1>sitrep: incidents reported in ";
  fmt::format_to(std::back_inserter(h), "{} articles</h1><p>", in.articles.size());
  if (!first.empty()) h += "Published " + esc(first) + (last != first ? " to " + esc(last) : "") + ". ";
  h += "Every figure links to its quote and its source; ranges instead of false precision.</p></header><main>";

  h += "<div class=\"stats\">";
  auto stat = [&h](size_t n, const char* what) {
    fmt::format_to(std::back_inserter(h), "<div class=\"stat\"><b>{}</b>{}</div>", n, what);
  };
  stat(in.articles.size(), "articles");
  stat(outlets.size(), "outlets");
  stat(in.reports, "reports");
  stat(in.incidents.incidents(), "incidents");
  stat(in.incidents.linked(), "reported by 2+ articles");
  stat(in.incidents.with_contradictions(), "with contradictions");
  stat(in.narratives.size(), "narratives");
  h += "</div>";

  h += "<h2>Map</h2>";
  render_map(h, cards);

  h += "<h2>Incidents</h2>";
  fmt::format_to(std::back_inserter(h),
                 "<p class=\"meta\">{} incidents reported by more than one article or carrying a figure, by date. "
                 "{} others (single mentions without figures) are in incidents.jsonl.</p>",
                 worth, in.incidents.incidents() - worth);
  if (cards.size() < worth)
    fmt::format_to(std::back_inserter(h),
                   "<p class=\"meta\">Shown here: the {} reported by the most articles; {} more are left out of this "
                   "page (see incidents.jsonl).</p>",
                   cards.size(), worth - cards.size());
  for (const Incident& i : cards) render_incident(h, in, i, articles);

  h += "<h2>Narratives</h2><p class=\"meta\">Claims that are not single incidents, with who makes, repeats, denies or rejects them.</p>";
  for (const assess::Narrative& n : in.narratives) {
    h += "<section class=\"card\"><h3>" + esc(n.claim) + "</h3><div class=\"quotes\">";
    for (const assess::NarrativePosition& p : n.positions) {
      h += "<div class=\"quote\"><div class=\"who\">" + esc(p.outlet);
      fmt::format_to(std::back_inserter(h), R"(<span class="stance stance-{0}">{0}</span></div>)", esc(p.stance));
      h += "<div class=\"src\">attributed to: " + esc(p.attributed_to) + "</div><blockquote>" + esc(p.quote) +
           "</blockquote></div>";
    }
    h += "</div></section>";
  }

  h += "<h2>Outlets</h2><table class=\"outlets\"><tr><th>outlet</th><th>articles</th><th>reports: own voice / "
       "attributed / hedged / denied</th><th>sources it cites</th><th>loaded terms per 1,000 words</th></tr>";
  for (const assess::OutletProfile& o : in.outlets) {
    fmt::format_to(std::back_inserter(h), "<tr><td>{}</td><td>{} ({} words)</td><td>{} / {} / {} / {}</td><td>", esc(o.outlet),
                   o.articles, o.words, o.asserted, o.attributed, o.hedged, o.denied);
    for (size_t k = 0; k < o.attributed_to.size() && k < 4; ++k)
      fmt::format_to(std::back_inserter(h), "{}{} ({})", k ? ", " : "", esc(o.attributed_to[k].first), o.attributed_to[k].second);
    fmt::format_to(std::back_inserter(h), "</td><td><b>{:.1f}</b> ", o.loaded_per_1000_words);
    for (size_t k = 0; k < o.loaded_terms.size() && k < 5; ++k)
      fmt::format_to(std::back_inserter(h), "{}&ldquo;{}&rdquo; {}", k ? ", " : "", esc(o.loaded_terms[k].term), o.loaded_terms[k].count);
    h += "</td></tr>";
  }
  h += "</table></main><footer>Made by sitrep. Map: Natural Earth (public domain) via world-atlas; governorates "
       "from Who's On First (CC0). Place data &copy; GeoNames (CC BY 4.0). Grades follow Airwars' definitions as "
       "adapted in docs/linking.md.</footer></body></html>\n";
  return h;
}

}  // namespace sitrep
