// sitrep annotate [--date YYYY-MM-DD] FILE: what the language and knowledge
// layer finds in each article of FILE (sentences, numbers, dates, places,
// actors), with byte offsets into the clean text, one JSON object per article.
#include <cstdio>
#include <string>

#include "commands.h"
#include "common/json_writer.h"
#include "kb/actors.h"
#include "kb/gazetteer.h"
#include "kb/kb_paths.h"
#include "sitrep/extract.h"
#include "sitrep/ingest.h"
#include "text/date_expressions.h"
#include "text/dates.h"
#include "text/numbers.h"
#include "text/tokens.h"

namespace sitrep::cli {
namespace {

struct AnnotateOptions {
  std::string file;
  std::string date;
  std::string kb_dir;
};

std::string_view span(const std::string& text, uint32_t b, uint32_t e) {
  return std::string_view(text).substr(b, e - b);
}

void write_annotations(std::string& out, const Article& a, std::optional<Date> article_date,
                       const kb::Gazetteer& gazetteer, const kb::ActorDictionary& actors) {
  text::TokenizedText tokens;
  text::tokenize(a.text, tokens);
  JsonWriter w(out);
  w.begin_object();
  w.field("article", a.id).field("path", a.paths.empty() ? std::string() : a.paths.front());
  w.field("title", a.title);
  w.key("article_date");
  if (article_date) w.value(article_date->iso());
  else w.null();
  w.field("text", a.text);

  w.key("sentences").begin_array();
  for (const text::Sentence& s : tokens.sentences)
    w.begin_array().value(s.begin).value(s.end).end_array();
  w.end_array();

  w.key("numbers").begin_array();
  for (const text::NumberMatch& n : text::find_numbers(a.text, tokens)) {
    w.begin_object().field("begin", n.begin).field("end", n.end);
    w.field("text", span(a.text, n.begin, n.end));
    w.field("low", n.low).key("high");
    if (n.high) w.value(*n.high);
    else w.null();
    w.field("qualifier", text::to_string(n.qualifier));
    if (n.vague) w.field("vague", true);
    if (n.ordinal) w.field("ordinal", true);
    if (n.is_year) w.field("year", true);
    w.end_object();
  }
  w.end_array();

  w.key("dates").begin_array();
  for (const text::DateExpression& d : text::find_date_expressions(a.text, tokens, article_date)) {
    w.begin_object().field("begin", d.begin).field("end", d.end);
    w.field("text", span(a.text, d.begin, d.end));
    w.key("start");
    if (d.start) w.value(d.start->iso());
    else w.null();
    w.key("end_date");
    if (d.end_date) w.value(d.end_date->iso());
    else w.null();
    w.field("precision", to_string(d.precision)).field("relative", d.relative);
    if (d.night) w.field("night", true);
    w.end_object();
  }
  w.end_array();

  w.key("places").begin_array();
  for (const kb::PlaceMention& m : gazetteer.find(a.text, kb::GeoContext{kTheatreCountry, {}})) {
    const kb::Place p = gazetteer.place(m.place);
    w.begin_object().field("begin", m.begin).field("end", m.end);
    w.field("text", span(a.text, m.begin, m.end));
    w.field("name", p.name).field("id", p.id).field("lat", p.lat).field("lon", p.lon);
    w.field("precision", kb::to_string(p.precision)).field("feature", p.feature);
    w.field("admin1", p.admin1).field("country", p.country);
    w.end_object();
  }
  w.end_array();

  w.key("actors").begin_array();
  for (const kb::ActorMention& m : actors.find(a.text)) {
    const kb::Actor& act = actors.actors()[m.actor];
    w.begin_object().field("begin", m.begin).field("end", m.end);
    w.field("text", span(a.text, m.begin, m.end));
    w.field("id", act.id).field("name", act.name).field("kind", kb::to_string(act.kind));
    w.field("country", act.country).field("side", act.side);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

void add_annotate_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<AnnotateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "annotate", "Show the sentences, numbers, dates, places and actors found in FILE, as JSON");
  cmd->add_option("file", opts->file, "An article: text, HTML, JSON Lines or WARC")->required();
  cmd->add_option("--date", opts->date,
                  "Article date YYYY-MM-DD for resolving relative dates (default: its publication date)");
  cmd->add_option("--kb", opts->kb_dir, "Directory of the compiled knowledge base");
  cmd->callback([opts, &exit_code] {
    std::optional<Date> forced;
    if (!opts->date.empty()) {
      forced = text::parse_date(opts->date);
      if (!forced || forced->precision != DatePrecision::kDay) {
        std::fprintf(stderr, "sitrep: error: --date %s is not a YYYY-MM-DD date\n", opts->date.c_str());
        exit_code = 2;
        return;
      }
    }
    const std::string dir = opts->kb_dir.empty() ? kb::default_kb_dir() : opts->kb_dir;
    auto gazetteer = kb::Gazetteer::load(dir + "/gazetteer.bin");
    auto actors = kb::ActorDictionary::load(dir + "/actors.bin");
    for (const Status& s : {gazetteer.status(), actors.status()}) {
      if (!s.is_ok()) {
        std::fprintf(stderr, "sitrep: error: %s\n", s.message().c_str());
        exit_code = 2;
        return;
      }
    }
    size_t failed = for_each_document(
        {opts->file}, IngestLimits{},
        [&](RawDocument&& doc) {
          Result<Article> a = build_article(doc, nullptr);
          if (!a.is_ok()) {
            std::fprintf(stderr, "sitrep: error: %s: %s\n", doc.input.c_str(), a.status().message().c_str());
            exit_code = 1;
            return;
          }
          std::optional<Date> date = forced;
          if (!date && a.value().published) date = a.value().published->date;
          std::string out;
          write_annotations(out, a.value(), date, *gazetteer.value(), *actors.value());
          out.push_back('\n');
          std::fwrite(out.data(), 1, out.size(), stdout);
        },
        [](const Diagnostic& d) { std::fprintf(stderr, "sitrep: %s\n", d.to_string().c_str()); });
    if (failed > 0) exit_code = 1;
  });
}

}  // namespace sitrep::cli
