#include "serve/article_json.h"

#include "common/json_writer.h"

namespace sitrep {

void append_article_json(std::string& out, const Article& a) {
  JsonWriter w(out);
  w.begin_object();
  w.field("id", a.id);
  w.key("path");
  if (a.paths.empty())
    w.null();
  else
    w.value(a.paths.front());
  if (a.paths.size() > 1) {
    w.key("paths").begin_array();
    for (const std::string& p : a.paths) w.value(p);
    w.end_array();
  }
  w.field("url", a.url);
  w.field("outlet", a.outlet);
  w.field("title", a.title);
  w.field("byline", a.byline);
  w.key("published");
  if (a.published) {
    w.begin_object();
    w.field("date", a.published->date.iso());
    w.field("precision", to_string(a.published->date.precision));
    w.field("from", to_string(a.published->from));
    w.field("evidence", a.published->evidence);
    w.end_object();
  } else {
    w.null();
  }
  w.field("language", a.language);
  w.field("duplicate_of", a.duplicate_of);
  w.field("format", a.format);
  w.end_object();
}

}  // namespace sitrep
