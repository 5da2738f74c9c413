// Throughput of the text layer on the sample corpus: the five seed articles
// and the 536 FA-KES texts, read once from data/samples.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "text/numbers.h"
#include "text/tokens.h"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void append_utf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The "text" value of a FA-KES line, unescaped (enough JSON for that file).
std::string json_text_field(const std::string& line) {
  const std::string key = "\"text\": \"";
  size_t p = line.find(key);
  if (p == std::string::npos) return {};
  p += key.size();
  std::string text;
  while (p < line.size() && line[p] != '"') {
    char c = line[p++];
    if (c != '\\' || p >= line.size()) {
      text.push_back(c);
      continue;
    }
    c = line[p++];
    switch (c) {
      case 'n': text.push_back('\n'); break;
      case 't': text.push_back('\t'); break;
      case 'r': text.push_back('\r'); break;
      case 'u': {
        if (p + 4 > line.size()) return text;
        uint32_t cp = std::stoul(line.substr(p, 4), nullptr, 16);
        p += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && line.compare(p, 2, "\\u") == 0 && p + 6 <= line.size()) {
          const uint32_t lo = std::stoul(line.substr(p + 2, 4), nullptr, 16);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          p += 6;
        }
        append_utf8(cp, &text);
        break;
      }
      default: text.push_back(c); break;
    }
  }
  return text;
}

// One string per article, as the pipeline hands them over.
const std::vector<std::string>& corpus() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    const std::string dir = std::string(SITREP_SOURCE_DIR) + "/data/samples/";
    for (const char* seed : {"000_425f2523596d9e23.txt", "001_ebdecad3bcd8edbe.txt",
                             "002_2c0b17beeba9964b.txt", "003_a59397cf878a2e98.txt",
                             "004_25515454c9680f79.txt"}) {
      out.push_back(read_file(dir + "seeds/" + seed));
    }
    std::ifstream in(dir + "fakes-sample.jsonl", std::ios::binary);
    std::string line;
    while (std::getline(in, line)) out.push_back(json_text_field(line));
    return out;
  }();
  return texts;
}

int64_t corpus_bytes() {
  int64_t bytes = 0;
  for (const std::string& t : corpus()) bytes += static_cast<int64_t>(t.size());
  return bytes;
}

void BM_Tokenize(benchmark::State& state) {
  const std::vector<std::string>& texts = corpus();
  sitrep::text::TokenizedText out;
  int64_t tokens = 0;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      sitrep::text::tokenize(t, out);
      tokens += static_cast<int64_t>(out.tokens.size());
    }
    benchmark::DoNotOptimize(tokens);
  }
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

// find_numbers alone, on tokens computed once.
void BM_FindNumbers(benchmark::State& state) {
  const std::vector<std::string>& texts = corpus();
  std::vector<sitrep::text::TokenizedText> tokenized(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) sitrep::text::tokenize(texts[i], tokenized[i]);
  int64_t found = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < texts.size(); ++i) {
      found += static_cast<int64_t>(sitrep::text::find_numbers(texts[i], tokenized[i]).size());
    }
    benchmark::DoNotOptimize(found);
  }
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
}
BENCHMARK(BM_FindNumbers)->Unit(benchmark::kMillisecond);

// What a pipeline stage pays per article: tokenize, then numbers.
void BM_TokenizeAndNumbers(benchmark::State& state) {
  const std::vector<std::string>& texts = corpus();
  sitrep::text::TokenizedText out;
  int64_t found = 0;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      sitrep::text::tokenize(t, out);
      found += static_cast<int64_t>(sitrep::text::find_numbers(t, out).size());
    }
    benchmark::DoNotOptimize(found);
  }
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
}
BENCHMARK(BM_TokenizeAndNumbers)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
