#include <algorithm>
#include <cstdio>

#include "sitrep/article.h"

namespace sitrep {

uint32_t OffsetMap::to_original(uint32_t clean) const {
  if (segments_.empty()) return clean;
  // The last segment starting at or before `clean`.
  auto it = std::upper_bound(segments_.begin(), segments_.end(), clean,
                             [](uint32_t c, const OffsetSegment& s) { return c < s.clean_begin; });
  if (it == segments_.begin()) return segments_.front().orig_begin;
  const OffsetSegment& s = *(it - 1);
  if (clean < s.clean_begin + s.length) {
    return s.exact ? s.orig_begin + (clean - s.clean_begin) : s.orig_begin;
  }
  // Inserted bytes (paragraph breaks) belong to the next segment's start;
  // past the last segment, to the end of the last one.
  if (it != segments_.end()) return it->orig_begin;
  return s.exact ? s.orig_begin + s.length : s.orig_begin;
}

const char* to_string(DatePrecision p) {
  switch (p) {
    case DatePrecision::kDay:
      return "day";
    case DatePrecision::kDays:
      return "days";
    case DatePrecision::kWeek:
      return "week";
    case DatePrecision::kMonth:
      return "month";
    case DatePrecision::kYear:
      return "year";
  }
  return "day";
}

const char* to_string(DateSource s) {
  switch (s) {
    case DateSource::kMetadata:
      return "metadata";
    case DateSource::kDateline:
      return "dateline";
    case DateSource::kText:
      return "text";
    case DateSource::kCaption:
      return "caption";
    case DateSource::kFile:
      return "file";
  }
  return "text";
}

const char* to_string(ParagraphKind k) {
  switch (k) {
    case ParagraphKind::kTitle:
      return "title";
    case ParagraphKind::kHeading:
      return "heading";
    case ParagraphKind::kBody:
      return "body";
    case ParagraphKind::kCaption:
      return "caption";
    case ParagraphKind::kListItem:
      return "list_item";
    case ParagraphKind::kQuote:
      return "quote";
  }
  return "body";
}

std::string Date::iso() const {
  // Every report line prints two dates: digits by hand for the usual ranges,
  // snprintf (the definition) for the rest.
  if (year >= 0 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 && day <= 99) {
    char out[10] = {static_cast<char>('0' + year / 1000), static_cast<char>('0' + year / 100 % 10),
                    static_cast<char>('0' + year / 10 % 10), static_cast<char>('0' + year % 10), '-',
                    static_cast<char>('0' + month / 10), static_cast<char>('0' + month % 10), '-',
                    static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10)};
    return std::string(out, month == 0 ? 4 : day == 0 ? 7 : 10);
  }
  char buf[16];
  if (month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

}  // namespace sitrep
