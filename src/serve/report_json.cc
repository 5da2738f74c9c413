#include "serve/report_json.h"

#include "common/json_writer.h"

namespace sitrep {
namespace {

// The line's keys, brackets and nulls are literals of the RawJsonWriter (a
// report line is two thirds keys); each literal starts with the comma before it.

void write_figure(RawJsonWriter& w, const Figure& f) {
  w.raw("{\"low\":").number(f.low).raw(",\"high\":");
  if (f.high) w.number(*f.high);
  else w.raw("null");
  w.raw(",\"qualifier\":").string(f.qualifier).raw(",\"text\":").string(f.text).raw("}");
}

// Bytes of the strings a line holds: with the ~700 bytes of its keys and
// numbers, the room to make for it.
size_t string_bytes(const Report& r) {
  size_t n = r.id.size() + r.article.size() + r.quote.size() + r.trigger.size();
  if (r.place) {
    const ReportPlace& p = *r.place;
    n += p.name.size() + p.id.size() + p.admin1.size() + p.country.size() + p.precision.size() + p.from.size();
  }
  if (r.perpetrator) n += r.perpetrator->name.size() + r.perpetrator->id.size() + r.perpetrator->kind.size() + r.perpetrator->side.size();
  if (r.victims) n += r.victims->name.size() + r.victims->category.size();
  if (r.source) n += r.source->name.size() + r.source->id.size() + r.source->verb.size();
  for (const FigureField& field : kFigureFields)
    if (const std::optional<Figure>& f = r.figures.*field.member) n += f->qualifier.size() + f->text.size() + 80;
  return n;
}

}  // namespace

void append_report_json(std::string& out, const Report& r) {
  RawJsonWriter w(out, string_bytes(r) + 768);
  w.raw("{\"id\":").string(r.id).raw(",\"article\":").string(r.article);
  w.raw(",\"lead\":").boolean(r.lead).raw(",\"type\":").string(to_string(r.type));
  if (r.date) {
    w.raw(",\"date\":{\"start\":").string(r.date->start.iso()).raw(",\"end\":").string(r.date->end.iso());
    w.raw(",\"precision\":").string(to_string(r.date->precision)).raw(",\"from\":").string(r.date->from);
    w.raw("}");
  } else {
    w.raw(",\"date\":null");
  }
  if (r.place) {
    const ReportPlace& p = *r.place;
    w.raw(",\"place\":{\"name\":").string(p.name).raw(",\"id\":").string(p.id);
    w.raw(",\"lat\":").number(p.lat).raw(",\"lon\":").number(p.lon);
    w.raw(",\"admin1\":").string(p.admin1).raw(",\"country\":").string(p.country);
    w.raw(",\"precision\":").string(p.precision).raw(",\"from\":").string(p.from).raw("}");
  } else {
    w.raw(",\"place\":null");
  }
  if (r.perpetrator) {
    w.raw(",\"perpetrator\":{\"name\":").string(r.perpetrator->name).raw(",\"id\":").string(r.perpetrator->id);
    w.raw(",\"kind\":").string(r.perpetrator->kind).raw(",\"side\":").string(r.perpetrator->side).raw("}");
  } else {
    w.raw(",\"perpetrator\":null");
  }
  if (r.victims) {
    w.raw(",\"victims\":{\"name\":").string(r.victims->name).raw(",\"category\":").string(r.victims->category).raw("}");
  } else {
    w.raw(",\"victims\":null");
  }
  w.raw(",\"figures\":{");
  for (const FigureField& field : kFigureFields) {
    if (&field != kFigureFields) w.raw(",");
    w.raw("\"").raw(field.name).raw("\":");
    if (const std::optional<Figure>& f = r.figures.*field.member) write_figure(w, *f);
    else w.raw("null");
  }
  w.raw("}");
  if (r.source) {
    w.raw(",\"source\":{\"name\":").string(r.source->name).raw(",\"id\":");
    if (r.source->id.empty()) w.raw("null");
    else w.string(r.source->id);
    w.raw(",\"verb\":").string(r.source->verb).raw("}");
  } else {
    w.raw(",\"source\":null");
  }
  w.raw(",\"stance\":").string(to_string(r.stance)).raw(",\"cumulative\":").boolean(r.cumulative);
  w.raw(",\"trigger\":").string(r.trigger).raw(",\"quote\":").string(r.quote);
  w.raw(",\"span\":[").number(int64_t{r.span_begin}).raw(",").number(int64_t{r.span_end}).raw("]");
  w.raw(",\"group\":").string(grouping_key(r)).raw("}");
}

}  // namespace sitrep
