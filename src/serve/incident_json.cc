#include "serve/incident_json.h"

#include <algorithm>

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

// One line as a JSON object, or why it is not one. The object lives in this
// thread's parser until the next line is parsed.
Result<object> parse_object(std::string_view line, const char* what) {
  thread_local simdjson::dom::parser parser;
  element root;
  if (auto err = parser.parse(line.data(), line.size()).get(root))
    return invalid_input(std::string("malformed JSON (") + simdjson::error_message(err) + ")");
  object o;
  if (root.get_object().get(o)) return invalid_input(std::string(what) + " must be a JSON object");
  return o;
}

Figure figure_of(object f) {
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
    w.dynamic_key(name).begin_object().field("low", r.low).field("best", r.best).key("high");
    if (r.high) w.value(*r.high);
    else w.null();
    w.field("reports", static_cast<int64_t>(r.reports)).end_object();
  }
  w.end_object();
  auto list = [&w](const JsonKey& key, const std::vector<std::string>& v) {
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

Result<Report> parse_report_json(std::string_view line) {
  Result<object> parsed = parse_object(line, "a report line");
  if (!parsed.is_ok()) return parsed.status();
  const object o = parsed.value();
  Report r;
  // One walk over the fields (looking each key up would scan the object
  // again for each of them: linking reads a million lines, some twice).
  // What linking computes with must be sound: a bad date, place or figure
  // rejects the line (named by the caller) rather than linking nonsense.
  auto text = [](element v) {
    std::string_view s;
    return v.get_string().get(s) ? std::string() : std::string(s);
  };
  for (simdjson::dom::key_value_pair field : o) {
    const std::string_view key = field.key;
    const element v = field.value;
    object sub;
    if (key == "id") {
      r.id = text(v);
    } else if (key == "article") {
      r.article = text(v);
    } else if (key == "lead") {
      bool lead = false;
      if (!v.get_bool().get(lead)) r.lead = lead;
    } else if (key == "type") {
      r.type = type_of(text(v));
    } else if (key == "date") {
      if (v.get_object().get(sub)) continue;
      auto start = date_of(str(sub, "start")), end = date_of(str(sub, "end"));
      if (!start || !end) return invalid_input("\"date\" needs \"start\" and \"end\" as YYYY[-MM[-DD]]");
      r.date = ReportDate{*start, *end, precision_of(str(sub, "precision")), str(sub, "from")};
    } else if (key == "place") {
      if (v.get_object().get(sub)) continue;
      double lat = 0, lon = 0;
      if (sub.at_key("lat").get_double().get(lat) || sub.at_key("lon").get_double().get(lon) ||
          !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180))
        return invalid_input("\"place\" needs numeric \"lat\" (-90..90) and \"lon\" (-180..180)");
      r.place = ReportPlace{str(sub, "name"), str(sub, "id"), lat, lon, str(sub, "admin1"),
                            str(sub, "country"), str(sub, "precision"), str(sub, "from")};
    } else if (key == "perpetrator") {
      if (!v.get_object().get(sub))
        r.perpetrator = ActorRef{str(sub, "name"), str(sub, "id"), str(sub, "kind"), str(sub, "side")};
    } else if (key == "victims") {
      if (!v.get_object().get(sub)) r.victims = Victims{str(sub, "name"), str(sub, "category")};
    } else if (key == "figures") {
      if (v.get_object().get(sub)) continue;
      for (simdjson::dom::key_value_pair fig : sub) {
        const auto* named = std::find_if(std::begin(kFigureFields), std::end(kFigureFields),
                                         [&](const FigureField& x) { return x.name == std::string_view(fig.key); });
        object fo;
        if (named == std::end(kFigureFields) || fig.value.get_object().get(fo)) continue;
        std::optional<Figure>& out = r.figures.*named->member;
        out = figure_of(fo);
        if (out->low < 0 || (out->high && *out->high < out->low))
          return invalid_input("a figure needs 0 <= \"low\" <= \"high\"");
      }
    } else if (key == "source") {
      if (!v.get_object().get(sub)) r.source = Attribution{str(sub, "name"), str(sub, "id"), str(sub, "verb")};
    } else if (key == "stance") {
      r.stance = stance_of(text(v));
    } else if (key == "cumulative") {
      bool cumulative = false;
      if (!v.get_bool().get(cumulative)) r.cumulative = cumulative;
    } else if (key == "trigger") {
      r.trigger = text(v);
    } else if (key == "quote") {
      r.quote = text(v);
    } else if (key == "span") {
      simdjson::dom::array span;
      int64_t b = 0, e = 0;
      if (!v.get_array().get(span) && span.size() == 2 && !span.at(0).get_int64().get(b) &&
          !span.at(1).get_int64().get(e)) {
        r.span_begin = static_cast<uint32_t>(b);
        r.span_end = static_cast<uint32_t>(e);
      }
    }
  }
  if (r.id.empty() || r.article.empty()) return invalid_input("a report needs \"id\" and \"article\"");
  return r;
}

Result<ArticleInfo> parse_article_info_json(std::string_view line) {
  Result<object> parsed = parse_object(line, "an article line");
  if (!parsed.is_ok()) return parsed.status();
  const object o = parsed.value();
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
