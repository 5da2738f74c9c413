#include "text/dates.h"

#include <gtest/gtest.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <vector>

namespace sitrep {

// Readable failures without depending on Date::iso() being linked.
void PrintTo(const Date& d, std::ostream* os) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d/%s", d.year, d.month, d.day,
                d.precision == DatePrecision::kDay     ? "day"
                : d.precision == DatePrecision::kMonth ? "month"
                                                       : "other");
  *os << buf;
}

}  // namespace sitrep

namespace sitrep::text {
namespace {

Date day(int y, int m, int d) { return Date{y, m, d, DatePrecision::kDay}; }
Date month(int y, int m) { return Date{y, m, 0, DatePrecision::kMonth}; }

std::string_view span_of(std::string_view text, const DateMatch& m) {
  return text.substr(m.begin, m.end - m.begin);
}

// The first match in `text`, which must exist.
DateMatch first(std::string_view text) {
  const std::vector<DateMatch> found = find_dates(text);
  EXPECT_FALSE(found.empty()) << "no date in: " << text;
  return found.empty() ? DateMatch{} : found[0];
}

void expect_first(std::string_view text, std::string_view span, Date date, int weekday = -1) {
  SCOPED_TRACE(std::string(text));
  const std::vector<DateMatch> found = find_dates(text);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(span_of(text, found[0]), span);
  EXPECT_EQ(found[0].date, date);
  EXPECT_EQ(found[0].weekday, weekday);
}

// `text` is exactly one date expression.
void expect_whole(std::string_view text, Date date, int weekday = -1) {
  SCOPED_TRACE(std::string(text));
  const std::vector<DateMatch> found = find_dates(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].begin, 0u);
  EXPECT_EQ(found[0].end, text.size());
  EXPECT_EQ(found[0].date, date);
  EXPECT_EQ(found[0].weekday, weekday);
}

void expect_none(std::string_view text) {
  const std::vector<DateMatch> found = find_dates(text);
  EXPECT_TRUE(found.empty()) << "unexpected date in: " << text << " -> "
                             << (found.empty() ? "" : std::string(span_of(text, found[0])));
}

TEST(FindDates, HeaderExamples) {
  expect_whole("7 June 2017", day(2017, 6, 7));
  expect_whole("June 15, 2017", day(2017, 6, 15));
  expect_whole("Tuesday, February 7th, 2023", day(2023, 2, 7), 1);
  expect_whole("Fri 07 Apr 2017", day(2017, 4, 7), 4);
  expect_whole("Mon Aug 12 2013", day(2013, 8, 12), 0);
  expect_whole("November 17 2017", day(2017, 11, 17));
  expect_whole("19 September 2016", day(2016, 9, 19));
  expect_whole("Sep. 3, 2014", day(2014, 9, 3));
  expect_whole("16-02-2015", day(2015, 2, 16));
  expect_whole("02.10.2017", day(2017, 10, 2));
  expect_whole("2017-06-07", day(2017, 6, 7));
  expect_whole("6/7/2017", day(2017, 6, 7));
  expect_whole("June 2017", month(2017, 6));
}

TEST(FindDates, NewsOpenings) {
  expect_first("Fri 07 Apr 2017 at 0914 Homs governor says", "Fri 07 Apr 2017", day(2017, 4, 7), 4);
  expect_first(
      "Syria air strikes kill 42 including 16 children Monitor AFP Monday 22 Sep 2014 Syrian "
      "government",
      "Monday 22 Sep 2014", day(2014, 9, 22), 0);
  expect_first("Date of publication 19 September 2016 Airstrikes", "19 September 2016",
               day(2016, 9, 19));
  expect_first("Published November 17 2017 A Daesh car bomb", "November 17 2017",
               day(2017, 11, 17));
  expect_first("16-02-2015 Terrorists Rocket Shells", "16-02-2015", day(2015, 2, 16));
  expect_first("02.10.2017Get short URL 191 A total of 24", "02.10.2017", day(2017, 10, 2));
  expect_first("08.04.2017(updated 1456 08.04.2017) Get short URL", "08.04.2017", day(2017, 4, 8));
  expect_first("Mon Aug 12 2013 Extremism takes", "Mon Aug 12 2013", day(2013, 8, 12), 0);
  expect_first("ISIS executes three people in Raqqa and Deir Ezzor 8 November 2016 SANA Members",
               "8 November 2016", day(2016, 11, 8));
  expect_first("Bill Van Auken 7 June 2017", "7 June 2017", day(2017, 6, 7));
  expect_first("RAQQA, SYRIA (June 15, 2017) \xE2\x80\x93", "June 15, 2017", day(2017, 6, 15));
  expect_first("Tuesday, February 7th, 2023", "Tuesday, February 7th, 2023", day(2023, 2, 7), 1);
  expect_first("on June 6, 2017. (DELIL SOULEIMAN/AFP)", "June 6, 2017", day(2017, 6, 6));
}

TEST(FindDates, SpansAreExactByteOffsets) {
  const std::string_view text = "Bill Van Auken 7 June 2017";
  const DateMatch m = first(text);
  EXPECT_EQ(m.begin, 15u);
  EXPECT_EQ(m.end, 26u);

  const std::string_view updated = "08.04.2017(updated 1456 08.04.2017) Get short URL";
  const std::vector<DateMatch> found = find_dates(updated);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].begin, 0u);
  EXPECT_EQ(found[0].end, 10u);
  EXPECT_EQ(found[1].begin, 24u);
  EXPECT_EQ(found[1].end, 34u);
  EXPECT_EQ(span_of(updated, found[1]), "08.04.2017");
}

TEST(FindDates, Negatives) {
  expect_none("killed 2017 people");
  expect_none("3,800 killed since 2014");
  expect_none("May 5 people were killed");
  expect_none("13/13/2017");
  expect_none("31 June 2017");
  expect_none("June 31, 2017");
  expect_none("29 February 2017");
  expect_none("0 June 2017");
  expect_none("00/12/2017");
  expect_none("the 34-mile (55-kilometer) zone");
  expect_none("call +963 11 2017 5555 or 202-555-0143");
  expect_none("hotline 0944-12-20171");
  expect_none("they may 2017");
  expect_none("in march 2017 the");
  expect_none("7 June 1899");
  expect_none("7 June 2100");
  expect_none("7 June 17");
  expect_none("6/7/17");
  expect_none("June");
  expect_none("June 7");
  expect_none("");
  expect_none("Junk 2017, Mayor 7 2017, Augusta 2017, Decimal 5 2017");
  expect_none("version 1.2.2017.4");
  expect_none("2017-06");
  expect_none("2017-13-01");
  expect_none("2017-02-30");
}

TEST(FindDates, TokenBoundaries) {
  expect_none("2017-06-07123");
  expect_none("a1/2/2017");
  expect_none("x2017-06-07");
  expect_none("12017-06-07");
  expect_none("1/2/20171");
  expect_none("1/2/2017/3");
  expect_none("02.10.2017.5");
  expect_none("A7 June 2017B");
  expect_none("7 June 20171");
  expect_none("XJune 2017");
  expect_none("1,7/6/2017");
  expect_none("at 09:14 June 2017");
  expect_none("1.7 June 2017");
  expect_first("5-7 June 2017", "7 June 2017", day(2017, 6, 7));
  expect_first("5/7 June 2017", "7 June 2017", day(2017, 6, 7));
  // Glued trailing words are common in scraped text.
  expect_first("02.10.2017Get", "02.10.2017", day(2017, 10, 2));
  expect_first("(7 June 2017)", "7 June 2017", day(2017, 6, 7));
  expect_first("\"June 2017\"", "June 2017", month(2017, 6));
  const std::string quoted = std::string("\xE2\x80\x9C") + "7 June 2017" + "\xE2\x80\x9D";
  expect_first(quoted, "7 June 2017", day(2017, 6, 7));
  const std::string nbsp = "\xC2\xA0";
  const std::string spaced = "7" + nbsp + "June" + nbsp + "2017";
  expect_first("on" + nbsp + spaced + ".", spaced, day(2017, 6, 7));
  // A line break ends a date.
  expect_none("7 June\n2017");
}

TEST(FindDates, MayTheVerbAndMayTheMonth) {
  expect_whole("may 5, 2017", day(2017, 5, 5));
  expect_whole("5 may 2017", day(2017, 5, 5));
  expect_whole("May 2017", month(2017, 5));
  expect_whole("MAY 2017", month(2017, 5));
  expect_none("they may 2017");
  expect_none("May 5 people");
  expect_none("they may 5 more");
  expect_first("Rebels may strike again, officials said on May 5, 2017.", "May 5, 2017",
               day(2017, 5, 5));
}

TEST(FindDates, MonthNamesAnyCaseForFullDates) {
  expect_whole("7 JUNE 2017", day(2017, 6, 7));
  expect_whole("7 june 2017", day(2017, 6, 7));
  expect_whole("jUnE 7, 2017", day(2017, 6, 7));
  expect_whole("7 jun 2017", day(2017, 6, 7));
  expect_none("jun 2017");
  expect_whole("Jun. 2017", month(2017, 6));
  expect_whole("Sept. 2017", month(2017, 9));
  expect_whole("June, 2017", month(2017, 6));
}

TEST(FindDates, AllMonthNames) {
  const std::array<const char*, 12> full = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  const std::array<const char*, 12> abbr = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int m = 1; m <= 12; ++m) {
    expect_whole(std::string("1 ") + full[m - 1] + " 2001", day(2001, m, 1));
    expect_whole(std::string("1 ") + abbr[m - 1] + " 2001", day(2001, m, 1));
    // "May" has no short form to dot.
    if (m != 5) expect_whole(std::string(abbr[m - 1]) + ". 9, 2001", day(2001, m, 9));
    expect_whole(std::string(full[m - 1]) + " 2001", month(2001, m));
  }
  expect_whole("Sept. 3, 2014", day(2014, 9, 3));
  expect_whole("Sept 3, 2014", day(2014, 9, 3));
  expect_whole("3 Sept 2014", day(2014, 9, 3));
}

TEST(FindDates, OrdinalsAndOf) {
  expect_whole("1st June 2017", day(2017, 6, 1));
  expect_whole("2nd June 2017", day(2017, 6, 2));
  expect_whole("3rd June 2017", day(2017, 6, 3));
  expect_whole("7th June 2017", day(2017, 6, 7));
  expect_whole("June 21st, 2017", day(2017, 6, 21));
  expect_whole("June 22ND 2017", day(2017, 6, 22));
  // The article is not part of the date.
  expect_first("on the 7th of June 2017 they", "7th of June 2017", day(2017, 6, 7));
  expect_whole("7th of June, 2017", day(2017, 6, 7));
  expect_whole("Wednesday the 7th of June 2017", day(2017, 6, 7), 2);
  expect_none("7x June 2017");
  expect_none("7 of June 2017");
  expect_first("by the end of June 2017", "June 2017", month(2017, 6));
  expect_first("in 2016 and June 2017", "June 2017", month(2017, 6));
  expect_none("in 2016 June 2017");
  expect_none("300 June 2017");
}

TEST(FindDates, DashedDayMonthYear) {
  expect_whole("7-Jun-2017", day(2017, 6, 7));
  expect_whole("07-JUN-2017", day(2017, 6, 7));
  expect_whole("7-June-2017", day(2017, 6, 7));
  expect_none("7-Jun 2017");
  expect_none("31-Jun-2017");
}

TEST(FindDates, OptionalCommas) {
  expect_whole("Tuesday, 7 February, 2023", day(2023, 2, 7), 1);
  expect_whole("Tuesday 7 February 2023", day(2023, 2, 7), 1);
  expect_whole("Tue., Feb. 7, 2023", day(2023, 2, 7), 1);
  expect_whole("June 15,2017", day(2017, 6, 15));
  expect_whole("Wed,07 Jun 2017", day(2017, 6, 7), 2);
}

// "Apr 09, 2017" with its punctuation stripped: "Last updated at Apr 092017".
TEST(FindDates, DayAndYearRunTogether) {
  expect_first("Last updated at Apr 092017 BEIRUT", "Apr 092017", day(2017, 4, 9));
  expect_whole("Nov 272017", day(2017, 11, 27));
  expect_whole("Feb 292016", day(2016, 2, 29));
  expect_none("Feb 292017");   // no 29 February in 2017
  expect_none("Apr 002017");   // no day 0
  expect_none("Apr 321999");   // no day 32
  expect_none("Apr 091850");   // year out of range
  expect_none("Apr 0920171");  // seven digits
  expect_none("Apr 92017");    // five digits: ambiguous
}

TEST(FindDates, WeekdaysAreRecordedNotValidated) {
  const std::array<const char*, 7> full = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                           "Friday", "Saturday", "Sunday"};
  const std::array<const char*, 7> abbr = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  for (int w = 0; w < 7; ++w) {
    // 1 June 2017 was a Thursday: the weekday named is kept as written.
    expect_whole(std::string(full[w]) + " 1 June 2017", day(2017, 6, 1), w);
    expect_whole(std::string(abbr[w]) + " 1 June 2017", day(2017, 6, 1), w);
    expect_whole(std::string(abbr[w]) + ". June 1, 2017", day(2017, 6, 1), w);
    expect_whole(std::string(full[w]) + ", 01.06.2017", day(2017, 6, 1), w);
  }
  expect_whole("Tues June 6 2017", day(2017, 6, 6), 1);
  expect_whole("Thurs. June 8 2017", day(2017, 6, 8), 3);
  expect_whole("THURSDAY 8 JUNE 2017", day(2017, 6, 8), 3);
  expect_whole("monday 5 June 2017", day(2017, 6, 5), 0);
  // Lower-case short forms are words ("they wed"), not weekdays.
  expect_first("they wed 7 June 2017", "7 June 2017", day(2017, 6, 7));
  expect_first("sat 7 June 2017", "7 June 2017", day(2017, 6, 7));
  // A weekday not followed by a full date is not part of the match.
  expect_first("Monday June 2017", "June 2017", month(2017, 6));
  expect_first("Mon Aug 2013", "Aug 2013", month(2013, 8));
  expect_none("Monday 5 June");
}

TEST(FindDates, NumericOrder) {
  expect_whole("6/7/2017", day(2017, 6, 7));
  expect_whole("13/7/2017", day(2017, 7, 13));
  expect_whole("06/07/2017", day(2017, 6, 7));
  expect_whole("7.6.2017", day(2017, 6, 7));
  expect_whole("16-02-2015", day(2015, 2, 16));
  expect_whole("2-3-2015", day(2015, 3, 2));
  // Day first cannot hold: read month first.
  expect_whole("02-16-2015", day(2015, 2, 16));
  expect_none("13/13/2017");
  expect_none("32.01.2017");
  expect_none("6/31/2017");
  expect_none("7-6/2017");
  expect_whole("2017/06/07", day(2017, 6, 7));
  expect_whole("2017.06.07", day(2017, 6, 7));
  expect_whole("2017-6-7", day(2017, 6, 7));
}

TEST(FindDates, IsoWithTimeAndZone) {
  expect_whole("2017-06-07T09:14:00Z", day(2017, 6, 7));
  expect_whole("2017-06-07T09:14:00+03:00", day(2017, 6, 7));
  expect_whole("2017-06-07T09:14:00-0500", day(2017, 6, 7));
  expect_whole("2017-06-07T09:14:00.123+03", day(2017, 6, 7));
  expect_whole("2017-06-07T09:14", day(2017, 6, 7));
  expect_whole("2017-06-07 09:14", day(2017, 6, 7));
  expect_first("posted 2017-06-07 09:14:59 by", "2017-06-07 09:14:59", day(2017, 6, 7));
  expect_first("2017-06-07 12 people", "2017-06-07", day(2017, 6, 7));
  expect_first("2017-06-07T25:00", "2017-06-07", day(2017, 6, 7));
}

// The scan starts only a few words before each run of four or more digits:
// the longest form has five words before its year.
TEST(FindDates, LongFormsAfterTextWithoutYears) {
  const std::string filler = "The strikes hit 12 villages and 3 towns, said 45 witnesses. ";
  std::string text;
  for (int i = 0; i < 20; ++i) text += filler;
  text += "It was Tuesday the 7th of June 2017, and on Wed, Sept. 3rd, 2014 too; 1234 people, 92017 and 16-02-2015.";
  const std::vector<DateMatch> found = find_dates(text);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(span_of(text, found[0]), "Tuesday the 7th of June 2017");
  EXPECT_EQ(found[0].date, day(2017, 6, 7));
  EXPECT_EQ(found[0].weekday, 1);
  EXPECT_EQ(span_of(text, found[1]), "Wed, Sept. 3rd, 2014");
  EXPECT_EQ(found[2].date, day(2015, 2, 16));
}

TEST(FindDates, SeveralInOrderAndMaxMatches) {
  const std::string_view text =
      "Clashes began on 5 June 2017 and ended June 9, 2017; reported 2017-06-10, 11.06.2017 "
      "and in July 2017.";
  const std::vector<DateMatch> all = find_dates(text);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].date, day(2017, 6, 5));
  EXPECT_EQ(all[1].date, day(2017, 6, 9));
  EXPECT_EQ(all[2].date, day(2017, 6, 10));
  EXPECT_EQ(all[3].date, day(2017, 6, 11));
  EXPECT_EQ(all[4].date, month(2017, 7));
  EXPECT_EQ(span_of(text, all[4]), "July 2017");
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LE(all[i - 1].end, all[i].begin);

  EXPECT_EQ(find_dates(text, 2).size(), 2u);
  EXPECT_EQ(find_dates(text, 1)[0].date, day(2017, 6, 5));
  EXPECT_TRUE(find_dates(text, 0).empty());
}

TEST(FindDates, LeapDays) {
  expect_whole("29 February 2016", day(2016, 2, 29));
  expect_whole("29 February 2000", day(2000, 2, 29));
  expect_none("29 February 1900");
  expect_none("29.02.2015");
}

// Every day 1990-2030 in six formats, inside a sentence, comes back exactly.
TEST(FindDates, EveryDayInSixFormats) {
  const std::array<const char*, 12> full = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  const std::array<const char*, 12> abbr = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::array<const char*, 7> weekdays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                               "Friday", "Saturday", "Sunday"};
  const int64_t from = days_from_civil(1990, 1, 1);
  const int64_t to = days_from_civil(2030, 12, 31);
  int failures = 0;
  for (int64_t d = from; d <= to && failures < 10; ++d) {
    const Date date = civil_from_days(d);
    const int y = date.year, m = date.month, dd = date.day;
    const int w = weekday_of(y, m, dd);
    char buf[6][64];
    std::snprintf(buf[0], sizeof buf[0], "%d %s %d", dd, full[m - 1], y);
    std::snprintf(buf[1], sizeof buf[1], "%s %d, %d", full[m - 1], dd, y);
    std::snprintf(buf[2], sizeof buf[2], "%04d-%02d-%02d", y, m, dd);
    std::snprintf(buf[3], sizeof buf[3], "%02d.%02d.%d", dd, m, y);
    std::snprintf(buf[4], sizeof buf[4], "%s, %s %d, %d", weekdays[w], abbr[m - 1], dd, y);
    std::snprintf(buf[5], sizeof buf[5], "%d-%s-%d", dd, abbr[m - 1], y);
    for (int f = 0; f < 6; ++f) {
      const std::string prefix = "Reported on ";
      const std::string text = prefix + buf[f] + " by 12 sources.";
      const std::vector<DateMatch> found = find_dates(text);
      const bool ok = found.size() == 1 && found[0].begin == prefix.size() &&
                      found[0].end == prefix.size() + std::strlen(buf[f]) &&
                      found[0].date == date && found[0].weekday == (f == 4 ? w : -1);
      if (!ok) {
        ++failures;
        ADD_FAILURE() << "format " << f << ": " << text;
      }
    }
  }
  EXPECT_EQ(failures, 0);
}

// Month-first slashes: every day of 2017, ambiguous or not.
TEST(FindDates, EverySlashDateOf2017) {
  for (int64_t d = days_from_civil(2017, 1, 1); d <= days_from_civil(2017, 12, 31); ++d) {
    const Date date = civil_from_days(d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d/%d/%d", date.month, date.day, date.year);
    const std::vector<DateMatch> found = find_dates(buf);
    ASSERT_EQ(found.size(), 1u) << buf;
    EXPECT_EQ(found[0].date, date) << buf;
  }
}

// Whatever the input, matches are ordered, in bounds, start at word starts,
// and each reads back alone through parse_date().
TEST(FindDates, RandomTextInvariants) {
  // clang-format off
  const std::array<std::string_view, 35> pieces = {
      "7", "07", "31", "2017", "1999", "12", "June", "may", "May", "Sept.", "Jun.", "Fri",
      "Tuesday", "the", "of", "th", "st", " ", " ", ", ", ".", "-", "/", ":",
      "T09:14", "Z", "x", "\n", "\xC2\xA0", "+03:00", " 7 June 2017", " 2017-06-07",
      " 6/7/2017", " Mon, June 7th, 2017", "-Jun-"};
  // clang-format on
  std::mt19937 rng(12345);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> len(1, 30);
  size_t total = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    std::string text;
    for (int k = len(rng); k > 0; --k) text += pieces[pick(rng)];
    const std::vector<DateMatch> found = find_dates(text);
    uint32_t last_end = 0;
    for (const DateMatch& m : found) {
      ASSERT_LE(last_end, m.begin) << text;
      ASSERT_LT(m.begin, m.end) << text;
      ASSERT_LE(m.end, text.size()) << text;
      const unsigned char before = m.begin > 0 ? text[m.begin - 1] : ' ';
      EXPECT_FALSE(std::isalnum(before)) << text;
      EXPECT_TRUE(m.date.precision == DatePrecision::kDay ||
                  m.date.precision == DatePrecision::kMonth);
      if (m.date.precision == DatePrecision::kDay) {
        EXPECT_GE(m.date.day, 1);
        EXPECT_LE(m.date.day, days_in_month(m.date.year, m.date.month)) << text;
      }
      const std::optional<Date> alone = parse_date(span_of(text, m));
      EXPECT_EQ(alone, std::optional<Date>(m.date))
          << "'" << span_of(text, m) << "' in '" << text << "'";
      last_end = m.end;
      ++total;
    }
  }
  EXPECT_GT(total, 5000u);  // the generator does produce dates
}

TEST(ParseDate, Iso8601) {
  EXPECT_EQ(parse_date("2017-06-07"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("2017-06-07T09:14:00Z"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("2017-06-07T09:14:00+03:00"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("2017-06-07T09:14:00.000-05:00"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("2017-06-07 09:14"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("2017-06-07 09:14 GMT"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("  2017-06-07\n"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("2017-06"), month(2017, 6));
  EXPECT_EQ(parse_date("20170607"), std::nullopt);
  EXPECT_EQ(parse_date("2017"), std::nullopt);
  EXPECT_EQ(parse_date("2017-13"), std::nullopt);
  EXPECT_EQ(parse_date("2017-13-01"), std::nullopt);
  EXPECT_EQ(parse_date("2017-02-29"), std::nullopt);
  EXPECT_EQ(parse_date("2017-06-07T"), std::nullopt);
  EXPECT_EQ(parse_date("2017-06-07 and more"), std::nullopt);
}

TEST(ParseDate, Rfc822) {
  EXPECT_EQ(parse_date("Wed, 07 Jun 2017 09:14:00 GMT"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("Wed, 07 Jun 2017 09:14:00 +0300"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("Wed, 7 Jun 2017 09:14 -05:00"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("07 Jun 2017 09:14:00 UTC"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("Wed, 07 Jun 2017"), day(2017, 6, 7));
  // Two-digit years are not read.
  EXPECT_EQ(parse_date("Wed, 07 Jun 17 09:14:00 GMT"), std::nullopt);
}

TEST(ParseDate, ProseFormsAndTrailingTime) {
  EXPECT_EQ(parse_date("June 7, 2017"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("7 June 2017"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("June 2017"), month(2017, 6));
  EXPECT_EQ(parse_date("02.10.2017"), day(2017, 10, 2));
  EXPECT_EQ(parse_date("6/7/2017"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("Tuesday, February 7th, 2023"), day(2023, 2, 7));
  EXPECT_EQ(parse_date("Fri 07 Apr 2017 at 0914"), day(2017, 4, 7));
  EXPECT_EQ(parse_date("June 7, 2017 at 9:14 am EDT"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("June 7, 2017 9:14 p.m."), day(2017, 6, 7));
  EXPECT_EQ(parse_date("June 7, 2017, 09:14 GMT+3"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("June 7, 2017 | 09:14"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("7 June 2017 - 14:56 (GMT)"), day(2017, 6, 7));
  EXPECT_EQ(parse_date("June 7, 2017 9 pm"), day(2017, 6, 7));
}

TEST(ParseDate, NotOneDate) {
  EXPECT_EQ(parse_date(""), std::nullopt);
  EXPECT_EQ(parse_date("   "), std::nullopt);
  EXPECT_EQ(parse_date("yesterday"), std::nullopt);
  EXPECT_EQ(parse_date("Published June 7, 2017"), std::nullopt);
  EXPECT_EQ(parse_date("June 7, 2017 in Homs"), std::nullopt);
  EXPECT_EQ(parse_date("June 7, 2017 and June 8, 2017"), std::nullopt);
  EXPECT_EQ(parse_date("June 7, 2017 0914"), std::nullopt);
  EXPECT_EQ(parse_date("June 7, 2017 GMT"), std::nullopt);
  EXPECT_EQ(parse_date("June 7, 2017 at"), std::nullopt);
  EXPECT_EQ(parse_date("June 7, 2017 25:00"), std::nullopt);
  EXPECT_EQ(parse_date("02.10.2017Get"), std::nullopt);
  EXPECT_EQ(parse_date("31 June 2017"), std::nullopt);
  EXPECT_EQ(parse_date("may 2017"), std::nullopt);
}

TEST(Civil, KnownValues) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(1970, 1, 2), 1);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(2017, 6, 7), 17324);
  EXPECT_EQ(civil_from_days(17324), day(2017, 6, 7));
  EXPECT_EQ(civil_from_days(-719468), day(0, 3, 1));
  EXPECT_EQ(weekday_of(1970, 1, 1), 3);
  EXPECT_EQ(weekday_of(2017, 6, 7), 2);
  EXPECT_EQ(weekday_of(2023, 2, 7), 1);
  EXPECT_EQ(weekday_of(2014, 9, 22), 0);
  EXPECT_EQ(weekday_of(1900, 1, 1), 0);
  EXPECT_EQ(weekday_of(1969, 12, 28), 6);
}

TEST(Civil, DaysInMonth) {
  EXPECT_EQ(days_in_month(2017, 1), 31);
  EXPECT_EQ(days_in_month(2017, 2), 28);
  EXPECT_EQ(days_in_month(2016, 2), 29);
  EXPECT_EQ(days_in_month(1900, 2), 28);
  EXPECT_EQ(days_in_month(2000, 2), 29);
  EXPECT_EQ(days_in_month(2017, 4), 30);
  EXPECT_EQ(days_in_month(2017, 6), 30);
  EXPECT_EQ(days_in_month(2017, 12), 31);
  EXPECT_EQ(days_in_month(2017, 0), 0);
  EXPECT_EQ(days_in_month(2017, 13), 0);
}

// Counting days one by one agrees with the closed forms, 1600-2400.
TEST(Civil, RoundTripsDayByDay) {
  int64_t expected = days_from_civil(1600, 1, 1);
  int expected_weekday = weekday_of(1600, 1, 1);
  EXPECT_EQ(expected_weekday, 5);  // a Saturday
  for (int y = 1600; y <= 2400; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 1; d <= days_in_month(y, m); ++d) {
        ASSERT_EQ(days_from_civil(y, m, d), expected) << y << "-" << m << "-" << d;
        ASSERT_EQ(civil_from_days(expected), day(y, m, d));
        ASSERT_EQ(weekday_of(y, m, d), expected_weekday);
        ++expected;
        expected_weekday = (expected_weekday + 1) % 7;
      }
    }
  }
}

// A month or year covers its first to its last day.
TEST(Civil, DayNumberOfCoarseDates) {
  EXPECT_EQ(day_number(Date{2017, 6, 7}), days_from_civil(2017, 6, 7));
  EXPECT_EQ(day_number(Date{2017, 6, 7}, true), days_from_civil(2017, 6, 7));
  EXPECT_EQ(day_number(Date{2016, 2, 0, DatePrecision::kMonth}), days_from_civil(2016, 2, 1));
  EXPECT_EQ(day_number(Date{2016, 2, 0, DatePrecision::kMonth}, true), days_from_civil(2016, 2, 29));
  EXPECT_EQ(day_number(Date{2014, 0, 0, DatePrecision::kYear}), days_from_civil(2014, 1, 1));
  EXPECT_EQ(day_number(Date{2014, 0, 0, DatePrecision::kYear}, true), days_from_civil(2014, 12, 31));
}

}  // namespace
}  // namespace sitrep::text
