// Gazetteer: load time of gazetteer.bin (mmap and header checks) and find()
// throughput (MB/s) over the FA-KES sample article texts. Uses the build
// tree's compiled file (target sitrep_kb), or SITREP_KB_DIR when set.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ingest/jsonl_reader.h"
#include "kb/gazetteer.h"

namespace {

namespace fs = std::filesystem;

std::string gazetteer_path() {
  const char* dir = std::getenv("SITREP_KB_DIR");
  return std::string(dir && *dir ? dir : SITREP_KB_BUILD_DIR) + "/gazetteer.bin";
}

const std::vector<std::string>& sample_texts() {
  static const std::vector<std::string> texts = [] {
    std::ifstream in(std::string(SITREP_SOURCE_DIR) + "/data/samples/fakes-sample.jsonl", std::ios::binary);
    std::vector<std::string> out;
    std::string line;
    uint64_t n = 0;
    while (std::getline(in, line)) {
      auto doc = sitrep::ingest::parse_jsonl_record("fakes-sample.jsonl", line, ++n);
      if (doc.is_ok()) out.push_back(doc.value().body);
    }
    return out;
  }();
  return texts;
}

void BM_GazetteerLoad(benchmark::State& state) {
  const std::string path = gazetteer_path();
  for (auto _ : state) {
    auto g = sitrep::kb::Gazetteer::load(path);
    if (!g.is_ok()) {
      state.SkipWithError(g.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(g);
  }
  std::error_code ec;
  state.counters["file_bytes"] = static_cast<double>(fs::file_size(path, ec));
}
BENCHMARK(BM_GazetteerLoad)->Unit(benchmark::kMicrosecond);

void BM_GazetteerFind(benchmark::State& state) {
  auto g = sitrep::kb::Gazetteer::load(gazetteer_path());
  if (!g.is_ok()) {
    state.SkipWithError(g.status().message().c_str());
    return;
  }
  const auto& texts = sample_texts();
  const sitrep::kb::GeoContext ctx;
  size_t bytes = 0, mentions = 0;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      const auto found = g.value()->find(t, ctx);
      mentions += found.size();
      bytes += t.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["mentions_per_pass"] =
      static_cast<double>(mentions) / static_cast<double>(std::max<int64_t>(1, state.iterations()));
}
BENCHMARK(BM_GazetteerFind)->Unit(benchmark::kMillisecond);

void BM_GazetteerGeocode(benchmark::State& state) {
  auto g = sitrep::kb::Gazetteer::load(gazetteer_path());
  if (!g.is_ok()) {
    state.SkipWithError(g.status().message().c_str());
    return;
  }
  const char* kQueries[] = {"Raqqa", "Deir al-Zour", "Al-Tanaf", "Kafr Nabl", "Ain Issa", "Mosul",
                            "Tabqa Dam", "Hajin, Deir ez-Zor", "Bab al Nairab", "Xqzzyvv Qwrtp"};
  for (auto _ : state)
    for (const char* q : kQueries) benchmark::DoNotOptimize(g.value()->geocode(q, {}));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 10);
}
BENCHMARK(BM_GazetteerGeocode)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
