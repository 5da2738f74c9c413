#include "kb/literal_matcher.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <tuple>

#include "ingest/jsonl_reader.h"

namespace sitrep::kb {
namespace {

using Match = std::tuple<uint32_t, uint32_t, uint32_t>;  // id, begin, end

template <typename M>
std::vector<Match> run(const M& m, std::string_view text) {
  std::vector<Match> out;
  m.scan(text, [&](uint32_t id, uint32_t b, uint32_t e) { out.emplace_back(id, b, e); });
  return out;
}

std::unique_ptr<LiteralMatcher> build(const std::vector<LiteralPattern>& p) {
  auto r = LiteralMatcher::compile(p);
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  return std::move(r).value();
}

// Checks one input against both engines and returns the fast one's answer.
std::vector<Match> both(const std::vector<LiteralPattern>& p, std::string_view text) {
  const auto fast = run(*build(p), text);
  EXPECT_EQ(fast, run(NaiveLiteralMatcher(p), text)) << text;
  return fast;
}

TEST(LiteralMatcher, FindsWholeWordsOnly) {
  const std::vector<LiteralPattern> p = {{"syria", 1, true}, {"IS", 2, false}};
  EXPECT_EQ(both(p, "Syria and Syrian IS; it is ISIS"), (std::vector<Match>{{1, 0, 5}, {2, 17, 19}}));
}

TEST(LiteralMatcher, CaseRules) {
  const std::vector<LiteralPattern> p = {{"un", 1, true}, {"UN", 2, false}};
  EXPECT_EQ(both(p, "UN un Un"), (std::vector<Match>{{1, 0, 2}, {2, 0, 2}, {1, 3, 5}, {1, 6, 8}}));
}

TEST(LiteralMatcher, OrderByEndThenBeginThenIdAndDeduplicates) {
  const std::vector<LiteralPattern> p = {
      {"syrian observatory", 3, true}, {"observatory", 2, true}, {"syrian", 1, true}, {"SYRIAN", 1, false}};
  EXPECT_EQ(both(p, "the Syrian Observatory said"),
            (std::vector<Match>{{1, 4, 10}, {3, 4, 22}, {2, 11, 22}}));
  EXPECT_EQ(both(p, "SYRIAN"), (std::vector<Match>{{1, 0, 6}}));  // two patterns, one id: one report
}

TEST(LiteralMatcher, PunctuationIsABoundaryLettersAreNot) {
  const std::vector<LiteralPattern> p = {{"US", 1, false}, {"U.S.", 2, false}, {"isis", 3, true}};
  EXPECT_EQ(both(p, "US-backed, U.S.-led (ISIS's) USA US2 _US"),
            (std::vector<Match>{{1, 0, 2}, {2, 11, 15}, {3, 21, 25}, {1, 38, 40}}));
}

TEST(LiteralMatcher, UnicodeLettersAreWordCharacters) {
  const std::vector<LiteralPattern> p = {{"raqqa", 1, true}, {"al", 2, true}};
  // "é" and Arabic letters glue; "—" (a dash) and "’" do not.
  EXPECT_EQ(both(p, "éraqqa raqqaé —raqqa— raqqa’s رraqqa alب"), (std::vector<Match>{{1, 19, 24}, {1, 28, 33}}));
}

TEST(LiteralMatcher, OverlappingOccurrences) {
  const std::vector<LiteralPattern> p = {{"a a", 1, true}};
  EXPECT_EQ(both(p, "a a a"), (std::vector<Match>{{1, 0, 3}, {1, 2, 5}}));
}

TEST(LiteralMatcher, IllFormedUtf8DoesNotConfuseBoundaries) {
  const std::vector<LiteralPattern> p = {{"x", 1, true}};
  both(p, "\xC3x\xA9 \xE2\x80x\x80\x80 \xF0x \xC1\x81x x\xC1\x81 \xC0\xB0x \xE2\x80\x94x");
}

// The database sees the text with the letters at the ends of words marked
// (upper case), sixteen bytes at a time: random short texts of letters,
// digits, punctuation and UTF-8 put every kind of neighbour on every side of
// a block's edge.
TEST(LiteralMatcher, RandomTextsAgreeWithTheNaiveMatcher) {
  const std::vector<LiteralPattern> p = {{"ab", 1, true},  {"b", 2, true},   {"a b", 3, true}, {"Ab", 4, false},
                                         {"b1", 5, true},  {"1a", 6, true},  {"a.", 7, true},  {"-b", 8, true},
                                         {"AB", 9, false}, {"é", 10, true}, {"aé", 11, true}, {"ba", 12, true}};
  const auto fast = build(p);
  const NaiveLiteralMatcher naive(p);
  const std::vector<std::string_view> pieces = {"a", "b", "A", "B", "1", " ", ".", "-", "\xC3\xA9", "\xE2\x80\x99"};
  uint64_t state = 42;
  size_t total = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t length = static_cast<size_t>(round % 70);
    while (text.size() < length) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      text += pieces[(state >> 33) % pieces.size()];
    }
    const auto expected = run(naive, text);
    ASSERT_EQ(run(*fast, text), expected) << text;
    std::vector<LiteralMatch> collected;
    fast->collect(text, collected);
    std::vector<Match> unordered;
    for (const LiteralMatch& m : collected) unordered.emplace_back(m.id, m.begin, m.end);
    std::sort(unordered.begin(), unordered.end(), [](const Match& a, const Match& b) {
      return std::tie(std::get<2>(a), std::get<1>(a), std::get<0>(a)) < std::tie(std::get<2>(b), std::get<1>(b), std::get<0>(b));
    });
    ASSERT_EQ(unordered, expected) << text;
    total += expected.size();
  }
  EXPECT_GT(total, 5000u);  // the comparison is not vacuous
}

TEST(LiteralMatcher, EmptyPatternListAndEmptyText) {
  auto m = build({});
  EXPECT_TRUE(run(*m, "anything").empty());
  auto blob = m->serialize();
  ASSERT_TRUE(blob.is_ok());
  auto back = LiteralMatcher::deserialize(blob.value());
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_TRUE(run(*back.value(), "anything").empty());
  EXPECT_TRUE(run(*build({{"a", 1, true}}), "").empty());
}

TEST(LiteralMatcher, RejectsEmptyLiteralAndBadBytes) {
  EXPECT_FALSE(LiteralMatcher::compile({{"", 1, true}}).is_ok());
  EXPECT_FALSE(LiteralMatcher::compile({{std::string(kMaxLiteralBytes + 1, 'x'), 1, true}}).is_ok());
  EXPECT_FALSE(LiteralMatcher::deserialize("").is_ok());
  EXPECT_FALSE(LiteralMatcher::deserialize("SRLM").is_ok());
  auto blob = build({{"syria", 7, true}})->serialize();
  ASSERT_TRUE(blob.is_ok());
  EXPECT_FALSE(LiteralMatcher::deserialize(std::string_view(blob.value()).substr(0, blob.value().size() - 9)).is_ok());
  std::string corrupt = blob.value();
  corrupt[0] = 'X';
  EXPECT_FALSE(LiteralMatcher::deserialize(corrupt).is_ok());
}

// --- On real text: the actor surface forms over the sample articles. ---------

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Surface forms of data/kb/actors-*.tsv with compile_actors' case rule (a
// capital letter makes the form exact); ids number the rows.
std::vector<LiteralPattern> actor_patterns() {
  std::vector<LiteralPattern> out;
  uint32_t row = 0;
  for (const char* file : {"actors-supplement.tsv", "actors-cameo.tsv"}) {
    std::istringstream in(slurp(std::filesystem::path(SITREP_SOURCE_DIR) / "data/kb" / file));
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      ++row;
      std::vector<std::string> cols;
      std::istringstream ls(line);
      for (std::string c; std::getline(ls, c, '\t');) cols.push_back(c);
      if (cols.size() < 7) continue;
      std::istringstream fs(cols[6]);
      for (std::string f; std::getline(fs, f, '|');) {
        if (f.empty()) continue;
        const bool caseless = std::none_of(f.begin(), f.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
        out.push_back({f, row, caseless});
      }
    }
  }
  return out;
}

std::vector<std::string> sample_texts() {
  namespace fs = std::filesystem;
  const fs::path samples = fs::path(SITREP_SOURCE_DIR) / "data/samples";
  std::vector<fs::path> seeds;
  for (const auto& e : fs::directory_iterator(samples / "seeds")) seeds.push_back(e.path());
  std::sort(seeds.begin(), seeds.end());
  std::vector<std::string> texts;
  for (const auto& p : seeds) texts.push_back(slurp(p));
  std::istringstream jsonl(slurp(samples / "fakes-sample.jsonl"));
  std::string line;
  uint64_t n = 0;
  while (std::getline(jsonl, line)) {
    auto doc = ingest::parse_jsonl_record("fakes-sample.jsonl", line, ++n);
    if (doc.is_ok()) texts.push_back(doc.value().body);
  }
  return texts;
}

TEST(LiteralMatcherDifferential, ActorFormsOverSampleArticles) {
  const auto patterns = actor_patterns();
  const auto texts = sample_texts();
  ASSERT_GT(patterns.size(), 5000u);
  ASSERT_GT(texts.size(), 500u);
  const auto fast = build(patterns);
  auto blob = fast->serialize();
  ASSERT_TRUE(blob.is_ok());
  auto loaded = LiteralMatcher::deserialize(blob.value());
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  const NaiveLiteralMatcher naive(patterns);
  size_t total = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    const auto expected = run(naive, texts[i]);
    ASSERT_EQ(run(*fast, texts[i]), expected) << "text " << i;
    ASSERT_EQ(run(*loaded.value(), texts[i]), expected) << "text " << i << " (deserialised)";
    total += expected.size();
  }
  EXPECT_GT(total, 10000u);  // the comparison is not vacuous
}

TEST(LiteralMatcher, ScansFromManyThreadsAtOnce) {
  const auto patterns = actor_patterns();
  const auto texts = sample_texts();
  const auto m = build(patterns);
  std::vector<std::vector<Match>> expected;
  for (const auto& t : texts) expected.push_back(run(*m, t));
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      // A second matcher on the same thread makes the per-thread scratch switch databases.
      const auto other = build({{"syria", 1, true}});
      for (size_t i = static_cast<size_t>(t); i < texts.size(); i += 2) {
        if (run(*m, texts[i]) != expected[i]) ++failures[t];
        if (run(*other, "in Syria").size() != 1) ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace sitrep::kb
