// Date expressions in text, resolved backwards from the article's date.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sitrep/article.h"
#include "text/tokens.h"

namespace sitrep::text {

struct DateExpression {
  uint32_t begin = 0, end = 0;  // span of the expression: "late on Monday", "last Saturday"
  // The days it may mean, inclusive; both unset when it cannot be resolved
  // (no article date and no year in the text). Never an invented year.
  std::optional<Date> start, end_date;
  DatePrecision precision = DatePrecision::kDay;
  bool relative = false;  // depended on the article date
  int weekday = -1;       // 0 = Monday .. 6 = Sunday when a weekday was named
  bool night = false;     // "Monday night", "late on Monday", "overnight": the event may run past midnight
};

// Finds and resolves:
//  - explicit dates (find_dates in text/dates.h): "June 6, 2017", "June 2017";
//    a day and month without a year ("June 15") take the article's year, or the
//    year before when that would put them more than a few days after the article;
//  - weekdays: "on Tuesday", "Tuesday's strikes", "Monday night", "late on Monday",
//    "early Wednesday": the latest such weekday on or before the article date
//    (the same day counts only for "today"-like contexts: news uses "on Tuesday"
//    for earlier days, so the article's own weekday resolves to itself);
//  - "last Saturday" (the latest Saturday strictly before the article date), "yesterday", "today",
//    "on Wednesday" when the article is a Wednesday, "the day before", "two days ago";
//  - "earlier this week", "this week", "last week", "last month", "this month",
//    "earlier this month", "this year", "last year", "in recent weeks" with
//    precision days/week/month/year;
//  - "overnight" (the night before the article date).
// `article_date` without a day-precision date leaves relative expressions
// unresolved (start/end_date unset) but still returns them.
std::vector<DateExpression> find_date_expressions(std::string_view text, const TokenizedText& tokens,
                                                  std::optional<Date> article_date);

}  // namespace sitrep::text
