#include "serve/report_json.h"

#include "common/json_writer.h"

namespace sitrep {
namespace {

void write_figure(JsonWriter& w, const JsonKey& name, const std::optional<Figure>& f) {
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

}  // namespace

void append_report_json(std::string& out, const Report& r) {
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
  write_figure(w, "killed", r.figures.killed);
  write_figure(w, "injured", r.figures.injured);
  write_figure(w, "civilians_killed", r.figures.civilians_killed);
  write_figure(w, "children_killed", r.figures.children_killed);
  write_figure(w, "women_killed", r.figures.women_killed);
  write_figure(w, "fighters_killed", r.figures.fighters_killed);
  write_figure(w, "soldiers_killed", r.figures.soldiers_killed);
  write_figure(w, "civilians_injured", r.figures.civilians_injured);
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
}

}  // namespace sitrep
