#include "sitrep/assessment.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <future>
#include <utility>

#include "assess/narratives.h"
#include "common/bounded_channel.h"
#include "common/files.h"
#include "common/phase_timer.h"
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

// The store's row of an incident whose JSON line (without the newline) is
// `line`: the columns are taken from the incident rather than parsed back
// from the line.
StoredIncident stored_incident(Incident&& i, std::string_view line) {
  StoredIncident s;
  s.id = std::move(i.id);
  s.type = to_string(i.type);
  s.grade = std::move(i.grade);
  if (i.date) s.date_start = i.date->start.iso();
  s.articles = static_cast<int64_t>(i.articles.size());
  s.reports = std::move(i.reports);
  s.json = std::string(line);
  return s;
}

}  // namespace

ReportBatcher::ReportBatcher(const std::vector<Article>& articles, const ReportSink& sink)
    : articles_(articles), sink_(sink) {
  for (size_t k = 0; k < articles.size(); ++k) index_.emplace(articles[k].id, k);
}

void ReportBatcher::add(Report&& report) {
  // An article's reports come one after the other: its info is made once.
  if (!info_ || info_->id != report.article) {
    if (auto it = index_.find(report.article); it != index_.end()) {
      info_ = article_info(articles_[it->second]);
    } else {
      info_ = ArticleInfo{};
      info_->id = report.article;
      info_->outlet = "unknown";
    }
  }
  // Made in place in a batch reserved whole: a LinkInput is large to move.
  if (batch_.empty()) batch_.reserve(kBatch);
  LinkInput& in = batch_.emplace_back();
  in.report = std::move(report);
  in.article = *info_;
  if (batch_.size() == kBatch) sink_(std::exchange(batch_, {}));
}

void ReportBatcher::flush() {
  if (!batch_.empty()) sink_(std::exchange(batch_, {}));
}

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

Result<AssessmentSummary> write_assessment(const std::vector<Article>& articles, const ReportFeed& feed,
                                           const std::string& kb_dir, const std::string& out_dir, Store* store) {
  AssessmentSummary summary;
  const std::filesystem::path dir(out_dir);
  summary.incidents_path = (dir / "incidents.jsonl").string();
  summary.narratives_path = (dir / "narratives.jsonl").string();
  summary.outlets_path = (dir / "outlets.jsonl").string();
  summary.html_path = (dir / "report.html").string();
  const std::string scratch_prefix = (dir / (".sitrep-scratch-" + std::to_string(::getpid()))).string();

  auto actors = kb::ActorDictionary::load((std::filesystem::path(kb_dir) / "actors.bin").string());
  if (!actors.is_ok()) return actors.status();
  const kb::ActorDictionary& dict = *actors.value();
  ActorLookup lookup = [&dict](std::string_view id) {
    const kb::Actor* a = dict.by_id(id);
    return a ? ActorFacts{kb::to_string(a->kind), a->side} : ActorFacts{};
  };

  // Narratives read only the articles: they are found on a thread of their
  // own while the reports are linked (std::async's future waits for it on
  // every return below).
  std::future<std::vector<assess::Narrative>> narratives_job =
      std::async(std::launch::async, [&articles, &dict] { return assess::find_narratives(articles, dict); });

  // The reports stream through the outlet profiles into the linker, which
  // keeps them in a scratch file.
  assess::OutletProfiler profiler(articles);
  IncidentLinker linker(lookup, scratch_prefix + "-reports");
  if (Status s = linker.status(); !s.is_ok()) return s;
  Status fed = feed([&](std::vector<LinkInput>&& batch) {
    for (const LinkInput& in : batch) profiler.add(in.report);
    summary.reports += batch.size();
    linker.add(std::move(batch));
  });
  if (!fed.is_ok()) return fed;
  note_phase("read reports, link");
  const std::vector<assess::OutletProfile> outlets = profiler.profiles();

  // Incidents come out of the linker in no order. Each goes to a scratch
  // file as it comes, with its order key kept in memory, and from there into
  // incidents.jsonl in order: half a million assessed incidents would not
  // fit in memory at once. The store takes them as they come, on a thread of
  // its own while the next ones are assessed, in one transaction that
  // commits only when every incident has come (the store orders them when
  // read).
  BoundedChannel<StoredIncident> to_store(1024);
  std::future<Status> storing;
  if (store) {
    storing = std::async(std::launch::async, [store, &to_store] {
      Status s = store->replace_incidents([&](StoredIncident& out) -> Result<bool> {
        if (to_store.pop(out)) return true;
        if (Status end = to_store.end_status(); !end.is_ok()) return end;  // rolls back
        return false;
      });
      to_store.stop();
      return s;
    });
  }
  // Declared after `storing`, so on an early return the writer is told to
  // give up (rolling back) before its future waits for it.
  struct CloseOnExit {
    BoundedChannel<StoredIncident>& channel;
    ~CloseOnExit() { channel.close(internal_error("incident assessment stopped")); }
  } close_on_exit{to_store};
  ScratchFile scratch(scratch_prefix + "-incidents");
  struct Placed {
    std::string key;  // IncidentLinker::order_key
    uint64_t offset;
    uint32_t length;
  };
  std::vector<Placed> placed;
  CardPicker cards;
  std::string line;
  linker.for_each_incident([&](Incident&& i) {
    line.clear();
    append_incident_json(line, i);
    line.push_back('\n');
    placed.push_back({IncidentLinker::order_key(i), scratch.append(line), static_cast<uint32_t>(line.size())});
    cards.add(i);
    if (store) to_store.push(stored_incident(std::move(i), std::string_view(line).substr(0, line.size() - 1)));
  });
  if (Status s = linker.status(); !s.is_ok()) return s;
  if (Status s = scratch.status(); !s.is_ok()) return s;
  to_store.close(Status::ok());
  note_phase("assess incidents");
  std::sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) { return a.key < b.key; });
  summary.incidents = cards.incidents();
  summary.linked_incidents = cards.linked();

  // report.html is rendered on another thread while the incidents are
  // written and stored: it reads the linker, the cards and the narratives,
  // which nothing changes any more.
  const std::vector<assess::Narrative> narratives = narratives_job.get();
  std::future<std::string> html_job = std::async(std::launch::async, [&] {
    HtmlReportInput html{articles, linker.size(), [&linker](size_t m) { return linker.input(m); }, cards, narratives,
                         outlets};
    return render_report_html(html);
  });

  AtomicFileWriter incidents_file(summary.incidents_path);
  const std::string_view written = scratch.view();
  if (Status s = scratch.status(); !s.is_ok()) return s;
  for (const Placed& p : placed) incidents_file.write(written.substr(p.offset, p.length));
  // incidents.jsonl appears only once the store holds the same incidents.
  if (store) {
    if (Status s = storing.get(); !s.is_ok()) return s;
  }
  if (Status s = incidents_file.commit(); !s.is_ok()) return s;
  note_phase("write and store incidents");
  summary.narratives = narratives.size();
  summary.outlets = outlets.size();
  if (Status s = write_file_atomically(summary.narratives_path, lines_of(narratives, append_narrative_json)); !s.is_ok())
    return s;
  if (Status s = write_file_atomically(summary.outlets_path, lines_of(outlets, append_outlet_json)); !s.is_ok())
    return s;
  if (Status s = write_file_atomically(summary.html_path, html_job.get()); !s.is_ok()) return s;
  note_phase("write the other files");
  return summary;
}

}  // namespace sitrep
