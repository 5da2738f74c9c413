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
  for (const std::optional<Figure>* f :
       {&r.figures.killed, &r.figures.injured, &r.figures.civilians_killed, &r.figures.children_killed,
        &r.figures.women_killed, &r.figures.fighters_killed, &r.figures.soldiers_killed,
        &r.figures.civilians_injured})
    if (*f) n += (*f)->qualifier.size() + (*f)->text.size() + 80;
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
  if (r.figures.empty()) {  // most lines
    w.raw(",\"figures\":{\"killed\":null,\"injured\":null,\"civilians_killed\":null,\"children_killed\":null,"
          "\"women_killed\":null,\"fighters_killed\":null,\"soldiers_killed\":null,\"civilians_injured\":null}");
  } else {
    // Inline: most of a line's figures are absent.
    const auto figure = [&w](const std::optional<Figure>& f) {
      if (f) write_figure(w, *f);
      else w.raw("null");
    };
    w.raw(",\"figures\":{\"killed\":");
    figure(r.figures.killed);
    w.raw(",\"injured\":");
    figure(r.figures.injured);
    w.raw(",\"civilians_killed\":");
    figure(r.figures.civilians_killed);
    w.raw(",\"children_killed\":");
    figure(r.figures.children_killed);
    w.raw(",\"women_killed\":");
    figure(r.figures.women_killed);
    w.raw(",\"fighters_killed\":");
    figure(r.figures.fighters_killed);
    w.raw(",\"soldiers_killed\":");
    figure(r.figures.soldiers_killed);
    w.raw(",\"civilians_injured\":");
    figure(r.figures.civilians_injured);
    w.raw("}");
  }
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
