#include "serve/report_json.h"

#include <gtest/gtest.h>

#include "common/json_writer.h"

namespace sitrep {
namespace {

// The obviously correct twin of append_report_json: the generic JsonWriter,
// one key at a time.
void write_figure_twin(JsonWriter& w, const JsonKey& name, const std::optional<Figure>& f) {
  w.key(name);
  if (!f) {
    w.null();
    return;
  }
  w.begin_object().field("low", f->low).key("high");
  if (f->high) w.value(*f->high);
  else w.null();
  w.field("qualifier", f->qualifier).field("text", f->text).end_object();
}

std::string report_json_twin(const Report& r) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("id", r.id).field("article", r.article).field("lead", r.lead);
  w.field("type", to_string(r.type));
  w.key("date");
  if (r.date) {
    w.begin_object().field("start", r.date->start.iso()).field("end", r.date->end.iso());
    w.field("precision", to_string(r.date->precision)).field("from", r.date->from).end_object();
  } else {
    w.null();
  }
  w.key("place");
  if (r.place) {
    const ReportPlace& p = *r.place;
    w.begin_object().field("name", p.name).field("id", p.id).field("lat", p.lat).field("lon", p.lon);
    w.field("admin1", p.admin1).field("country", p.country).field("precision", p.precision);
    w.field("from", p.from).end_object();
  } else {
    w.null();
  }
  w.key("perpetrator");
  if (r.perpetrator) {
    w.begin_object().field("name", r.perpetrator->name).field("id", r.perpetrator->id);
    w.field("kind", r.perpetrator->kind).field("side", r.perpetrator->side).end_object();
  } else {
    w.null();
  }
  w.key("victims");
  if (r.victims) {
    w.begin_object().field("name", r.victims->name).field("category", r.victims->category).end_object();
  } else {
    w.null();
  }
  w.key("figures").begin_object();
  write_figure_twin(w, "killed", r.figures.killed);
  write_figure_twin(w, "injured", r.figures.injured);
  write_figure_twin(w, "civilians_killed", r.figures.civilians_killed);
  write_figure_twin(w, "children_killed", r.figures.children_killed);
  write_figure_twin(w, "women_killed", r.figures.women_killed);
  write_figure_twin(w, "fighters_killed", r.figures.fighters_killed);
  write_figure_twin(w, "soldiers_killed", r.figures.soldiers_killed);
  write_figure_twin(w, "civilians_injured", r.figures.civilians_injured);
  w.end_object();
  w.key("source");
  if (r.source) {
    w.begin_object().field("name", r.source->name);
    w.key("id");
    if (r.source->id.empty()) w.null();
    else w.value(r.source->id);
    w.field("verb", r.source->verb).end_object();
  } else {
    w.null();
  }
  w.field("stance", to_string(r.stance)).field("cumulative", r.cumulative);
  w.field("trigger", r.trigger).field("quote", r.quote);
  w.key("span").begin_array().value(r.span_begin).value(r.span_end).end_array();
  w.field("group", grouping_key(r));
  w.end_object();
  return out;
}

Report full_report() {
  Report r;
  r.id = "5390bdf8f215c9e0";
  r.article = "1fd7e4871f1341b4";
  r.lead = true;
  r.type = IncidentType::kAirStrike;
  r.date = ReportDate{Date{2017, 4, 7}, Date{2017, 4, 9}, DatePrecision::kWeek, "sentence"};
  r.place = ReportPlace{"Homs \"city\"", "gn:169577", 34.7324, -36.71355, "Homs", "SY", "locality", "article"};
  r.perpetrator = ActorRef{"US armed forces", "us.military", "state_force", "coalition"};
  r.victims = Victims{"civilians\tand \xE2\x80\xA8 children", "civilians"};
  r.figures.killed = Figure{21, std::nullopt, "at least", "at least 21"};
  r.figures.civilians_injured = Figure{3, 5, "exact", "three to five"};
  r.source = Attribution{"Syrian Observatory for Human Rights", "", "said"};
  r.stance = Stance::kReported;
  r.cumulative = true;
  r.trigger = "missile strike";
  r.quote = std::string(300, 'q') + " \"big human casualties\" \\ \x01 caf\xC3\xA9 \xE2\x80\x99 end";
  r.span_begin = 102;
  r.span_end = 4000000000u;
  return r;
}

TEST(ReportJson, AsTheGenericWriterTwin) {
  Report r = full_report();
  std::string out = "prefix\n";
  append_report_json(out, r);
  EXPECT_EQ(out, "prefix\n" + report_json_twin(r));

  Report empty;  // every optional part absent
  out.clear();
  append_report_json(out, empty);
  EXPECT_EQ(out, report_json_twin(empty));

  // A line much longer than the room made for it up front (escapes grow it).
  r.quote = std::string(5000, '"');
  out.clear();
  append_report_json(out, r);
  EXPECT_EQ(out, report_json_twin(r));
}

}  // namespace
}  // namespace sitrep
