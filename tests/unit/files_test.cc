#include "common/files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sitrep {
namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(AtomicFileWriter, NothingAppearsBeforeCommit) {
  const std::string path = ::testing::TempDir() + "atomic_writer_test.txt";
  std::filesystem::remove(path);
  {
    AtomicFileWriter out(path);
    out.write("one\n");
    out.write("two\n");
    EXPECT_FALSE(std::filesystem::exists(path));
    ASSERT_TRUE(out.commit().is_ok());
  }
  EXPECT_EQ(read_all(path), "one\ntwo\n");
  {
    AtomicFileWriter out(path);
    out.write("half");
  }  // never committed: the old file stays, the .tmp goes
  EXPECT_EQ(read_all(path), "one\ntwo\n");
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST(AtomicFileWriter, AnUnwritableDirectoryIsAnError) {
  AtomicFileWriter out("/nonexistent-dir/x.jsonl");
  out.write("x");
  const Status s = out.commit();
  EXPECT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("/nonexistent-dir/x.jsonl.tmp"), std::string::npos) << s.message();
}

TEST(ScratchFile, ReadsBackByOffsetAndLeavesNothingBehind) {
  const std::string path = ::testing::TempDir() + "scratch_test.bin";
  ScratchFile f(path);
  ASSERT_TRUE(f.status().is_ok());
  EXPECT_FALSE(std::filesystem::exists(path));
  const uint64_t a = f.append("alpha");
  const uint64_t b = f.append(std::string(3 << 20, 'x'));  // past the write buffer
  const uint64_t c = f.append("gamma");
  std::string out;
  ASSERT_TRUE(f.read(c, 5, out));
  EXPECT_EQ(out, "gamma");
  ASSERT_TRUE(f.read(a, 5, out));
  EXPECT_EQ(out, "alpha");
  ASSERT_TRUE(f.read(b + (3 << 20) - 2, 4, out));
  EXPECT_EQ(out, "xxga");
  f.append("delta");  // written after reading
  ASSERT_TRUE(f.read(c + 5, 5, out));
  EXPECT_EQ(out, "delta");
  EXPECT_FALSE(f.read(c + 5, 100, out)) << "past the end";
  EXPECT_FALSE(f.status().is_ok());
}

TEST(ScratchFile, ViewShowsEverythingAppendedSoFar) {
  ScratchFile f(::testing::TempDir() + "scratch_view_test.bin");
  EXPECT_TRUE(f.view().empty());
  f.append("alpha");
  const uint64_t b = f.append(std::string(3 << 20, 'x'));  // past the write buffer
  f.append("gamma");
  std::string_view v = f.view();
  ASSERT_EQ(v.size(), 5 + (3u << 20) + 5);
  EXPECT_EQ(v.substr(0, 5), "alpha");
  EXPECT_EQ(v.substr(b + (3 << 20) - 2, 4), "xxga");
  EXPECT_EQ(f.view().data(), v.data()) << "mapped once while nothing is appended";
  f.append("delta");
  v = f.view();
  EXPECT_EQ(v.substr(v.size() - 10), "gammadelta");
  std::string out;
  ASSERT_TRUE(f.read(0, 5, out));
  EXPECT_EQ(out, "alpha");
  EXPECT_TRUE(f.status().is_ok());
}

TEST(ScratchFile, AnUncreatableFileIsAnError) {
  ScratchFile f("/nonexistent-dir/scratch");
  EXPECT_FALSE(f.status().is_ok());
  std::string out;
  EXPECT_FALSE(f.read(0, 1, out));
  EXPECT_TRUE(f.view().empty());
}

}  // namespace
}  // namespace sitrep
