#include "common/utf8.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(Utf8, ValidTextIsKept) {
  const std::string s = "Raqqa \xD8\xA7\xD9\x84\xD8\xB1\xD9\x82\xD8\xA9 \xE2\x80\x93 ok";
  EXPECT_TRUE(is_valid_utf8(s));
  Utf8Repair r = repair_utf8(s);
  EXPECT_EQ(r.text, s);
  EXPECT_EQ(r.replaced, 0u);
  EXPECT_TRUE(r.segments.empty());
}

TEST(Utf8, MaximalSubpartsBecomeOneReplacementEach) {
  // Unicode 15, table 3-8: "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"
  // becomes a U+FFFD U+FFFD U+FFFD b U+FFFD c U+FFFD U+FFFD d.
  const std::string bad = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
  Utf8Repair r = repair_utf8(bad);
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(r.text, "a" + fffd + fffd + fffd + "b" + fffd + "c" + fffd + fffd + "d");
  EXPECT_EQ(r.replaced, 6u);
  EXPECT_EQ(r.first_bad_offset, 1u);
  EXPECT_TRUE(is_valid_utf8(r.text));
}

TEST(Utf8, RejectsOverlongsAndSurrogates) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));
  EXPECT_EQ(repair_utf8("\xC0\xAF").replaced, 2u);
}

TEST(Utf8, SegmentsMapRepairedTextBack) {
  const std::string bad =
      "abc\xFF"
      "def";
  Utf8Repair r = repair_utf8(bad);
  OffsetMap map(r.segments);
  EXPECT_EQ(map.to_original(0), 0u);
  EXPECT_EQ(map.to_original(2), 2u);
  EXPECT_EQ(map.to_original(3), 3u);  // the replacement maps to the bad byte
  EXPECT_EQ(map.to_original(6), 4u);  // 'd' after the 3-byte U+FFFD
  EXPECT_EQ(map.to_original(8), 6u);
}

}  // namespace
}  // namespace sitrep
