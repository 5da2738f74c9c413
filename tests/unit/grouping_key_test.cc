#include <gtest/gtest.h>

#include "sitrep/report.h"

namespace sitrep {
namespace {

Report dated(const char* country, int y, int m, int d, DatePrecision p = DatePrecision::kDay) {
  Report r;
  if (country) {
    r.place = ReportPlace{};
    r.place->country = country;
  }
  Date start{y, m, d, p};
  r.date = ReportDate{start, start, p, "sentence"};
  return r;
}

TEST(GroupingKey, CountryAndIsoWeek) {
  EXPECT_EQ(grouping_key(dated("SY", 2017, 6, 5)), "SY/2017-W23");   // Monday
  EXPECT_EQ(grouping_key(dated("SY", 2017, 6, 11)), "SY/2017-W23");  // Sunday, same week
  EXPECT_EQ(grouping_key(dated("IQ", 2017, 6, 12)), "IQ/2017-W24");  // next Monday
}

TEST(GroupingKey, WeeksAcrossTheTurnOfTheYear) {
  EXPECT_EQ(grouping_key(dated("SY", 2016, 1, 1)), "SY/2015-W53");  // a Friday: week of 2015
  EXPECT_EQ(grouping_key(dated("SY", 2018, 12, 31)), "SY/2019-W01");  // a Monday: week of 2019
  EXPECT_EQ(grouping_key(dated("SY", 2015, 12, 28)), "SY/2015-W53");
  EXPECT_EQ(grouping_key(dated("SY", 2017, 1, 1)), "SY/2016-W52");  // a Sunday
  EXPECT_EQ(grouping_key(dated("SY", 2017, 1, 2)), "SY/2017-W01");
}

TEST(GroupingKey, CoarseDatesCountFromTheirFirstDay) {
  EXPECT_EQ(grouping_key(dated("SY", 2017, 6, 0, DatePrecision::kMonth)), "SY/2017-W22");  // June 1st
  EXPECT_EQ(grouping_key(dated("SY", 2017, 0, 0, DatePrecision::kYear)), "SY/2016-W52");  // Jan 1st
}

TEST(GroupingKey, NoPlaceOrNoDate) {
  EXPECT_EQ(grouping_key(dated(nullptr, 2017, 6, 5)), "XX/2017-W23");
  EXPECT_EQ(grouping_key(dated("", 2017, 6, 5)), "XX/2017-W23");
  Report r;
  EXPECT_EQ(grouping_key(r), "XX/undated");
  r.place = ReportPlace{};
  r.place->country = "LB";
  EXPECT_EQ(grouping_key(r), "LB/undated");
}

}  // namespace
}  // namespace sitrep
