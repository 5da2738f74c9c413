#include "serve/incident_json.h"

#include <simdjson.h>

#include "common/json_writer.h"
#include "text/dates.h"

namespace sitrep {
namespace {

void write_date(JsonWriter& w, const std::optional<ReportDate>& d) {
  if (!d) {
    w.null();
    return;
  }
  w.begin_object().field("start", d->start.iso()).field("end", d->end.iso());
  w.field("precision", to_string(d->precision)).end_object();
}

void write_place(JsonWriter& w, const std::optional<ReportPlace>& p) {
  if (!p) {
    w.null();
    return;
  }
  w.begin_object().field("name", p->name).field("id", p->id).field("lat", p->lat).field("lon", p->lon);
  w.field("admin1", p->admin1).field("country", p->country).field("precision", p->precision).end_object();
}

// simdjson accessors that leave `out` unchanged when the key is absent or null.
using simdjson::dom::element;
using simdjson::dom::object;

std::string str(object o, std::string_view key) {
  std::string_view v;
  if (o.at_key(key).get_string().get(v)) return {};
  return std::string(v);
}

int64_t num(object o, std::string_view key) {
  element e;
  if (o.at_key(key).get(e)) return 0;
  int64_t i;
  if (!e.get_int64().get(i)) return i;
  double d;
  if (!e.get_double().get(d)) return static_cast<int64_t>(d);
  return 0;
}

std::optional<Date> date_of(std::string_view iso) {
  if (iso.empty()) return std::nullopt;
  return text::parse_date(iso);
}

DatePrecision precision_of(std::string_view p) {
  if (p == "days") return DatePrecision::kDays;
  if (p == "week") return DatePrecision::kWeek;
  if (p == "month") return DatePrecision::kMonth;
  if (p == "year") return DatePrecision::kYear;
  return DatePrecision::kDay;
}

IncidentType type_of(std::string_view t) {
  for (int i = 0; i <= static_cast<int>(IncidentType::kOther); ++i)
    if (t == to_string(static_cast<IncidentType>(i))) return static_cast<IncidentType>(i);
  return IncidentType::kOther;
}

Stance stance_of(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(Stance::kDenied); ++i)
    if (s == to_string(static_cast<Stance>(i))) return static_cast<Stance>(i);
  return Stance::kAsserted;
}

std::optional<Figure> figure_of(object figures, std::string_view key) {
  object f;
  if (figures.at_key(key).get_object().get(f)) return std::nullopt;
  Figure out;
  out.low = num(f, "low");
  int64_t high;
  if (!f.at_key("high").get_int64().get(high)) out.high = high;
  out.qualifier = str(f, "qualifier");
  out.text = str(f, "text");
  return out;
}

}  // namespace

void append_incident_json(std::string& out, const Incident& inc) {
  JsonWriter w(out);
  w.begin_object().field("id", inc.id).field("type", to_string(inc.type));
  w.key("date");
  write_date(w, inc.date);
  w.key("place");
  write_place(w, inc.place);
  w.key("perpetrator");
  if (inc.perpetrator) w.begin_object().field("name", inc.perpetrator->name).field("id", inc.perpetrator->id).end_object();
  else w.null();
  w.key("victims");
  if (inc.victims) w.begin_object().field("name", inc.victims->name).field("category", inc.victims->category).end_object();
  else w.null();
  w.key("figures").begin_object();
  for (const auto& [name, r] : inc.figures) {
    w.key(name).begin_object().field("low", r.low).field("best", r.best).key("high");
    if (r.high) w.value(*r.high);
    else w.null();
    w.field("reports", static_cast<int64_t>(r.reports)).end_object();
  }
  w.end_object();
  auto list = [&w](std::string_view key, const std::vector<std::string>& v) {
    w.key(key).begin_array();
    for (const std::string& s : v) w.value(s);
    w.end_array();
  };
  list("reports", inc.reports);
  list("articles", inc.articles);
  list("outlets", inc.outlets);
  list("primary_sources", inc.primary_sources);
  w.key("sources").begin_array();
  for (const SourceRef& s : inc.sources) {
    w.begin_object().field("name", s.name).field("kind", s.kind);
    list("outlets", s.outlets);
    w.end_object();
  }
  w.end_array();
  w.field("independent_sources", static_cast<int64_t>(inc.independent_sources));
  w.field("grade", inc.grade).field("grade_reason", inc.grade_reason);
  w.key("contradictions").begin_array();
  for (const Contradiction& c : inc.contradictions) {
    w.begin_object().field("field", c.field).key("values").begin_array();
    for (const Contradiction::Value& v : c.values) {
      w.begin_object().field("value", v.value);
      list("reports", v.reports);
      w.end_object();
    }
    w.end_array().end_object();
  }
  w.end_array();
  w.end_object();
}

Result<StoredIncident> parse_stored_incident_json(std::string_view line) {
  thread_local simdjson::dom::parser parser;
  element root;
  if (auto err = parser.parse(line.data(), line.size()).get(root))
    return invalid_input(std::string("malformed JSON (") + simdjson::error_message(err) + ")");
  object o;
  if (root.get_object().get(o)) return invalid_input("an incident line must be a JSON object");
  StoredIncident i;
  i.id = str(o, "id");
  if (i.id.empty()) return invalid_input("an incident needs \"id\"");
  i.type = str(o, "type");
  i.grade = str(o, "grade");
  object d;
  if (!o.at_key("date").get_object().get(d)) i.date_start = str(d, "start");
  simdjson::dom::array a;
  if (!o.at_key("articles").get_array().get(a)) i.articles = static_cast<int64_t>(a.size());
  if (!o.at_key("reports").get_array().get(a))
    for (element e : a) {
      std::string_view id;
      if (!e.get_string().get(id)) i.reports.emplace_back(id);
    }
  i.json = std::string(line);
  return i;
}

Result<Report> parse_report_json(std::string_view line) {
  thread_local simdjson::dom::parser parser;
  element root;
  if (auto err = parser.parse(line.data(), line.size()).get(root))
    return invalid_input(std::string("malformed JSON (") + simdjson::error_message(err) + ")");
  object o;
  if (root.get_object().get(o)) return invalid_input("a report line must be a JSON object");
  Report r;
  r.id = str(o, "id");
  r.article = str(o, "article");
  if (r.id.empty() || r.article.empty()) return invalid_input("a report needs \"id\" and \"article\"");
  bool lead = false;
  if (!o.at_key("lead").get_bool().get(lead)) r.lead = lead;
  r.type = type_of(str(o, "type"));
  // What linking computes with must be sound: a bad date, place or figure
  // rejects the line (named by the caller) rather than linking nonsense.
  object d;
  if (!o.at_key("date").get_object().get(d)) {
    auto start = date_of(str(d, "start")), end = date_of(str(d, "end"));
    if (!start || !end) return invalid_input("\"date\" needs \"start\" and \"end\" as YYYY[-MM[-DD]]");
    r.date = ReportDate{*start, *end, precision_of(str(d, "precision")), str(d, "from")};
  }
  object p;
  if (!o.at_key("place").get_object().get(p)) {
    double lat = 0, lon = 0;
    if (p.at_key("lat").get_double().get(lat) || p.at_key("lon").get_double().get(lon) || !(lat >= -90 && lat <= 90) ||
        !(lon >= -180 && lon <= 180))
      return invalid_input("\"place\" needs numeric \"lat\" (-90..90) and \"lon\" (-180..180)");
    r.place = ReportPlace{str(p, "name"), str(p, "id"), lat, lon, str(p, "admin1"),
                          str(p, "country"), str(p, "precision"), str(p, "from")};
  }
  object a;
  if (!o.at_key("perpetrator").get_object().get(a))
    r.perpetrator = ActorRef{str(a, "name"), str(a, "id"), str(a, "kind"), str(a, "side")};
  object v;
  if (!o.at_key("victims").get_object().get(v)) r.victims = Victims{str(v, "name"), str(v, "category")};
  object f;
  if (!o.at_key("figures").get_object().get(f)) {
    r.figures.killed = figure_of(f, "killed");
    r.figures.injured = figure_of(f, "injured");
    r.figures.civilians_killed = figure_of(f, "civilians_killed");
    r.figures.children_killed = figure_of(f, "children_killed");
    r.figures.women_killed = figure_of(f, "women_killed");
    r.figures.fighters_killed = figure_of(f, "fighters_killed");
    r.figures.soldiers_killed = figure_of(f, "soldiers_killed");
    r.figures.civilians_injured = figure_of(f, "civilians_injured");
    for (const std::optional<Figure>* fig :
         {&r.figures.killed, &r.figures.injured, &r.figures.civilians_killed, &r.figures.children_killed,
          &r.figures.women_killed, &r.figures.fighters_killed, &r.figures.soldiers_killed, &r.figures.civilians_injured})
      if (*fig && ((*fig)->low < 0 || ((*fig)->high && *(*fig)->high < (*fig)->low)))
        return invalid_input("a figure needs 0 <= \"low\" <= \"high\"");
  }
  object s;
  if (!o.at_key("source").get_object().get(s)) r.source = Attribution{str(s, "name"), str(s, "id"), str(s, "verb")};
  r.stance = stance_of(str(o, "stance"));
  bool cumulative = false;
  if (!o.at_key("cumulative").get_bool().get(cumulative)) r.cumulative = cumulative;
  r.trigger = str(o, "trigger");
  r.quote = str(o, "quote");
  simdjson::dom::array span;
  if (!o.at_key("span").get_array().get(span) && span.size() == 2) {
    int64_t b = 0, e = 0;
    if (!span.at(0).get_int64().get(b) && !span.at(1).get_int64().get(e)) {
      r.span_begin = static_cast<uint32_t>(b);
      r.span_end = static_cast<uint32_t>(e);
    }
  }
  return r;
}

Result<ArticleInfo> parse_article_info_json(std::string_view line) {
  thread_local simdjson::dom::parser parser;
  element root;
  if (auto err = parser.parse(line.data(), line.size()).get(root))
    return invalid_input(std::string("malformed JSON (") + simdjson::error_message(err) + ")");
  object o;
  if (root.get_object().get(o)) return invalid_input("an article line must be a JSON object");
  ArticleInfo a;
  a.id = str(o, "id");
  if (a.id.empty()) return invalid_input("an article needs \"id\"");
  a.outlet = str(o, "outlet");
  a.path = str(o, "path");
  a.title = str(o, "title");
  std::string dup = str(o, "duplicate_of");
  if (!dup.empty()) a.duplicate_of = dup;
  object pub;
  if (!o.at_key("published").get_object().get(pub)) a.published = date_of(str(pub, "date"));
  return a;
}

}  // namespace sitrep
