#include "text/date_expressions.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "text/dates.h"
#include "text/tokens.h"

namespace sitrep {

void PrintTo(const Date& d, std::ostream* os) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  *os << buf;
}

}  // namespace sitrep

namespace sitrep::text {
namespace {

Date day(int y, int m, int d) { return Date{y, m, d, DatePrecision::kDay}; }

// The finder does not read the tokens, so an empty TokenizedText keeps these
// tests independent of the tokenizer.
std::vector<DateExpression> find(std::string_view text, std::optional<Date> article) {
  const TokenizedText tokens;
  return find_date_expressions(text, tokens, article);
}

std::string_view span_of(std::string_view text, const DateExpression& e) {
  return text.substr(e.begin, e.end - e.begin);
}

// The one expression `phrase` yields inside `text`; fails the test unless
// there is exactly one.
DateExpression only(std::string_view text, std::optional<Date> article) {
  const std::vector<DateExpression> found = find(text, article);
  EXPECT_EQ(found.size(), 1u) << text;
  return found.empty() ? DateExpression{} : found[0];
}

struct Expect {
  std::string_view span;
  Date start, end;
  DatePrecision precision;
  bool night = false;
};

// Checks the single expression in `text` against its expected span and days.
void check(std::string_view text, std::optional<Date> article, const Expect& want) {
  SCOPED_TRACE(std::string(text));
  const DateExpression e = only(text, article);
  EXPECT_EQ(span_of(text, e), want.span);
  ASSERT_TRUE(e.start.has_value());
  ASSERT_TRUE(e.end_date.has_value());
  EXPECT_EQ(*e.start, want.start);
  EXPECT_EQ(*e.end_date, want.end);
  EXPECT_EQ(e.precision, want.precision) << to_string(e.precision);
  EXPECT_EQ(e.night, want.night);
}

void check_day(std::string_view text, Date article, std::string_view span, Date want,
               bool night = false) {
  check(text, article, {span, want, want, DatePrecision::kDay, night});
}

const Date kWed = day(2017, 6, 7);   // a Wednesday
const Date kThu = day(2017, 6, 15);  // a Thursday
const Date kFri = day(2017, 4, 7);   // a Friday

// --- The reported cases ------------------------------------------------------

TEST(DateExpressions, OnTuesdayIsTheDayBefore) {
  check_day(
      "On Tuesday, there were reports from local activists that a US strike killed at "
      "least 12 civilians.",
      kWed, "On Tuesday", day(2017, 6, 6));
  const DateExpression e = only("On Tuesday, there were reports", kWed);
  EXPECT_TRUE(e.relative);
  EXPECT_EQ(e.weekday, 1);
}

TEST(DateExpressions, MondayNight) {
  check_day("A total of 21 civilians were killed Monday night in air strikes on Raqqa", kWed,
            "Monday night", day(2017, 6, 5), true);
}

TEST(DateExpressions, LastSaturdayIsTheMostRecentBeforeTheArticle) {
  check_day("Last Saturday, a US airstrike hit a residential building", kWed, "Last Saturday",
            day(2017, 6, 3));
}

TEST(DateExpressions, LastMonthsDecision) {
  check("It followed last month's decision to arm the Kurdish fighters", kWed,
        {"last month", day(2017, 5, 1), day(2017, 5, 31), DatePrecision::kMonth});
}

TEST(DateExpressions, LateOnMonday) {
  check_day("Late on Monday, at least 21 civilians were killed", kWed, "Late on Monday",
            day(2017, 6, 5), true);
}

TEST(DateExpressions, PossessiveWeekday) {
  check_day("One of Tuesday's air strikes hit a school", kWed, "Tuesday", day(2017, 6, 6));
  check_day("One of Tuesday\xE2\x80\x99s air strikes hit a school", kWed, "Tuesday",
            day(2017, 6, 6));
}

TEST(DateExpressions, SaidOnTuesday) {
  check_day("the UN humanitarian office said on Tuesday", kWed, "on Tuesday", day(2017, 6, 6));
}

TEST(DateExpressions, ArticleWeekdayIsTheArticleDate) {
  check_day("Syria's foreign ministry in a statement Wednesday condemned the strikes", kWed,
            "Wednesday", day(2017, 6, 7));
}

TEST(DateExpressions, LastWeek) {
  check("The offensive had begun last week, officials said", kThu,
        {"last week", day(2017, 6, 5), day(2017, 6, 11), DatePrecision::kWeek});
}

TEST(DateExpressions, InRecentWeeks) {
  check("In recent weeks, the coalition has stepped up its strikes", kThu,
        {"In recent weeks", day(2017, 5, 18), day(2017, 6, 15), DatePrecision::kDays});
}

TEST(DateExpressions, InAYear) {
  const std::string_view text = "The group took the city in 2014 and held it since.";
  const DateExpression e = only(text, kThu);
  EXPECT_EQ(span_of(text, e), "in 2014");
  EXPECT_EQ(e.start, day(2014, 1, 1));
  EXPECT_EQ(e.end_date, day(2014, 12, 31));
  EXPECT_EQ(e.precision, DatePrecision::kYear);
  EXPECT_FALSE(e.relative);
}

TEST(DateExpressions, UnknownArticleDateLeavesWeekdayUnresolved) {
  const std::string_view text = "the UN humanitarian office said on Tuesday";
  const DateExpression e = only(text, std::nullopt);
  EXPECT_EQ(span_of(text, e), "on Tuesday");
  EXPECT_FALSE(e.start.has_value());
  EXPECT_FALSE(e.end_date.has_value());
  EXPECT_TRUE(e.relative);
  EXPECT_EQ(e.weekday, 1);
  EXPECT_EQ(e.precision, DatePrecision::kDay);
}

TEST(DateExpressions, FakesMissileStrikeOnFriday) {
  check_day(
      "A U.S. missile strike on an airbase near the Syrian city of Homs on Friday killed "
      "nine civilians",
      kFri, "on Friday", day(2017, 4, 7));
}

TEST(DateExpressions, EarlierThisWeekOnAFriday) {
  check("Government forces advanced earlier this week", kFri,
        {"earlier this week", day(2017, 4, 3), day(2017, 4, 6), DatePrecision::kDays});
}

TEST(DateExpressions, Yesterday) {
  check_day("Activists said yesterday that 30 were killed", kFri, "yesterday", day(2017, 4, 6));
  check_day("Yesterday morning the market was hit", kFri, "Yesterday morning", day(2017, 4, 6));
  check_day("It was shelled late yesterday", kFri, "late yesterday", day(2017, 4, 6), true);
}

TEST(DateExpressions, DayAndMonthWithoutYearTakesThePreviousYearWhenFarAhead) {
  const Date article = day(2018, 1, 3);
  check_day("The strike on June 15 killed 20", article, "on June 15", day(2017, 6, 15));
  const DateExpression e = only("The strike on June 15 killed 20", article);
  EXPECT_TRUE(e.relative);
}

// --- Weekdays ----------------------------------------------------------------

TEST(DateExpressions, WeekdayProperty) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  const int64_t first = days_from_civil(2017, 2, 20);
  for (int64_t a = first; a < first + 14; ++a) {
    const Date article = civil_from_days(a);
    for (int w = 0; w < 7; ++w) {
      const std::string text = "Officials said the town was hit on " + std::string(kNames[w]) + ".";
      SCOPED_TRACE(text + " / article " + article.iso());
      const DateExpression e = only(text, article);
      EXPECT_EQ(span_of(text, e), "on " + std::string(kNames[w]));
      EXPECT_EQ(e.weekday, w);
      ASSERT_TRUE(e.start.has_value());
      EXPECT_EQ(e.start, e.end_date);
      const int64_t d = days_from_civil(e.start->year, e.start->month, e.start->day);
      EXPECT_LE(d, a);
      EXPECT_GT(d, a - 7);
      EXPECT_EQ(weekday_of(e.start->year, e.start->month, e.start->day), w);
    }
  }
}

TEST(DateExpressions, LastWeekdayOnThatWeekdayIsAWeekBefore) {
  check_day("Last Wednesday, the town was shelled", kWed, "Last Wednesday", day(2017, 5, 31));
  check_day("This past Sunday it was shelled", kWed, "This past Sunday", day(2017, 6, 4));
}

TEST(DateExpressions, NextWeekdayIsInTheFuture) {
  check_day("Talks resume next Tuesday", kWed, "next Tuesday", day(2017, 6, 13));
  check_day("Talks resume next Wednesday", kWed, "next Wednesday", day(2017, 6, 14));
}

TEST(DateExpressions, TimesOfDay) {
  check_day("The raid began early on Monday", kWed, "early on Monday", day(2017, 6, 5));
  check_day("The raid began early Monday", kWed, "early Monday", day(2017, 6, 5));
  check_day("The raid began late Monday", kWed, "late Monday", day(2017, 6, 5), true);
  check_day("Strikes on Sunday morning hit", kWed, "on Sunday morning", day(2017, 6, 4));
  check_day("Strikes on Sunday evening hit", kWed, "on Sunday evening", day(2017, 6, 4));
  check_day("Strikes late on Sunday night hit", kWed, "late on Sunday night", day(2017, 6, 4),
            true);
  check_day("Strikes overnight Monday hit", kWed, "overnight Monday", day(2017, 6, 5), true);
  check_day("in the early hours of Tuesday", kWed, "in the early hours of Tuesday",
            day(2017, 6, 6));
}

TEST(DateExpressions, WeekdayWithDayAndMonth) {
  const std::string_view text = "On Tuesday, June 6, the jets returned";
  const DateExpression e = only(text, kWed);
  EXPECT_EQ(span_of(text, e), "On Tuesday, June 6");
  EXPECT_EQ(e.start, day(2017, 6, 6));
  EXPECT_EQ(e.weekday, 1);
  check_day("Saturday 3 June was the worst day", kWed, "Saturday 3 June", day(2017, 6, 3));
}

TEST(DateExpressions, WeekdayNamesThatAreNotDays) {
  EXPECT_TRUE(find("Black Friday sales were down", kWed).empty());
  EXPECT_TRUE(find("Good Friday prayers were held", kWed).empty());
  EXPECT_TRUE(find("see Monday.com for details", kWed).empty());
  EXPECT_TRUE(find("markets open on Mondays", kWed).empty());
  EXPECT_TRUE(find("on the last Friday of Ramadan", kWed).empty());
  EXPECT_TRUE(find("a lazy sunday afternoon", kWed).empty());
  EXPECT_TRUE(find("Sat and Sun", kWed).empty());
}

// --- Explicit dates ----------------------------------------------------------

TEST(DateExpressions, FullDatesAreNotRelative) {
  const std::string_view text = "The attack on June 6, 2017 killed 12.";
  const DateExpression e = only(text, std::nullopt);
  EXPECT_EQ(span_of(text, e), "on June 6, 2017");
  EXPECT_EQ(e.start, day(2017, 6, 6));
  EXPECT_EQ(e.end_date, day(2017, 6, 6));
  EXPECT_FALSE(e.relative);
  EXPECT_EQ(e.precision, DatePrecision::kDay);

  const std::string_view with_weekday = "late on Tuesday, June 6, 2017";
  const DateExpression w = only(with_weekday, kThu);
  EXPECT_EQ(span_of(with_weekday, w), with_weekday);
  EXPECT_EQ(w.weekday, 1);
  EXPECT_TRUE(w.night);
  EXPECT_FALSE(w.relative);
}

TEST(DateExpressions, MonthAndYear) {
  const std::string_view text = "The siege began in June 2017 and ended";
  const DateExpression e = only(text, std::nullopt);
  EXPECT_EQ(span_of(text, e), "in June 2017");
  EXPECT_EQ(e.start, day(2017, 6, 1));
  EXPECT_EQ(e.end_date, day(2017, 6, 30));
  EXPECT_EQ(e.precision, DatePrecision::kMonth);
  EXPECT_FALSE(e.relative);
  check("Rebels held it until February 2016.", kWed,
        {"February 2016", day(2016, 2, 1), day(2016, 2, 29), DatePrecision::kMonth});
  check("in December of 2015", std::nullopt,
        {"in December of 2015", day(2015, 12, 1), day(2015, 12, 31), DatePrecision::kMonth});
}

TEST(DateExpressions, DayAndMonthForms) {
  check_day("The strike on 15 June killed", kThu, "on 15 June", day(2017, 6, 15));
  check_day("The strike of the 3rd of June", kThu, "3rd of June", day(2017, 6, 3));
  check_day("Strikes on Sept. 3 hit", kThu, "on Sept. 3", day(2016, 9, 3));
  check_day("A March 15 protest", kThu, "March 15", day(2017, 3, 15));
  check_day("Planned for June 20", kThu, "June 20", day(2017, 6, 20));
  check_day("Planned for June 22", kThu, "June 22", day(2017, 6, 22));
  check_day("Planned for June 23", kThu, "June 23", day(2016, 6, 23));
  check("between June 5-7 they fled", kThu,
        {"June 5-7", day(2017, 6, 5), day(2017, 6, 7), DatePrecision::kDays});
  check(
      "on 5\xE2\x80\x93"
      "7 June they fled",
      kThu,
      {"on 5\xE2\x80\x93"
       "7 June",
       day(2017, 6, 5), day(2017, 6, 7), DatePrecision::kDays});
}

TEST(DateExpressions, DayAndMonthRejects) {
  EXPECT_TRUE(find("In June 15,000 people fled", kThu).size() == 1);  // "In June" only
  EXPECT_EQ(span_of("In June 15,000 people fled", find("In June 15,000 people fled", kThu)[0]),
            "In June");
  EXPECT_TRUE(find("June 31 was the day", kThu).empty());
  EXPECT_TRUE(find("they may march on 5 may", kThu).empty());
  EXPECT_TRUE(find("3.15 June", kThu).empty());
  // February 29 only in leap years.
  const DateExpression leap = only("on February 29", day(2017, 3, 5));
  EXPECT_FALSE(leap.start.has_value());
  check_day("on February 29", day(2016, 3, 5), "on February 29", day(2016, 2, 29));
}

TEST(DateExpressions, DayAndMonthWithoutArticleDate) {
  const std::string_view text = "The strike on June 15 killed 20";
  const DateExpression e = only(text, std::nullopt);
  EXPECT_EQ(span_of(text, e), "on June 15");
  EXPECT_FALSE(e.start.has_value());
  EXPECT_TRUE(e.relative);
}

TEST(DateExpressions, MonthAlone) {
  check("Fighting resumed in March and", kThu,
        {"in March", day(2017, 3, 1), day(2017, 3, 31), DatePrecision::kMonth});
  check("Fighting resumed in August and", kThu,
        {"in August", day(2016, 8, 1), day(2016, 8, 31), DatePrecision::kMonth});
  check("since mid-May the town", kThu,
        {"mid-May", day(2017, 5, 1), day(2017, 5, 31), DatePrecision::kMonth});
  check("in early June the town", kThu,
        {"in early June", day(2017, 6, 1), day(2017, 6, 30), DatePrecision::kMonth});
  EXPECT_TRUE(find("They began a long March towards the city", kThu).empty());
  EXPECT_TRUE(find("they marched in march", kThu).empty());
  EXPECT_TRUE(find("Theresa May said", kThu).empty());
}

TEST(DateExpressions, BareYears) {
  check("Protests began in March 2011; the war", std::nullopt,
        {"in March 2011", day(2011, 3, 1), day(2011, 3, 31), DatePrecision::kMonth});
  const std::string_view text = "Protests began since 2011 and";
  check(text, std::nullopt, {"2011", day(2011, 1, 1), day(2011, 12, 31), DatePrecision::kYear});
  check("during 2013 the group", std::nullopt,
        {"during 2013", day(2013, 1, 1), day(2013, 12, 31), DatePrecision::kYear});
  check("the summer of 2015", std::nullopt,
        {"2015", day(2015, 1, 1), day(2015, 12, 31), DatePrecision::kYear});
  check("in mid-2014 the group", std::nullopt,
        {"in mid-2014", day(2014, 1, 1), day(2014, 12, 31), DatePrecision::kYear});
  EXPECT_TRUE(find("killed 2014 people", std::nullopt).empty());
  EXPECT_TRUE(find("in 2014-15 the group", std::nullopt).empty());
  EXPECT_TRUE(find("in 2,014 cases", std::nullopt).empty());
  EXPECT_TRUE(find("in 1850 the city", std::nullopt).empty());
  EXPECT_TRUE(find("in 2014% of cases", std::nullopt).empty());
}

// --- Relative phrases --------------------------------------------------------

TEST(DateExpressions, DaysBack) {
  check_day("two days ago", kWed, "two days ago", day(2017, 6, 5));
  check_day("3 days ago", kWed, "3 days ago", day(2017, 6, 4));
  check_day("a week ago", kWed, "a week ago", day(2017, 5, 31));
  check_day("the day before", kWed, "the day before", day(2017, 6, 6));
  check_day("a day earlier", kWed, "a day earlier", day(2017, 6, 6));
  check_day("the day before yesterday", kWed, "the day before yesterday", day(2017, 6, 5));
  check("two months ago", kWed,
        {"two months ago", day(2017, 4, 1), day(2017, 4, 30), DatePrecision::kMonth});
  check("a year ago", kWed,
        {"a year ago", day(2016, 1, 1), day(2016, 12, 31), DatePrecision::kYear});
  EXPECT_TRUE(find("a few days ago", kWed).empty());
}

TEST(DateExpressions, Today) {
  check_day("Activists said today", kWed, "today", day(2017, 6, 7));
  check_day("Activists said this morning", kWed, "this morning", day(2017, 6, 7));
  check_day("Strikes expected tonight", kWed, "tonight", day(2017, 6, 7), true);
  EXPECT_TRUE(find("USA Today reported", kWed).empty());
  check("Strikes overnight killed 4", kWed,
        {"overnight", day(2017, 6, 6), day(2017, 6, 7), DatePrecision::kDays, true});
  check("Strikes late last night", kWed,
        {"late last night", day(2017, 6, 6), day(2017, 6, 7), DatePrecision::kDays, true});
}

TEST(DateExpressions, Weeks) {
  check("Fighting this week", kThu,
        {"this week", day(2017, 6, 12), day(2017, 6, 15), DatePrecision::kWeek});
  check("LAST WEEK", kThu, {"LAST WEEK", day(2017, 6, 5), day(2017, 6, 11), DatePrecision::kWeek});
  check("Fighting earlier this week", day(2017, 6, 12),
        {"earlier this week", day(2017, 6, 12), day(2017, 6, 12), DatePrecision::kDays});
  check("over the past week", kThu,
        {"over the past week", day(2017, 6, 8), day(2017, 6, 15), DatePrecision::kDays});
  check("in the past week", kThu,
        {"in the past week", day(2017, 6, 8), day(2017, 6, 15), DatePrecision::kDays});
  check("in the last two weeks", kThu,
        {"in the last two weeks", day(2017, 6, 1), day(2017, 6, 15), DatePrecision::kDays});
  check("the past 24 hours", kThu,
        {"the past 24 hours", day(2017, 6, 14), day(2017, 6, 15), DatePrecision::kDays});
  check("over the weekend", kThu,
        {"over the weekend", day(2017, 6, 10), day(2017, 6, 11), DatePrecision::kDays});
  // The final week of something, not the week before the article.
  check("in the last week of May", kThu,
        {"May", day(2017, 5, 1), day(2017, 5, 31), DatePrecision::kMonth});
  EXPECT_TRUE(find("during the last week of the siege", kThu).empty());
  EXPECT_TRUE(find("the last week of the siege", kThu).empty());
  check("over the past week of fighting", kThu,
        {"over the past week", day(2017, 6, 8), day(2017, 6, 15), DatePrecision::kDays});
}

TEST(DateExpressions, MoreRanges) {
  check("Fighting earlier in the week", kFri,
        {"earlier in the week", day(2017, 4, 3), day(2017, 4, 6), DatePrecision::kDays});
  check("over the past few days", kThu,
        {"over the past few days", day(2017, 6, 8), day(2017, 6, 15), DatePrecision::kDays});
  check("the past couple of weeks", kThu,
        {"the past couple of weeks", day(2017, 6, 1), day(2017, 6, 15), DatePrecision::kDays});
  check("over the past two months", kThu,
        {"over the past two months", day(2017, 4, 15), day(2017, 6, 15), DatePrecision::kDays});
  check("in recent days", kThu,
        {"in recent days", day(2017, 6, 8), day(2017, 6, 15), DatePrecision::kDays});
  check_day("a couple of days ago", kThu, "a couple of days ago", day(2017, 6, 13));
  check("talks next week", kThu,
        {"next week", day(2017, 6, 19), day(2017, 6, 25), DatePrecision::kWeek});
  check("talks later this week", kThu,
        {"later this week", day(2017, 6, 16), day(2017, 6, 18), DatePrecision::kDays});
  // On a Sunday "last weekend" is the one before; "over the weekend" includes today.
  const Date sunday = day(2017, 6, 11);
  check("last weekend", sunday,
        {"last weekend", day(2017, 6, 3), day(2017, 6, 4), DatePrecision::kDays});
  check("over the weekend", sunday,
        {"over the weekend", day(2017, 6, 10), day(2017, 6, 11), DatePrecision::kDays});
}

TEST(DateExpressions, MonthsAndYears) {
  check("Fighting this month", kThu,
        {"this month", day(2017, 6, 1), day(2017, 6, 15), DatePrecision::kMonth});
  check("Fighting earlier this month", kThu,
        {"earlier this month", day(2017, 6, 1), day(2017, 6, 15), DatePrecision::kMonth});
  check("last month", day(2017, 1, 10),
        {"last month", day(2016, 12, 1), day(2016, 12, 31), DatePrecision::kMonth});
  check("Earlier this year", kThu,
        {"Earlier this year", day(2017, 1, 1), day(2017, 6, 15), DatePrecision::kYear});
  check("last year's offensive", kThu,
        {"last year", day(2016, 1, 1), day(2016, 12, 31), DatePrecision::kYear});
}

TEST(DateExpressions, ArticleDateWithoutDayLeavesRelativeUnresolved) {
  const Date month_only{2017, 6, 0, DatePrecision::kMonth};
  const std::string_view text = "On Tuesday and last week, and on June 6, 2017";
  const std::vector<DateExpression> found = find(text, month_only);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(span_of(text, found[0]), "On Tuesday");
  EXPECT_FALSE(found[0].start.has_value());
  EXPECT_EQ(span_of(text, found[1]), "last week");
  EXPECT_FALSE(found[1].start.has_value());
  EXPECT_EQ(found[1].precision, DatePrecision::kWeek);
  EXPECT_EQ(span_of(text, found[2]), "on June 6, 2017");
  EXPECT_EQ(found[2].start, day(2017, 6, 6));

  // An impossible article date is no date.
  EXPECT_FALSE(only("yesterday", Date{2017, 2, 30, DatePrecision::kDay}).start.has_value());
}

// --- Order, overlaps, spans -------------------------------------------------

TEST(DateExpressions, TextOrderWithoutOverlaps) {
  const std::string_view text =
      "Late on Monday, at least 21 civilians were killed. On Tuesday the UN said that\n\n"
      "in the past week and earlier this month strikes had doubled since 2014.";
  const std::vector<DateExpression> found = find(text, kWed);
  std::vector<std::string_view> spans;
  for (const DateExpression& e : found) spans.push_back(span_of(text, e));
  EXPECT_EQ(spans,
            (std::vector<std::string_view>{"Late on Monday", "On Tuesday", "in the past week",
                                           "earlier this month", "2014"}));
  for (size_t i = 1; i < found.size(); ++i) EXPECT_LE(found[i - 1].end, found[i].begin);
}

TEST(DateExpressions, NoBreakSpacesAndLineBreaks) {
  check_day("said on\xC2\xA0Tuesday", kWed, "on\xC2\xA0Tuesday", day(2017, 6, 6));
  // A line break is not a space: "on" stays out of the span.
  check_day("said on\nTuesday", kWed, "Tuesday", day(2017, 6, 6));
}

// Words are split 64 bytes at a time: a word or a separator outside ASCII
// (a curly quote, a no-break space, a dash) across a block's edge, at every
// offset, reads as it does anywhere else.
TEST(DateExpressions, WordsAcrossBlockEdges) {
  for (size_t pad = 54; pad <= 70; ++pad) {
    for (std::string_view before : {" ", "\xE2\x80\x9C", "\xC2\xA0", "\xC3\xA9 "}) {
      const std::string text = std::string(pad, 'x') + std::string(before) + "Yesterday\xE2\x80\x94 said on\xC2\xA0Tuesday";
      SCOPED_TRACE(text);
      const std::vector<DateExpression> found = find(text, kWed);
      ASSERT_EQ(found.size(), 2u);
      EXPECT_EQ(span_of(text, found[0]), "Yesterday");
      EXPECT_EQ(span_of(text, found[1]), "on\xC2\xA0Tuesday");
    }
  }
  // A word of letters outside ASCII is one word: "Montréal" has no "al".
  EXPECT_TRUE(find(std::string(62, ' ') + "\xC3\xA9Tuesday", kWed).empty());
}

TEST(DateExpressions, NoFalseMatches) {
  for (std::string_view text : {"they may march", "a march in the city", "the marchers",
                                "Jan Egeland said", "", "the weekday",
                                "Montr\xC3\xA9"
                                "al",
                                "on Tue", "this weekend"}) {
    EXPECT_TRUE(find(text, kWed).empty()) << text;
  }
}

TEST(DateExpressions, AcrossYearBoundaries) {
  const Date monday = day(2017, 1, 2);
  check_day("Last Saturday", monday, "Last Saturday", day(2016, 12, 31));
  check_day("on Dec. 28", monday, "on Dec. 28", day(2016, 12, 28));
  check("last week", monday,
        {"last week", day(2016, 12, 26), day(2017, 1, 1), DatePrecision::kWeek});
  check("earlier this week", monday, {"earlier this week", monday, monday, DatePrecision::kDays});
  check("two months ago", monday,
        {"two months ago", day(2016, 11, 1), day(2016, 11, 30), DatePrecision::kMonth});
  check("in the past month", day(2017, 3, 31),
        {"in the past month", day(2017, 2, 28), day(2017, 3, 31), DatePrecision::kDays});
}

// Random sentences from date words and filler: whatever is found is in text
// order, inside the text, non-overlapping, and resolved near the article.
TEST(DateExpressions, RandomSentencesKeepInvariants) {
  static constexpr std::array<std::string_view, 40> kPieces = {
      "on",     "Tuesday", "last",  "late",    "early", "night",     "morning",   "week",
      "month",  "year",    "this",  "earlier", "in",    "the",       "past",      "two",
      "days",   "ago",     "June",  "15",      "2014",  "yesterday", "overnight", "of",
      "May",    "March",   "5-7",   "since",   ",",     ".",         "\n",        "Black",
      "Friday", "recent",  "weeks", "a",       "few",   "mid-",      "\xC2\xA0",  "3rd"};
  std::mt19937 rng(7);
  const Date article = day(2017, 6, 7);
  const int64_t today = days_from_civil(2017, 6, 7);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) {
      text += kPieces[rng() % kPieces.size()];
      if (rng() % 4 != 0) text += ' ';
    }
    SCOPED_TRACE(text);
    uint32_t covered = 0;
    for (const DateExpression& e : find(text, article)) {
      EXPECT_LE(covered, e.begin);
      EXPECT_LT(e.begin, e.end);
      EXPECT_LE(e.end, text.size());
      covered = e.end;
      EXPECT_EQ(e.start.has_value(), e.end_date.has_value());
      if (!e.start) continue;
      const int64_t from = days_from_civil(e.start->year, e.start->month, e.start->day);
      const int64_t to = days_from_civil(e.end_date->year, e.end_date->month, e.end_date->day);
      EXPECT_LE(from, to);
      if (e.relative) {
        EXPECT_GT(from, today - 800);  // "last year" starts up to 730 days back
        EXPECT_LT(to, today + 400);
      }
    }
  }
}

TEST(DateExpressions, ArbitraryBytesStayInBounds) {
  std::string text;
  for (int i = 0; i < 4000; ++i) text.push_back(static_cast<char>((i * 131 + 7) % 256));
  text += " on Tuesday the 5 June 2017 June 5-";
  for (const DateExpression& e : find(text, kWed)) {
    EXPECT_LE(e.begin, e.end);
    EXPECT_LE(e.end, text.size());
  }
}

}  // namespace
}  // namespace sitrep::text
