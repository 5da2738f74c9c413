// for_each_document over real files: format sniffing, directories, errors.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "sitrep/ingest.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;

class InputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sitrep-inputs-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& bytes) {
    const fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }

  size_t run(const std::vector<std::string>& inputs, IngestLimits limits = {}) {
    docs_.clear();
    diags_.clear();
    return for_each_document(
        inputs, limits, [&](RawDocument&& d) { docs_.push_back(std::move(d)); },
        [&](const Diagnostic& d) { diags_.push_back(d.to_string()); });
  }

  fs::path dir_;
  std::vector<RawDocument> docs_;
  std::vector<std::string> diags_;
};

TEST_F(InputsTest, SniffsFormatsByContent) {
  const std::string t = write("a.txt", "Title\n\nBody.\n");
  const std::string h = write("b.txt", "<!DOCTYPE html><html><body><p>x</p></body></html>");
  const std::string j = write("c.data", "{\"id\":\"r1\",\"text\":\"x\"}\n");
  EXPECT_EQ(run({t, h, j}), 0u);
  ASSERT_EQ(docs_.size(), 3u);
  EXPECT_EQ(docs_[0].format, "text");
  EXPECT_EQ(docs_[1].format, "html");
  EXPECT_TRUE(docs_[1].is_html);
  EXPECT_EQ(docs_[2].format, "jsonl");
  EXPECT_EQ(docs_[2].path, "r1");
}

TEST_F(InputsTest, DirectoriesRecursiveSortedHiddenSkipped) {
  write("d/z.txt", "Z\n\nzz\n");
  write("d/sub/a.txt", "A\n\naa\n");
  write("d/.hidden.txt", "H\n\nhh\n");
  EXPECT_EQ(run({(dir_ / "d").string()}), 0u);
  ASSERT_EQ(docs_.size(), 2u);
  EXPECT_EQ(docs_[0].path, (dir_ / "d/sub/a.txt").string());
  EXPECT_EQ(docs_[1].path, (dir_ / "d/z.txt").string());
}

TEST_F(InputsTest, GzipTextIsRead) {
  const std::string plain = "Title\n\nA body paragraph inside gzip.\n";
  const std::string path = (dir_ / "g.txt.gz").string();
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, plain.data(), static_cast<unsigned>(plain.size()));
  gzclose(f);
  EXPECT_EQ(run({path}), 0u);
  ASSERT_EQ(docs_.size(), 1u);
  EXPECT_EQ(docs_[0].body, plain);
}

TEST_F(InputsTest, BadInputsNamedAndOthersGoOn) {
  const std::string empty = write("empty.txt", "");
  const std::string binary = write("bin.dat", std::string("\x7f"
                                                          "ELF\0\0\1\2",
                                                          8) +
                                                  std::string(100, '\0'));
  const std::string good = write("good.txt", "Title\n\nBody.\n");
  const std::string missing = (dir_ / "missing.txt").string();
  IngestLimits limits;
  limits.max_line_bytes = 100;
  const std::string long_line = write("long.txt", std::string(500, 'x'));
  EXPECT_EQ(run({empty, binary, missing, long_line, good}, limits), 4u);
  ASSERT_EQ(docs_.size(), 1u);
  EXPECT_EQ(docs_[0].path, good);
  ASSERT_EQ(diags_.size(), 4u);
  EXPECT_EQ(diags_[0], "error: " + empty + ": empty file");
  EXPECT_NE(diags_[1].find("binary file (NUL byte at offset 4)"), std::string::npos);
  EXPECT_NE(diags_[2].find(missing + ": cannot open"), std::string::npos);
  EXPECT_NE(diags_[3].find("line 1: line of 500 bytes over the"), std::string::npos);
}

TEST_F(InputsTest, DocumentLimit) {
  IngestLimits limits;
  limits.max_document_bytes = 1000;
  const std::string big = write("big.txt", std::string(5000, 'a') + "\n");
  EXPECT_EQ(run({big}, limits), 1u);
  EXPECT_NE(diags_[0].find("document limit"), std::string::npos);
}

TEST_F(InputsTest, InputLimitStopsALongStreamKeepingWhatCameBefore) {
  std::string jsonl;
  for (int i = 0; i < 100; ++i)
    jsonl += "{\"id\":\"r" + std::to_string(i) + "\",\"text\":\"body\"}\n";
  IngestLimits limits;
  limits.max_input_bytes = 1000;
  EXPECT_GE(run({write("many.jsonl", jsonl)}, limits), 1u);
  EXPECT_GT(docs_.size(), 10u);
  EXPECT_LT(docs_.size(), 100u);
  ASSERT_GE(diags_.size(), 1u);
  EXPECT_NE(diags_.back().find("input limit (--max-input-bytes)"), std::string::npos)
      << diags_.back();
}

}  // namespace
}  // namespace sitrep
