// Golden tests for ingestion: each tests/golden/ingest/*.test file names an
// input and the fields expected of the article built from it.
//
//   input: <path relative to the source tree>
//   ----
//   title: <exact title>            outlet: <outlet>        byline: <name>|null
//   published: <date> <precision> <from> | null            language: <code>
//   contains: <text>   absent: <text>   count: <text> = <n>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sitrep/ingest.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;

struct GoldenCase {
  std::string file;
  std::string input;
  std::vector<std::pair<std::string, std::string>> expect;  // key, value
};

std::vector<GoldenCase> load_cases() {
  std::vector<GoldenCase> cases;
  const fs::path dir = fs::path(SITREP_SOURCE_DIR) / "tests/golden/ingest";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".test") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    GoldenCase c;
    c.file = f.filename().string();
    std::ifstream in(f);
    std::string line;
    bool body = false;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      if (line == "----") {
        body = true;
        continue;
      }
      const size_t colon = line.find(": ");
      if (colon == std::string::npos) continue;
      std::string key = line.substr(0, colon), value = line.substr(colon + 2);
      if (!body && key == "input")
        c.input = value;
      else if (body)
        c.expect.emplace_back(key, value);
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

size_t count_of(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

Article ingest_one(const std::string& path) {
  std::vector<Article> out;
  std::vector<std::string> errors;
  for_each_document(
      {path}, IngestLimits{},
      [&](RawDocument&& doc) {
        Result<Article> a = build_article(doc, nullptr);
        if (a.is_ok())
          out.push_back(std::move(a).value());
        else
          errors.push_back(a.status().message());
      },
      [&](const Diagnostic& d) { errors.push_back(d.to_string()); });
  EXPECT_TRUE(errors.empty()) << errors.front();
  EXPECT_EQ(out.size(), 1u);
  return out.empty() ? Article{} : out.front();
}

TEST(GoldenIngest, SeedArticles) {
  const std::vector<GoldenCase> cases = load_cases();
  ASSERT_GE(cases.size(), 5u);
  for (const GoldenCase& c : cases) {
    SCOPED_TRACE(c.file);
    const Article a = ingest_one((fs::path(SITREP_SOURCE_DIR) / c.input).string());
    for (const auto& [key, value] : c.expect) {
      if (key == "title") {
        EXPECT_EQ(a.title, value);
      } else if (key == "outlet") {
        EXPECT_EQ(a.outlet, value);
      } else if (key == "byline") {
        EXPECT_EQ(a.byline.value_or("null"), value);
      } else if (key == "language") {
        EXPECT_EQ(a.language, value);
      } else if (key == "published") {
        std::string got = "null";
        if (a.published) {
          got = a.published->date.iso() + " " + to_string(a.published->date.precision) + " " +
                to_string(a.published->from);
        }
        EXPECT_EQ(got, value) << (a.published ? a.published->evidence : "");
      } else if (key == "contains") {
        EXPECT_NE(a.text.find(value), std::string::npos) << "missing: " << value;
      } else if (key == "absent") {
        EXPECT_EQ(a.text.find(value), std::string::npos) << "should be gone: " << value;
      } else if (key == "count") {
        const size_t eq = value.rfind(" = ");
        ASSERT_NE(eq, std::string::npos);
        EXPECT_EQ(count_of(a.text, value.substr(0, eq)), std::stoul(value.substr(eq + 3))) << value;
      } else {
        ADD_FAILURE() << "unknown key " << key;
      }
    }
    // Every exact offset segment maps clean bytes to the same original bytes.
    std::ifstream in(fs::path(SITREP_SOURCE_DIR) / c.input, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string orig = ss.str();
    for (const OffsetSegment& s : a.offsets.segments()) {
      if (!s.exact) continue;
      ASSERT_LE(s.orig_begin + s.length, orig.size());
      EXPECT_EQ(a.text.substr(s.clean_begin, s.length), orig.substr(s.orig_begin, s.length));
    }
  }
}

}  // namespace
}  // namespace sitrep
