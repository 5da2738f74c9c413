// grouping_key: the blocking key `sitrep extract` puts on every report line so
// that `sitrep link` can run per group (docs/streaming.md).
#include <string>

#include "sitrep/report.h"
#include "text/dates.h"

namespace sitrep {

std::string grouping_key(const Report& r) {
  std::string key = r.place && !r.place->country.empty() ? r.place->country : "XX";
  key.push_back('/');
  if (!r.date || r.date->start.year == 0) {
    key += "undated";
    return key;
  }
  // A month or year start has no day: its range starts on the 1st.
  const Date& d = r.date->start;
  const int month = d.month > 0 ? d.month : 1;
  const int day = d.day > 0 ? d.day : 1;
  // ISO 8601 week: the week (Monday to Sunday) that holds the date, numbered
  // within the year that holds its Thursday.
  const int64_t days = text::days_from_civil(d.year, month, day);
  const int64_t thursday = days - text::weekday_of(d.year, month, day) + 3;
  const Date t = text::civil_from_days(thursday);
  const int64_t week = (thursday - text::days_from_civil(t.year, 1, 1)) / 7 + 1;
  // "%04d-W%02d" without snprintf's cost (a key on every report line): the
  // year as Date::iso() writes one, the week is 1 to 53.
  key += Date{t.year, 0, 0}.iso();
  key += "-W";
  key.push_back(static_cast<char>('0' + week / 10));
  key.push_back(static_cast<char>('0' + week % 10));
  return key;
}

}  // namespace sitrep
