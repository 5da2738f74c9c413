#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "common/ascii.h"
#include "sitrep/article.h"

namespace sitrep {
namespace {

TEST(OffsetMap, ExactInexactAndGaps) {
  // clean "Hello\n\nWorld": "Hello" from 10, "World" from 40 (inexact).
  OffsetMap m({{0, 10, 5, true}, {7, 40, 5, false}});
  EXPECT_EQ(m.to_original(0), 10u);
  EXPECT_EQ(m.to_original(4), 14u);
  EXPECT_EQ(m.to_original(5), 40u);  // inserted break -> next segment
  EXPECT_EQ(m.to_original(9), 40u);  // inexact: start only
  EXPECT_EQ(m.to_original(100), 40u);
}

TEST(OffsetMap, EmptyMapIsIdentity) { EXPECT_EQ(OffsetMap().to_original(7), 7u); }

TEST(Date, IsoByPrecision) {
  EXPECT_EQ((Date{2017, 6, 7, DatePrecision::kDay}).iso(), "2017-06-07");
  EXPECT_EQ((Date{2017, 6, 0, DatePrecision::kMonth}).iso(), "2017-06");
  EXPECT_EQ((Date{2017, 0, 0, DatePrecision::kYear}).iso(), "2017");
}

}  // namespace
}  // namespace sitrep

// Date::iso() and hex64() format by hand; snprintf is their definition.
namespace sitrep {
namespace {

std::string iso_by_snprintf(const Date& d) {
  char buf[40];
  if (d.month == 0) std::snprintf(buf, sizeof buf, "%04d", d.year);
  else if (d.day == 0) std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

TEST(DateIso, AgreesWithSnprintf) {
  for (int year : {-12, -1, 0, 7, 99, 999, 1900, 2017, 2099, 9999, 10000, 123456})
    for (int month : {0, 1, 6, 9, 10, 12, 99, 100})
      for (int day : {0, 1, 5, 10, 31, 99, 100}) {
        Date d{year, month, day, DatePrecision::kDay};
        EXPECT_EQ(d.iso(), iso_by_snprintf(d)) << year << " " << month << " " << day;
      }
}

TEST(Hex64, AgreesWithSnprintf) {
  uint64_t x = 0x9e3779b97f4a7c15ULL;
  for (uint64_t v : {uint64_t{0}, uint64_t{1}, uint64_t{0xabcdef}, ~uint64_t{0}}) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    EXPECT_EQ(hex64(v), buf);
  }
  for (int i = 0; i < 1000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(x));
    EXPECT_EQ(hex64(x), buf);
  }
}

}  // namespace
}  // namespace sitrep

namespace sitrep {
namespace {

TEST(Ascii, CollapseAsciiSpace) {
  EXPECT_EQ(collapse_ascii_space("  US strikes\n\nkill 20\t civilians \r\n"), "US strikes kill 20 civilians");
  EXPECT_EQ(collapse_ascii_space(""), "");
  EXPECT_EQ(collapse_ascii_space(" \n\t "), "");
  EXPECT_EQ(collapse_ascii_space("D\xC3\xA9ir\u00A0x"), "D\xC3\xA9ir\u00A0x");  // non-ASCII space kept
}

TEST(Ascii, LowerSixteenAtATimeAsByteByByte) {
  // Every byte value at every offset of a 35-byte string (two blocks of
  // sixteen and a tail), beside each neighbour value.
  for (int c = 0; c < 256; ++c)
    for (int near : {0x00, 0x40, 0x41, 0x5A, 0x5B, 0x7F, 0x80, 0xC1, 0xDA, 0xFF})
      for (size_t at = 0; at < 35; ++at) {
        std::string s(35, static_cast<char>(near));
        s[at] = static_cast<char>(c);
        std::string expected = s;
        for (char& ch : expected) ch = ascii_lower(ch);
        EXPECT_EQ(ascii_lower(std::string_view(s)), expected) << c << " at " << at << " among " << near;
      }
  EXPECT_EQ(ascii_lower(std::string_view("Deir EZ-Zor, AL-RAQQA \xC3\x89")), "deir ez-zor, al-raqqa \xC3\x89");
}

TEST(Ascii, AlnumRunEndSixteenAtATimeAsByteByByte) {
  // Every byte value at every offset of a 35-byte run of letters or digits
  // (two blocks and a tail),
  // and the end of the run from each offset of a mixed text.
  for (int c = 0; c < 256; ++c)
    for (char fill : {'a', 'Z', '7'})
      for (size_t at = 0; at < 35; ++at) {
        std::string s(35, fill);
        s[at] = static_cast<char>(c);
        const size_t expected = is_ascii_alnum(static_cast<char>(c)) ? 35 : at;
        EXPECT_EQ(ascii_alnum_run_end(s, 0), expected) << c << " at " << at << " among " << fill;
      }
  const std::string_view text = "Deir ez-Zor2017 al-Raqqa\xC3\x89x `@[{/:09AZaz";
  for (size_t i = 0; i <= text.size(); ++i) {
    size_t expected = i;
    while (expected < text.size() && is_ascii_alnum(text[expected])) ++expected;
    EXPECT_EQ(ascii_alnum_run_end(text, i), expected) << "from " << i;
  }
}

}  // namespace
}  // namespace sitrep
