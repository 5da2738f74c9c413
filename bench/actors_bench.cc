// ActorDictionary: load time of actors.bin and find() throughput (MB/s) over
// the FA-KES sample article texts. The dictionary is compiled from data/kb
// into a temporary file first, so the bench does not depend on the build's
// sitrep_kb target.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/jsonl_reader.h"
#include "kb/actors.h"

namespace {

namespace fs = std::filesystem;

const std::string& dictionary_path() {
  static const std::string path = [] {
    const fs::path p = fs::temp_directory_path() / ("sitrep-actors-bench-" + std::to_string(::getpid()) + ".bin");
    const sitrep::Status s = sitrep::kb::compile_actors(std::string(SITREP_SOURCE_DIR) + "/data/kb", p.string());
    if (!s.is_ok()) {
      std::fprintf(stderr, "compile_actors: %s\n", s.message().c_str());
      std::exit(1);
    }
    return p.string();
  }();
  return path;
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

void BM_ActorsLoad(benchmark::State& state) {
  const std::string& path = dictionary_path();
  for (auto _ : state) {
    auto d = sitrep::kb::ActorDictionary::load(path);
    if (!d.is_ok()) state.SkipWithError(d.status().message().c_str());
    benchmark::DoNotOptimize(d);
  }
  state.counters["file_bytes"] = static_cast<double>(fs::file_size(path));
}
BENCHMARK(BM_ActorsLoad)->Unit(benchmark::kMillisecond);

void BM_ActorsFind(benchmark::State& state) {
  auto d = sitrep::kb::ActorDictionary::load(dictionary_path());
  if (!d.is_ok()) {
    state.SkipWithError(d.status().message().c_str());
    return;
  }
  const auto& texts = sample_texts();
  size_t bytes = 0, mentions = 0;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      const auto found = d.value()->find(t);
      mentions += found.size();
      bytes += t.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["mentions_per_pass"] =
      static_cast<double>(mentions) / static_cast<double>(std::max<int64_t>(1, state.iterations()));
}
BENCHMARK(BM_ActorsFind)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ec;
  fs::remove(dictionary_path(), ec);
  return 0;
}
