// Date expressions: one left-to-right pass over the text that stops only at
// the start of a word beginning with a digit or with the initial of a month or
// weekday name, then tries a small set of hand-written forms there.
#include "text/dates.h"

#include <array>
#include <bit>

#include <emmintrin.h>

#include "common/ascii.h"

namespace sitrep::text {

namespace {

constexpr size_t kNo = std::string_view::npos;
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2099;

enum : uint8_t { kDigit = 1, kAlpha = 2, kCandidate = 4 };

constexpr std::array<uint8_t, 256> make_classes() {
  std::array<uint8_t, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit | kCandidate;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 'a' + 'A'] = kAlpha;
  // Initials of month names (jfmasond) and weekday names (mtwfs).
  for (char c : {'j', 'f', 'm', 'a', 's', 'o', 'n', 'd', 't', 'w'}) {
    t[static_cast<uint8_t>(c)] |= kCandidate;
    t[static_cast<uint8_t>(c - 'a' + 'A')] |= kCandidate;
  }
  return t;
}
constexpr std::array<uint8_t, 256> kClasses = make_classes();

uint8_t cls(char c) { return kClasses[static_cast<uint8_t>(c)]; }
bool is_digit(char c) { return cls(c) & kDigit; }
bool is_alpha(char c) { return cls(c) & kAlpha; }
bool is_alnum(char c) { return cls(c) & (kDigit | kAlpha); }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
char lower(char c) { return is_upper(c) ? static_cast<char>(c | 0x20) : c; }

bool digit_at(std::string_view s, size_t p) { return p < s.size() && is_digit(s[p]); }
bool alpha_at(std::string_view s, size_t p) { return p < s.size() && is_alpha(s[p]); }
bool char_at(std::string_view s, size_t p, char c) { return p < s.size() && s[p] == c; }

// Spaces, tabs and no-break spaces; never a line break, so a date does not
// run across paragraphs.
size_t skip_ws(std::string_view s, size_t p) {
  while (p < s.size()) {
    if (s[p] == ' ' || s[p] == '\t') {
      ++p;
    } else if (s[p] == '\xC2' && char_at(s, p + 1, '\xA0')) {
      p += 2;
    } else {
      break;
    }
  }
  return p;
}

// At least one space, or a comma with optional spaces; `glued` (after an
// abbreviation's dot) allows nothing at all.
size_t skip_sep(std::string_view s, size_t p, bool allow_comma, bool glued = false) {
  size_t q = p;
  if (allow_comma && char_at(s, q, ',')) ++q;
  q = skip_ws(s, q);
  return q > p || glued ? q : kNo;
}

// Case-insensitive `word` (lower case) at p, not followed by a letter.
size_t match_word(std::string_view s, size_t p, std::string_view word) {
  if (p > s.size() || s.size() - p < word.size()) return kNo;
  for (size_t i = 0; i < word.size(); ++i) {
    if (lower(s[p + i]) != word[i]) return kNo;
  }
  return alpha_at(s, p + word.size()) ? kNo : p + word.size();
}

// A run of `min_len`..`max_len` digits at p that is not part of a longer run.
bool read_number(std::string_view s, size_t p, int min_len, int max_len, int* value, size_t* end) {
  int v = 0, len = 0;
  size_t q = p;
  while (digit_at(s, q)) {
    if (++len > max_len) return false;
    v = v * 10 + (s[q] - '0');
    ++q;
  }
  if (len < min_len) return false;
  *value = v;
  *end = q;
  return true;
}

bool read_year(std::string_view s, size_t p, int* year, size_t* end) {
  return read_number(s, p, 4, 4, year, end) && *year >= kMinYear && *year <= kMaxYear;
}

struct Name {
  std::string_view full;
  std::array<std::string_view, 3> short_forms;  // empty entries unused
};

constexpr std::array<Name, 12> kMonths = {{
    {"january", {"jan"}},
    {"february", {"feb"}},
    {"march", {"mar"}},
    {"april", {"apr"}},
    {"may", {}},
    {"june", {"jun"}},
    {"july", {"jul"}},
    {"august", {"aug"}},
    {"september", {"sept", "sep"}},
    {"october", {"oct"}},
    {"november", {"nov"}},
    {"december", {"dec"}},
}};

constexpr std::array<Name, 7> kWeekdays = {{
    {"monday", {"mon"}},
    {"tuesday", {"tues", "tue"}},
    {"wednesday", {"wed"}},
    {"thursday", {"thurs", "thur", "thu"}},
    {"friday", {"fri"}},
    {"saturday", {"sat"}},
    {"sunday", {"sun"}},
}};

struct NameMatch {
  int index = -1;
  size_t end = kNo;
  bool abbreviated = false;  // a short form, with its dot consumed if any
  bool dotted = false;
};

template <size_t N>
NameMatch read_name(std::string_view s, size_t p, const std::array<Name, N>& names) {
  if (p >= s.size()) return {};
  const char first = lower(s[p]);
  for (size_t i = 0; i < N; ++i) {
    const Name& name = names[i];
    if (name.full[0] != first) continue;
    if (size_t e = match_word(s, p, name.full); e != kNo) {
      return {static_cast<int>(i), e, false, false};
    }
    for (std::string_view form : name.short_forms) {
      if (form.empty()) break;
      if (size_t e = match_word(s, p, form); e != kNo) {
        const bool dot = char_at(s, e, '.');
        return {static_cast<int>(i), dot ? e + 1 : e, true, dot};
      }
    }
  }
  return {};
}

// Month name at p: 1..12, or 0.
NameMatch read_month(std::string_view s, size_t p) {
  NameMatch m = read_name(s, p, kMonths);
  m.index = m.index >= 0 ? m.index + 1 : 0;
  return m;
}

// Weekday name at p: 0 = Monday .. 6, or -1. A short form needs a capital
// ("Wed", "SAT") because "wed", "sat" and "sun" are ordinary words.
NameMatch read_weekday(std::string_view s, size_t p) {
  NameMatch m = read_name(s, p, kWeekdays);
  if (m.index >= 0 && m.abbreviated && !is_upper(s[p])) return {};
  return m;
}

// "st", "nd", "rd" or "th" after a day number.
size_t read_ordinal(std::string_view s, size_t p) {
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (size_t e = match_word(s, p, suffix); e != kNo) return e;
  }
  return kNo;
}

struct Found {
  size_t end = kNo;
  Date date;
};

bool valid_day(int year, int month, int day) {
  return day >= 1 && day <= days_in_month(year, month);
}

Found day_date(size_t end, int year, int month, int day) {
  if (!valid_day(year, month, day)) return {};
  return {end, Date{year, month, day, DatePrecision::kDay}};
}

// A word-form date ends at a non-digit: no "7 June 20171".
Found day_date_word(std::string_view s, size_t end, int year, int month, int day) {
  if (digit_at(s, end)) return {};
  return day_date(end, year, month, day);
}

// A numeric date must not continue as a longer number: "2017-06-07123",
// "02.10.2017.5" and "1/2/2017/3" are not dates.
bool numeric_end_ok(std::string_view s, size_t p) {
  if (digit_at(s, p)) return false;
  if (p < s.size() && (s[p] == '.' || s[p] == '-' || s[p] == '/') && digit_at(s, p + 1))
    return false;
  return true;
}

// "T09:14", " 09:14:00.5", then "Z", "+03:00" or "+0300", after an ISO date.
size_t read_iso_time(std::string_view s, size_t p) {
  if (!(char_at(s, p, 'T') || char_at(s, p, ' ')) || !digit_at(s, p + 1)) return kNo;
  int hour = 0, minute = 0, second = 0;
  size_t q;
  if (!read_number(s, p + 1, 2, 2, &hour, &q) || hour > 23 || !char_at(s, q, ':')) return kNo;
  if (!read_number(s, q + 1, 2, 2, &minute, &q) || minute > 59) return kNo;
  if (char_at(s, q, ':')) {
    size_t r;
    if (!read_number(s, q + 1, 2, 2, &second, &r) || second > 60) return kNo;
    q = r;
    if (char_at(s, q, '.') && digit_at(s, q + 1)) {
      ++q;
      while (digit_at(s, q)) ++q;
    }
  }
  if (char_at(s, q, 'Z') && !alpha_at(s, q + 1)) return q + 1;
  if (char_at(s, q, '+') || char_at(s, q, '-')) {
    int zh = 0, zm = 0;
    size_t r;
    if (read_number(s, q + 1, 2, 2, &zh, &r) && zh <= 14) {
      size_t t;
      if (!char_at(s, r, ':')) return r;
      if (read_number(s, r + 1, 2, 2, &zm, &t) && zm <= 59) return t;
    } else if (read_number(s, q + 1, 4, 4, &zh, &r) && zh / 100 <= 14 && zh % 100 <= 59) {
      return r;
    }
  }
  return q;
}

// "2017-06-07" (also with '/' or '.'), optionally with a time; "16-02-2015"
// and "02.10.2017" day first unless the second number is over 12; "6/7/2017"
// month first unless the first number is over 12.
Found numeric_date(std::string_view s, size_t p) {
  int a = 0;
  size_t q;
  if (!read_number(s, p, 1, 4, &a, &q) || q >= s.size()) return {};
  const char sep = s[q];
  if (sep != '-' && sep != '/' && sep != '.') return {};
  const int a_len = static_cast<int>(q - p);
  int b = 0, c = 0;
  size_t r, e;
  if (a_len == 4) {
    if (a < kMinYear || a > kMaxYear) return {};
    if (!read_number(s, q + 1, 1, 2, &b, &r) || !char_at(s, r, sep)) return {};
    if (!read_number(s, r + 1, 1, 2, &c, &e) || !numeric_end_ok(s, e)) return {};
    Found f = day_date(e, a, b, c);
    if (f.end == kNo) return {};
    if (size_t t = read_iso_time(s, e); t != kNo && !digit_at(s, t)) f.end = t;
    return f;
  }
  if (a_len > 2) return {};
  if (!read_number(s, q + 1, 1, 2, &b, &r) || !char_at(s, r, sep)) return {};
  if (!read_year(s, r + 1, &c, &e) || !numeric_end_ok(s, e)) return {};
  const bool month_first = sep == '/' ? a <= 12 : b > 12;
  return month_first ? day_date(e, c, a, b) : day_date(e, c, b, a);
}

// "7 June 2017", "07 Apr 2017", "7th of June, 2017", "7-Jun-2017".
Found day_first_date(std::string_view s, size_t p) {
  int day = 0;
  size_t q;
  if (!read_number(s, p, 1, 2, &day, &q)) return {};
  if (char_at(s, q, '-')) {
    const NameMatch m = read_month(s, q + 1);
    if (m.index == 0 || m.dotted || !char_at(s, m.end, '-')) return {};
    int year = 0;
    size_t e;
    if (!read_year(s, m.end + 1, &year, &e)) return {};
    return day_date_word(s, e, year, m.index, day);
  }
  const size_t ord = read_ordinal(s, q);
  if (ord != kNo) {
    q = ord;
  } else if (alpha_at(s, q)) {
    return {};
  }
  q = skip_sep(s, q, false);
  if (q == kNo || q >= s.size()) return {};
  if (ord != kNo) {
    if (size_t of = match_word(s, q, "of"); of != kNo) {
      q = skip_sep(s, of, false);
      if (q == kNo || q >= s.size()) return {};
    }
  }
  const NameMatch m = read_month(s, q);
  if (m.index == 0) return {};
  q = skip_sep(s, m.end, true, m.dotted);
  int year = 0;
  size_t e;
  if (q == kNo || !read_year(s, q, &year, &e)) return {};
  return day_date_word(s, e, year, m.index, day);
}

// "June 15, 2017", "Aug 12 2013", "Sep. 3, 2014", "February 7th, 2023"; and
// "Apr 092017", the day and year run together when a copy lost the comma of
// "Apr 09, 2017" (six digits DDYYYY, read only when both halves are valid).
Found month_first_date(std::string_view s, const NameMatch& m) {
  size_t q = skip_sep(s, m.end, false, m.dotted);
  int day = 0;
  if (q == kNo) return {};
  if (int run = 0; read_number(s, q, 6, 6, &run, &q)) {
    const int year = run % 10000;
    if (year < kMinYear || year > kMaxYear) return {};
    return day_date_word(s, q, year, m.index, run / 10000);
  }
  if (!read_number(s, q, 1, 2, &day, &q)) return {};
  if (size_t ord = read_ordinal(s, q); ord != kNo) q = ord;
  q = skip_sep(s, q, true);
  int year = 0;
  size_t e;
  if (q == kNo || !read_year(s, q, &year, &e)) return {};
  return day_date_word(s, e, year, m.index, day);
}

size_t skip_ws_back(std::string_view s, size_t p) {
  while (p > 0) {
    if (s[p - 1] == ' ' || s[p - 1] == '\t') {
      --p;
    } else if (p >= 2 && s[p - 1] == '\xA0' && s[p - 2] == '\xC2') {
      p -= 2;
    } else {
      break;
    }
  }
  return p;
}

// Whether the month name at p follows a number ("31 June 2017", "7-Jun",
// "7x June", "7 of June"): then it was meant as a day-month-year that did not
// hold, not as a month alone.
bool follows_number(std::string_view s, size_t p) {
  size_t q = skip_ws_back(s, p);
  if (q == p) {
    if (q == 0 || s[q - 1] != '-') return false;
    --q;
  }
  // The word before, and the one before "of".
  for (int words = 0; words < 2; ++words) {
    size_t start = q;
    bool digits = false;
    while (start > 0 && is_alnum(s[start - 1])) digits |= is_digit(s[--start]);
    if (digits) return true;
    if (q - start != 2 || lower(s[start]) != 'o' || lower(s[start + 1]) != 'f') return false;
    q = skip_ws_back(s, start);
    if (q == start) return false;
  }
  return false;
}

// "June 2017", "Jun. 2017": the month name must be capitalised, so that
// "they may 2017" is not a month.
Found month_year(std::string_view s, size_t p, const NameMatch& m) {
  if (!is_upper(s[p]) || follows_number(s, p)) return {};
  const size_t q = skip_sep(s, m.end, true, m.dotted);
  int year = 0;
  size_t e;
  if (q == kNo || !read_year(s, q, &year, &e) || digit_at(s, e)) return {};
  return {e, Date{year, m.index, 0, DatePrecision::kMonth}};
}

// A full date (day precision) starting at p.
Found full_date(std::string_view s, size_t p) {
  if (p >= s.size()) return {};
  if (is_digit(s[p])) {
    // A number that continues another ("3,800", "1.2.3.2017", "09:14") does
    // not start a date, except a day after a range dash or slash
    // ("5-7 June 2017") in the word forms.
    const char prev = p >= 2 && digit_at(s, p - 2) ? s[p - 1] : ' ';
    const bool in_number = prev == '.' || prev == ':' || prev == ',';
    if (in_number) return {};
    if (prev != '-' && prev != '/') {
      if (Found f = numeric_date(s, p); f.end != kNo) return f;
    }
    return day_first_date(s, p);
  }
  if (!is_alpha(s[p])) return {};
  const NameMatch m = read_month(s, p);
  if (m.index == 0) return {};
  return month_first_date(s, m);
}

// Whether the letters at p can begin a month or weekday name: every full and
// short form starts with the first three letters of its full name. Most words
// cannot, and a bit per three-letter prefix spares them the name tables.
constexpr size_t kPrefixCount = 26 * 26 * 26;

constexpr size_t prefix_index(char a, char b, char c) {
  return static_cast<size_t>(a - 'a') * 676 + static_cast<size_t>(b - 'a') * 26 + static_cast<size_t>(c - 'a');
}

template <size_t N>
constexpr void add_prefixes(const std::array<Name, N>& names, std::array<uint64_t, (kPrefixCount + 63) / 64>& bits) {
  for (size_t i = 0; i < N; ++i) {
    const std::string_view& f = names[i].full;
    for (size_t k = 0; k < names[i].short_forms.size(); ++k) {
      const std::string_view& form = names[i].short_forms[k];
      if (!form.empty() && (form.size() < 3 || form[0] != f[0] || form[1] != f[1] || form[2] != f[2]))
        throw "a short form must share the first three letters of its name";
    }
    const size_t x = prefix_index(f[0], f[1], f[2]);
    bits[x / 64] |= uint64_t{1} << (x % 64);
  }
}

constexpr std::array<uint64_t, (kPrefixCount + 63) / 64> kNamePrefixBits = [] {
  std::array<uint64_t, (kPrefixCount + 63) / 64> bits{};
  add_prefixes(kMonths, bits);
  add_prefixes(kWeekdays, bits);
  return bits;
}();

bool may_start_name(std::string_view s, size_t p) {
  if (s.size() - p < 3) return false;
  const char a = lower(s[p]), b = lower(s[p + 1]), c = lower(s[p + 2]);
  if (a < 'a' || a > 'z' || b < 'a' || b > 'z' || c < 'a' || c > 'z') return false;
  const size_t x = prefix_index(a, b, c);
  return (kNamePrefixBits[x / 64] >> (x % 64)) & 1;
}

// The date expression starting at word start p, if any.
bool match_at(std::string_view s, size_t p, DateMatch* out) {
  if (is_alpha(s[p]) && !may_start_name(s, p)) return false;
  if (is_alpha(s[p])) {
    const NameMatch w = read_weekday(s, p);
    if (w.index >= 0) {
      size_t q = skip_sep(s, w.end, true);
      if (q == kNo || q >= s.size()) return false;
      if (size_t the = match_word(s, q, "the"); the != kNo) {
        q = skip_sep(s, the, false);
        if (q == kNo || !digit_at(s, q)) return false;
      }
      const Found f = full_date(s, q);
      if (f.end == kNo) return false;
      *out = {static_cast<uint32_t>(p), static_cast<uint32_t>(f.end), f.date, w.index};
      return true;
    }
  }
  Found f = full_date(s, p);
  if (f.end == kNo && is_alpha(s[p])) {
    if (const NameMatch m = read_month(s, p); m.index != 0) f = month_year(s, p, m);
  }
  if (f.end == kNo) return false;
  *out = {static_cast<uint32_t>(p), static_cast<uint32_t>(f.end), f.date, -1};
  return true;
}

// Known time zone names after a time in a metadata value.
constexpr std::array<std::string_view, 22> kZones = {
    "gmt", "utc", "ut",  "z",    "est", "edt",  "cst", "cdt", "mst", "mdt", "pst",
    "pdt", "bst", "cet", "cest", "eet", "eest", "ast", "msk", "ist", "trt", "wib"};

size_t read_zone(std::string_view s, size_t p) {
  if (p >= s.size()) return kNo;
  if (s[p] == '+' || s[p] == '-') {
    int v = 0;
    size_t q;
    if (!read_number(s, p + 1, 1, 4, &v, &q)) return kNo;
    if (char_at(s, q, ':')) read_number(s, q + 1, 2, 2, &v, &q);
    return q;
  }
  const bool paren = s[p] == '(';
  const size_t start = paren ? p + 1 : p;
  for (std::string_view zone : kZones) {
    size_t q = match_word(s, start, zone);
    if (q == kNo) continue;
    if (char_at(s, q, '+') || char_at(s, q, '-')) {
      if (size_t r = read_zone(s, q); r != kNo) q = r;
    }
    if (paren) return char_at(s, q, ')') ? q + 1 : kNo;
    return q;
  }
  return kNo;
}

// "am", "PM", "a.m." at p.
size_t read_meridiem(std::string_view s, size_t p) {
  if (p >= s.size() || (lower(s[p]) != 'a' && lower(s[p]) != 'p')) return kNo;
  if (size_t e = match_word(s, p + 1, "m"); e != kNo) return e;
  if (char_at(s, p + 1, '.') && p + 2 < s.size() && lower(s[p + 2]) == 'm' &&
      char_at(s, p + 3, '.')) {
    return p + 4;
  }
  return kNo;
}

// "9:14", "09:14:00", "9:14 am", "9 p.m.", and after "at" also "0914".
size_t read_clock(std::string_view s, size_t p, bool after_at) {
  int hour = 0, minute = 0;
  size_t q;
  if (!read_number(s, p, 1, 4, &hour, &q)) return kNo;
  const size_t len = q - p;
  if (len == 4) {
    if (!after_at || hour / 100 > 23 || hour % 100 > 59) return kNo;
    return q;
  }
  if (len > 2 || hour > 23) return kNo;
  bool has_minutes = false;
  if (char_at(s, q, ':') && read_number(s, q + 1, 2, 2, &minute, &q)) {
    if (minute > 59) return kNo;
    has_minutes = true;
    int second = 0;
    size_t r;
    if (char_at(s, q, ':') && read_number(s, q + 1, 2, 2, &second, &r) && second <= 60) q = r;
  }
  if (size_t e = read_meridiem(s, skip_ws(s, q)); e != kNo) return e;
  return has_minutes ? q : kNo;
}

// Whether `rest`, the value after its one date, is only time-of-day text:
// an optional separator (",", "-", "|"), an optional "at", a clock time and
// an optional zone, or only a zone when the date already carried a time
// ("2017-06-07T09:14:00 GMT"). Other trailing words make it not a date.
bool is_trailing_time(std::string_view rest, bool has_time) {
  size_t p = skip_ws(rest, 0);
  if (p == rest.size()) return true;
  if (rest[p] == ',' || rest[p] == '-' || rest[p] == '|') p = skip_ws(rest, p + 1);
  bool after_at = false;
  if (size_t at = match_word(rest, p, "at"); at != kNo) {
    p = skip_sep(rest, at, false);
    if (p == kNo) return false;
    after_at = true;
  }
  if (size_t t = read_clock(rest, p, after_at); t != kNo) {
    p = skip_ws(rest, t);
  } else if (!has_time || after_at) {
    return false;
  }
  if (size_t z = read_zone(rest, p); z != kNo) p = skip_ws(rest, z);
  return p == rest.size();
}

// Every form above has a year: a run of four digits, or of six in "Apr
// 092017", and it is the first run of four or more digits in the match, with
// at most five words (runs of ASCII letters and digits) before it: "Tuesday
// the 7th of June 2017". So no date starts more than five words before the
// next such run, and the scan jumps over the text before that.
constexpr size_t kMinYearDigits = 4;
constexpr int kWordsBeforeYear = 5;

// The start of the first run of at least kMinYearDigits ASCII digits at or
// after i, or s.size(). Digits are looked for sixteen bytes at a time (SSE2:
// every x86-64 has it; most text has none).
size_t next_year_run(std::string_view s, size_t i) {
  const size_t n = s.size();
  while (i < n) {
    for (; i + 16 <= n; i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      // Signed compares: bytes outside ASCII are negative, no digits.
      const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                          _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
      if (const unsigned bits = static_cast<unsigned>(_mm_movemask_epi8(digit))) {
        i += static_cast<size_t>(std::countr_zero(bits));
        break;
      }
    }
    while (i < n && !is_digit(s[i])) ++i;
    size_t end = i;
    while (end < n && is_digit(s[end])) ++end;
    if (end - i >= kMinYearDigits) return i;
    i = end;
  }
  return n;
}

// The start of the `words`-th word before p, or `from` when fewer words lie
// in [from, p).
size_t words_back(std::string_view s, size_t from, size_t p, int words) {
  for (int w = 0; w < words; ++w) {
    while (p > from && !is_alnum(s[p - 1])) --p;
    while (p > from && is_alnum(s[p - 1])) --p;
  }
  return p;
}

}  // namespace

std::vector<DateMatch> find_dates(std::string_view text, size_t max_matches) {
  std::vector<DateMatch> out;
  if (max_matches == 0) return out;
  const size_t n = text.size();
  size_t year = next_year_run(text, 0);
  if (year == n) return out;
  size_t i = words_back(text, 0, year, kWordsBeforeYear);
  while (i < n) {  // the match count is checked where it grows, not at every word
    if (i > year) {  // past the year: on to a few words before the next one
      year = next_year_run(text, i);
      if (year == n) break;
      i = words_back(text, i, year, kWordsBeforeYear);
    }
    const uint8_t c = cls(text[i]);
    if (!(c & (kDigit | kAlpha))) {
      ++i;
      continue;
    }
    DateMatch m;
    if ((c & kCandidate) && match_at(text, i, &m)) {
      out.push_back(m);
      if (out.size() >= max_matches) break;
      i = m.end;
    }
    // Only word starts begin a date: skip the rest of this word.
    i = ascii_alnum_run_end(text, i);
  }
  return out;
}

std::optional<Date> parse_date(std::string_view value) {
  size_t b = skip_ws(value, 0);
  while (b < value.size() && (value[b] == '\n' || value[b] == '\r')) b = skip_ws(value, b + 1);
  size_t e = value.size();
  while (e > b && (value[e - 1] == ' ' || value[e - 1] == '\t' || value[e - 1] == '\n' ||
                   value[e - 1] == '\r')) {
    --e;
  }
  const std::string_view v = value.substr(b, e - b);
  if (v.empty()) return std::nullopt;

  // "2017-06": an ISO month, which find_dates() does not read in prose.
  if (v.size() == 7 && v[4] == '-') {
    int year = 0, month = 0;
    size_t q;
    if (read_year(v, 0, &year, &q) && q == 4 && read_number(v, 5, 2, 2, &month, &q) && q == 7 &&
        month >= 1 && month <= 12) {
      return Date{year, month, 0, DatePrecision::kMonth};
    }
    return std::nullopt;
  }

  const std::vector<DateMatch> found = find_dates(v, 1);
  if (found.empty() || found[0].begin != 0) return std::nullopt;
  const std::string_view matched = v.substr(0, found[0].end);
  if (!is_trailing_time(v.substr(found[0].end), matched.find(':') != std::string_view::npos)) {
    return std::nullopt;
  }
  return found[0].date;
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".
int64_t days_from_civil(int year, int month, int day) {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t day_number(const Date& d, bool last) {
  const int month = d.month > 0 ? d.month : last ? 12 : 1;
  const int day = d.day > 0 ? d.day : last ? days_in_month(d.year, month) : 1;
  return days_from_civil(d.year, month, day);
}

Date civil_from_days(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return Date{year, month, day, DatePrecision::kDay};
}

int weekday_of(int year, int month, int day) {
  // 1970-01-01 was a Thursday (3).
  const int64_t w = (days_from_civil(year, month, day) + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

}  // namespace sitrep::text
