// Absolute calendar dates in text and in metadata values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sitrep/article.h"

namespace sitrep::text {

struct DateMatch {
  uint32_t begin = 0, end = 0;  // byte span of the whole expression, weekday included
  Date date;                    // precision kDay, kMonth ("June 2017") or kYear is never matched alone
  int weekday = -1;             // 0 = Monday .. 6 = Sunday when the text names one, else -1
};

// Finds explicit dates, in order, up to `max_matches`:
//   "7 June 2017", "June 15, 2017", "Tuesday, February 7th, 2023", "Fri 07 Apr 2017",
//   "Mon Aug 12 2013", "November 17 2017", "19 September 2016", "Sep. 3, 2014",
//   "16-02-2015" and "02.10.2017" (day first), "2017-06-07" (ISO, also with a time),
//   "6/7/2017" (month first unless the first number is over 12), "June 2017" (month precision).
// Month names in English, full or abbreviated, any case. Years 1900-2099 only.
// Invalid days ("31 June 2017") are not matches.
std::vector<DateMatch> find_dates(std::string_view text, size_t max_matches = SIZE_MAX);

// Parses a metadata value that is one date: ISO 8601 with or without time
// ("2017-06-07T09:14:00+03:00" -> 2017-06-07), RFC 822/1123 ("Wed, 07 Jun 2017
// 09:14:00 GMT"), or any form find_dates() knows, alone up to surrounding
// whitespace. nullopt when it is not a date.
std::optional<Date> parse_date(std::string_view value);

// 0 = Monday .. 6 = Sunday for a valid Gregorian date.
int weekday_of(int year, int month, int day);
int days_in_month(int year, int month);
// Days since 1970-01-01 and back, for date arithmetic.
int64_t days_from_civil(int year, int month, int day);
Date civil_from_days(int64_t days);
// The day number (as days_from_civil) of the first day a date of any
// precision covers, or with `last` its last day ("2017-06": June 1 or 30).
int64_t day_number(const Date& d, bool last = false);

}  // namespace sitrep::text
