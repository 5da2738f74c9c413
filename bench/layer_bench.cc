// The project's micro benchmarks, in one binary: throughput of each hot loop
// of the language and knowledge layer and of extraction on the
// sample corpus (the five seeds and the 536 FA-KES articles, cleaned by
// ingestion first), plus the start-up cost of loading the compiled KB.
//   build/bench/layer_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "ingest/language.h"
#include "kb/actors.h"
#include "kb/gazetteer.h"
#include "sitrep/extract.h"
#include "serve/report_json.h"
#include "sitrep/ingest.h"
#include "text/date_expressions.h"
#include "text/numbers.h"
#include "text/tokens.h"

namespace {

std::string kb_dir() {
  const char* env = std::getenv("SITREP_KB_DIR");
  return env && *env ? env : SITREP_KB_BUILD_DIR;
}

const std::vector<sitrep::Article>& corpus() {
  static const std::vector<sitrep::Article> articles = [] {
    std::vector<sitrep::Article> out;
    sitrep::for_each_document(
        {std::string(SITREP_SOURCE_DIR) + "/data/samples/seeds",
         std::string(SITREP_SOURCE_DIR) + "/data/samples/fakes-sample.jsonl"},
        sitrep::IngestLimits{},
        [&](sitrep::RawDocument&& doc) {
          auto a = sitrep::build_article(doc, nullptr);
          if (a.is_ok()) out.push_back(std::move(a).value());
        },
        nullptr);
    return out;
  }();
  return articles;
}

int64_t corpus_bytes() {
  int64_t n = 0;
  for (const auto& a : corpus()) n += static_cast<int64_t>(a.text.size());
  return n;
}

// Sentences, tokens, numbers, dates, actors and places: everything extraction
// reads, on one core.
void BM_LanguageAndKnowledgeLayer(benchmark::State& state) {
  auto gazetteer = sitrep::kb::Gazetteer::load(kb_dir() + "/gazetteer.bin");
  auto actors = sitrep::kb::ActorDictionary::load(kb_dir() + "/actors.bin");
  if (!gazetteer.is_ok() || !actors.is_ok()) {
    state.SkipWithError("compiled KB not found; build the sitrep_kb target or set SITREP_KB_DIR");
    return;
  }
  sitrep::text::TokenizedText tokens;
  size_t found = 0;
  for (auto _ : state) {
    for (const auto& a : corpus()) {
      sitrep::text::tokenize(a.text, tokens);
      std::optional<sitrep::Date> date;
      if (a.published) date = a.published->date;
      found += sitrep::text::find_numbers(a.text, tokens).size();
      found += sitrep::text::find_date_expressions(a.text, tokens, date).size();
      found += actors.value()->find(a.text).size();
      found += gazetteer.value()->find(a.text, sitrep::kb::GeoContext{"SY", {}}).size();
    }
  }
  benchmark::DoNotOptimize(found);
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus().size()));
}
BENCHMARK(BM_LanguageAndKnowledgeLayer)->Unit(benchmark::kMillisecond);

// The parts one by one, to see where the time goes.
void BM_Tokenize(benchmark::State& state) {
  sitrep::text::TokenizedText tokens;
  for (auto _ : state)
    for (const auto& a : corpus()) sitrep::text::tokenize(a.text, tokens);
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

void BM_FindNumbers(benchmark::State& state) {
  std::vector<sitrep::text::TokenizedText> tokenized(corpus().size());
  for (size_t i = 0; i < corpus().size(); ++i) sitrep::text::tokenize(corpus()[i].text, tokenized[i]);
  size_t n = 0;
  for (auto _ : state)
    for (size_t i = 0; i < corpus().size(); ++i)
      n += sitrep::text::find_numbers(corpus()[i].text, tokenized[i]).size();
  benchmark::DoNotOptimize(n);
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
}
BENCHMARK(BM_FindNumbers)->Unit(benchmark::kMillisecond);

void BM_DateExpressions(benchmark::State& state) {
  sitrep::text::TokenizedText tokens;
  size_t n = 0;
  for (auto _ : state)
    for (const auto& a : corpus())
      n += sitrep::text::find_date_expressions(a.text, tokens, a.published ? std::optional(a.published->date)
                                                                           : std::nullopt)
               .size();
  benchmark::DoNotOptimize(n);
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
}
BENCHMARK(BM_DateExpressions)->Unit(benchmark::kMillisecond);

void BM_GazetteerFind(benchmark::State& state) {
  auto gazetteer = sitrep::kb::Gazetteer::load(kb_dir() + "/gazetteer.bin");
  if (!gazetteer.is_ok()) {
    state.SkipWithError("compiled KB not found");
    return;
  }
  size_t n = 0;
  for (auto _ : state)
    for (const auto& a : corpus()) n += gazetteer.value()->find(a.text, sitrep::kb::GeoContext{"SY", {}}).size();
  benchmark::DoNotOptimize(n);
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
}
BENCHMARK(BM_GazetteerFind)->Unit(benchmark::kMillisecond);

// Single place strings, as `sitrep geocode` and extraction's place phrases use them.
void BM_GazetteerGeocode(benchmark::State& state) {
  auto gazetteer = sitrep::kb::Gazetteer::load(kb_dir() + "/gazetteer.bin");
  if (!gazetteer.is_ok()) {
    state.SkipWithError("compiled KB not found");
    return;
  }
  static constexpr const char* kQueries[] = {"Raqqa",         "Deir al-Zour", "Al-Tanaf",      "Kafr Nabl",
                                             "Ain Issa",      "Mosul",        "Tabqa Dam",     "Hajin, Deir ez-Zor",
                                             "Bab al Nairab", "Xqzzyvv Qwrtp"};
  for (auto _ : state)
    for (const char* q : kQueries) benchmark::DoNotOptimize(gazetteer.value()->geocode(q, {}));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(std::size(kQueries)));
}
BENCHMARK(BM_GazetteerGeocode)->Unit(benchmark::kMicrosecond);

void BM_ActorsFind(benchmark::State& state) {
  auto actors = sitrep::kb::ActorDictionary::load(kb_dir() + "/actors.bin");
  if (!actors.is_ok()) {
    state.SkipWithError("compiled KB not found");
    return;
  }
  size_t n = 0;
  for (auto _ : state)
    for (const auto& a : corpus()) n += actors.value()->find(a.text).size();
  benchmark::DoNotOptimize(n);
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
}
BENCHMARK(BM_ActorsFind)->Unit(benchmark::kMillisecond);

// Whole extraction of Reports from clean articles (no ingestion, no store).
void BM_Extract(benchmark::State& state) {
  auto extractor = sitrep::Extractor::load(kb_dir());
  if (!extractor.is_ok()) {
    state.SkipWithError("compiled KB not found");
    return;
  }
  size_t n = 0;
  for (auto _ : state)
    for (const auto& a : corpus()) n += extractor.value()->extract(a).size();
  benchmark::DoNotOptimize(n);
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus().size()));
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond);

// Ingestion of one record: UTF-8 check, text blocks, boilerplate, metadata,
// language, MinHash, id (what `sitrep extract` does before extraction).
void BM_BuildArticle(benchmark::State& state) {
  static const std::vector<sitrep::RawDocument> docs = [] {
    std::vector<sitrep::RawDocument> out;
    sitrep::for_each_document({std::string(SITREP_SOURCE_DIR) + "/data/samples/fakes-sample.jsonl"},
                              sitrep::IngestLimits{}, [&](sitrep::RawDocument&& d) { out.push_back(std::move(d)); },
                              nullptr);
    return out;
  }();
  int64_t bytes = 0;
  for (const auto& d : docs) bytes += static_cast<int64_t>(d.body.size());
  size_t n = 0;
  for (auto _ : state)
    for (const auto& d : docs) n += sitrep::build_article(d, nullptr).is_ok();
  benchmark::DoNotOptimize(n);
  state.SetBytesProcessed(state.iterations() * bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(docs.size()));
}
BENCHMARK(BM_BuildArticle)->Unit(benchmark::kMillisecond);

// CLD2 language identification, part of BM_BuildArticle.
void BM_DetectLanguage(benchmark::State& state) {
  size_t n = 0;
  for (auto _ : state)
    for (const auto& a : corpus()) n += sitrep::ingest::detect_language(a.text).size();
  benchmark::DoNotOptimize(n);
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus().size()));
}
BENCHMARK(BM_DetectLanguage)->Unit(benchmark::kMillisecond);

// Report lines as `sitrep extract` writes them (with the group key).
void BM_ReportJson(benchmark::State& state) {
  auto extractor = sitrep::Extractor::load(kb_dir());
  if (!extractor.is_ok()) {
    state.SkipWithError("compiled KB not found");
    return;
  }
  std::vector<sitrep::Report> reports;
  for (const auto& a : corpus())
    for (auto& r : extractor.value()->extract(a)) reports.push_back(std::move(r));
  std::string out;
  for (auto _ : state) {
    out.clear();
    for (const auto& r : reports) {
      sitrep::append_report_json(out, r);
      out.push_back('\n');
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(out.size()));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(reports.size()));
}
BENCHMARK(BM_ReportJson)->Unit(benchmark::kMillisecond);

// Start-up: mapping the compiled gazetteer and actor dictionary.
void BM_LoadKnowledgeBase(benchmark::State& state) {
  for (auto _ : state) {
    auto e = sitrep::Extractor::load(kb_dir());
    if (!e.is_ok()) {
      state.SkipWithError("compiled KB not found");
      return;
    }
    benchmark::DoNotOptimize(e.value().get());
  }
}
BENCHMARK(BM_LoadKnowledgeBase)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
