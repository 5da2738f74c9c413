#include "sitrep/assessment.h"

#include <filesystem>
#include <fstream>

#include "assess/narratives.h"
#include "common/files.h"
#include "common/json_writer.h"
#include "kb/actors.h"
#include "serve/incident_json.h"
#include "serve/report_html.h"

namespace sitrep {
namespace {

void append_narrative_json(std::string& out, const assess::Narrative& n) {
  JsonWriter w(out);
  w.begin_object().field("id", n.id).field("frame", n.frame).field("claim", n.claim);
  w.key("positions").begin_array();
  for (const assess::NarrativePosition& p : n.positions) {
    w.begin_object().field("article", p.article).field("outlet", p.outlet).field("stance", p.stance);
    w.field("attributed_to", p.attributed_to).field("quote", p.quote);
    w.key("span").begin_array().value(p.span_begin).value(p.span_end).end_array().end_object();
  }
  w.end_array().end_object();
}

void append_outlet_json(std::string& out, const assess::OutletProfile& p) {
  JsonWriter w(out);
  w.begin_object().field("outlet", p.outlet);
  w.field("articles", static_cast<int64_t>(p.articles)).field("words", static_cast<int64_t>(p.words));
  w.field("reports", static_cast<int64_t>(p.reports)).field("asserted", static_cast<int64_t>(p.asserted));
  w.field("attributed", static_cast<int64_t>(p.attributed)).field("hedged", static_cast<int64_t>(p.hedged));
  w.field("denied", static_cast<int64_t>(p.denied));
  w.key("attributed_to").begin_array();
  for (const auto& [name, n] : p.attributed_to)
    w.begin_object().field("name", name).field("reports", static_cast<int64_t>(n)).end_object();
  w.end_array();
  w.key("loaded_terms").begin_array();
  for (const assess::LoadedTerm& t : p.loaded_terms) {
    const double per = p.words ? 1000.0 * static_cast<double>(t.count) / static_cast<double>(p.words) : 0;
    w.begin_object().field("term", t.term).field("count", static_cast<int64_t>(t.count)).field("per_1000_words", per);
    w.end_object();
  }
  w.end_array();
  w.field("loaded_per_1000_words", p.loaded_per_1000_words).end_object();
}

template <typename T, typename F>
std::string lines_of(const std::vector<T>& items, F append) {
  std::string out;
  for (const T& x : items) {
    append(out, x);
    out.push_back('\n');
  }
  return out;
}

// Like write_file_atomically(path, lines_of(items, append)), a megabyte at a
// time: the incidents of a million reports are half a gigabyte of JSON.
template <typename T, typename F>
Status write_lines_atomically(const std::string& path, const std::vector<T>& items, F append) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return io_error("cannot write " + tmp);
    std::string chunk;
    for (size_t k = 0; k < items.size(); ++k) {
      append(chunk, items[k]);
      chunk.push_back('\n');
      if (chunk.size() >= (1 << 20) || k + 1 == items.size()) {
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        chunk.clear();
      }
    }
    out.flush();
    if (!out) return io_error("cannot write " + tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return io_error("cannot rename " + tmp + ": " + ec.message());
  return Status::ok();
}

}  // namespace

ArticleInfo article_info(const Article& a) {
  ArticleInfo info;
  info.id = a.id;
  info.outlet = assess::outlet_label(a);
  info.path = a.paths.empty() ? "" : a.paths.front();
  info.title = a.title;
  info.duplicate_of = a.duplicate_of;
  if (a.published) info.published = a.published->date;
  return info;
}

Result<AssessmentSummary> write_assessment(const std::vector<Article>& articles, std::vector<LinkInput> inputs,
                                           const std::string& kb_dir, const std::string& out_dir, Store* store) {
  AssessmentSummary summary;
  const std::filesystem::path dir(out_dir);
  summary.incidents_path = (dir / "incidents.jsonl").string();
  summary.narratives_path = (dir / "narratives.jsonl").string();
  summary.outlets_path = (dir / "outlets.jsonl").string();
  summary.html_path = (dir / "report.html").string();

  auto actors = kb::ActorDictionary::load((std::filesystem::path(kb_dir) / "actors.bin").string());
  if (!actors.is_ok()) return actors.status();
  const kb::ActorDictionary& dict = *actors.value();
  ActorLookup lookup = [&dict](std::string_view id) {
    const kb::Actor* a = dict.by_id(id);
    return a ? ActorFacts{kb::to_string(a->kind), a->side} : ActorFacts{};
  };

  summary.reports = inputs.size();
  // Outlets are profiled before linking takes the inputs (no copy of them).
  const std::vector<assess::OutletProfile> outlets = assess::profile_outlets(articles, inputs);

  IncidentLinker linker(lookup);
  linker.add(std::move(inputs));
  const std::vector<Incident> incidents = linker.incidents();
  const std::vector<assess::Narrative> narratives = assess::find_narratives(articles, dict);
  summary.incidents = incidents.size();
  for (const Incident& i : incidents) summary.linked_incidents += i.articles.size() > 1;
  summary.narratives = narratives.size();
  summary.outlets = outlets.size();

  if (store) {
    std::vector<StoredIncident> stored;
    stored.reserve(incidents.size());
    for (const Incident& i : incidents) {
      StoredIncident si{i.id, to_string(i.type), i.grade, std::nullopt, static_cast<int64_t>(i.articles.size()),
                        i.reports, {}};
      if (i.date) si.date_start = i.date->start.iso();
      append_incident_json(si.json, i);
      stored.push_back(std::move(si));
    }
    if (Status s = store->replace_incidents(stored); !s.is_ok()) return s;
  }
  if (Status s = write_lines_atomically(summary.incidents_path, incidents, append_incident_json); !s.is_ok())
    return s;
  if (Status s = write_file_atomically(summary.narratives_path, lines_of(narratives, append_narrative_json)); !s.is_ok())
    return s;
  if (Status s = write_file_atomically(summary.outlets_path, lines_of(outlets, append_outlet_json)); !s.is_ok())
    return s;
  HtmlReportInput html{articles, linker.inputs(), incidents, narratives, outlets};
  if (Status s = write_file_atomically(summary.html_path, render_report_html(html)); !s.is_ok()) return s;
  return summary;
}

}  // namespace sitrep
