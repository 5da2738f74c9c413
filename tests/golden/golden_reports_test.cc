// Golden tests for extraction: each tests/golden/reports/*.test file names an
// input and lists, in text order, EVERY report that carries a casualty figure,
// each by the start of its quote, with the fields expected of it:
//
//   report: <the quote starts with this>
//     type: air_strike            cumulative: true|false   stance: reported
//     killed|injured|civilians_killed|children_killed|women_killed|
//     fighters_killed|soldiers_killed: <low> <qualifier> "<text>" | none
//     date: YYYY-MM-DD            place_admin1: X          place_country: CC
//     perpetrator: <actor id>     perpetrator_side: <side>
//     source: <actor id>          source_name: <name>
//
// A report with a figure that the file does not list fails the test, so
// non-casualty numbers turning into figures are caught.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "kb/kb_paths.h"
#include "sitrep/extract.h"
#include "sitrep/ingest.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;

struct Expected {
  std::string quote_prefix;
  std::vector<std::pair<std::string, std::string>> fields;
};

struct GoldenFile {
  std::string name, input;
  std::vector<Expected> reports;
};

std::string trim(std::string s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(s.begin());
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

std::vector<GoldenFile> load() {
  std::vector<GoldenFile> out;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(SITREP_SOURCE_DIR) / "tests/golden/reports"))
    if (e.path().extension() == ".test") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    GoldenFile g;
    g.name = f.filename().string();
    std::ifstream in(f);
    std::string line;
    bool body = false;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      if (line == "----") {
        body = true;
        continue;
      }
      const size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      const std::string key = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
      if (!body) {
        if (key == "input") g.input = value;
      } else if (key == "report") {
        g.reports.push_back({value, {}});
      } else if (!g.reports.empty()) {
        g.reports.back().fields.emplace_back(key, value);
      }
    }
    out.push_back(std::move(g));
  }
  return out;
}

const std::optional<Figure>* figure_slot(const Report& r, const std::string& name) {
  const Figures& f = r.figures;
  if (name == "killed") return &f.killed;
  if (name == "injured") return &f.injured;
  if (name == "civilians_killed") return &f.civilians_killed;
  if (name == "children_killed") return &f.children_killed;
  if (name == "women_killed") return &f.women_killed;
  if (name == "fighters_killed") return &f.fighters_killed;
  if (name == "soldiers_killed") return &f.soldiers_killed;
  return nullptr;
}

bool has_casualty_figure(const Report& r) { return r.figures.killed || r.figures.injured; }

void check(const Report& r, const std::string& key, const std::string& want) {
  if (const auto* slot = figure_slot(r, key)) {
    std::string got = "none";
    if (*slot) got = std::to_string((*slot)->low) + " " + (*slot)->qualifier + " \"" + (*slot)->text + "\"";
    EXPECT_EQ(got, want) << key;
  } else if (key == "type") {
    EXPECT_EQ(to_string(r.type), want);
  } else if (key == "cumulative") {
    EXPECT_EQ(r.cumulative ? "true" : "false", want);
  } else if (key == "stance") {
    EXPECT_EQ(to_string(r.stance), want);
  } else if (key == "date") {
    EXPECT_EQ(r.date ? r.date->start.iso() : "none", want);
  } else if (key == "place_admin1") {
    EXPECT_EQ(r.place ? r.place->admin1 : "none", want);
  } else if (key == "place_country") {
    EXPECT_EQ(r.place ? r.place->country : "none", want);
  } else if (key == "perpetrator") {
    EXPECT_EQ(r.perpetrator ? r.perpetrator->id : "none", want);
  } else if (key == "perpetrator_side") {
    EXPECT_EQ(r.perpetrator ? r.perpetrator->side : "none", want);
  } else if (key == "source") {
    EXPECT_EQ(r.source ? r.source->id : "none", want);
  } else if (key == "source_name") {
    EXPECT_EQ(r.source ? r.source->name : "none", want);
  } else {
    ADD_FAILURE() << "unknown key " << key;
  }
}

TEST(GoldenReports, SeedArticles) {
  auto extractor = Extractor::load(kb::default_kb_dir());
  ASSERT_TRUE(extractor.is_ok()) << extractor.status().message();
  const std::vector<GoldenFile> files = load();
  ASSERT_GE(files.size(), 5u);
  for (const GoldenFile& g : files) {
    SCOPED_TRACE(g.name);
    std::vector<Report> got;
    for_each_document(
        {(fs::path(SITREP_SOURCE_DIR) / g.input).string()}, IngestLimits{},
        [&](RawDocument&& doc) {
          auto a = build_article(doc, nullptr);
          ASSERT_TRUE(a.is_ok());
          for (Report& r : extractor.value()->extract(a.value()))
            if (has_casualty_figure(r)) got.push_back(std::move(r));
        },
        nullptr);
    std::vector<std::string> got_quotes;
    for (const Report& r : got) got_quotes.push_back(r.quote.substr(0, 60));
    ASSERT_EQ(got.size(), g.reports.size()) << "reports with figures: " << ::testing::PrintToString(got_quotes);
    for (size_t i = 0; i < got.size(); ++i) {
      SCOPED_TRACE(g.reports[i].quote_prefix);
      EXPECT_TRUE(got[i].quote.starts_with(g.reports[i].quote_prefix)) << got[i].quote;
      for (const auto& [key, value] : g.reports[i].fields) check(got[i], key, value);
    }
  }
}

}  // namespace
}  // namespace sitrep
