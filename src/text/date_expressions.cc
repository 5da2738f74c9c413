// Date expressions: the text is split into words once (64 bytes at a time),
// and each word is told once whether some detector can start there (a digit,
// or one of ~50 start words: weekdays, months, "the", "a", "last"...); the
// detectors run only at those words, propose candidate expressions, each
// resolved against the article date when it has one, and the longest
// non-overlapping candidates are kept in text order.
//
// Resolution is backwards: news reports events that happened. Rules that
// need a choice, as implemented:
//   "Tuesday", "on Tuesday", "this Tuesday"  latest Tuesday on or before the article date
//   "last Saturday", "this past Saturday"   latest Saturday strictly before the article date
//   "next Tuesday"                          first Tuesday strictly after it (future)
//   "Monday night", "late (on) Monday", "Monday overnight", "overnight Monday"  night = true
//   "June 15", "15 June"                    article's year, or the year before when that
//                                           would be more than 7 days after the article
//   "in June", "since June" (no day/year)   article's year, or the year before when the
//                                           month is after the article's month
//   "the day before", "a day earlier"       the day before the article date (not before a
//                                           date named in the story: that needs discourse)
//   "N days/weeks ago"                      that day; "N months/years ago" that month/year
//   "the past N days/weeks/months", "in recent days/weeks/months"  [date - span, date]
//   "over the weekend"                      latest Saturday..Sunday up to the article date
// The tokens are not used: every rule looks only at a few words either side,
// which the finder splits itself so it does not depend on sentence rules.
#include "text/date_expressions.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <initializer_list>
#include <span>
#include <utility>

#include <emmintrin.h>

#include "common/ascii.h"
#include "common/flat_string_map.h"
#include "text/dates.h"

namespace sitrep::text {

namespace {

constexpr size_t kNo = static_cast<size_t>(-1);
// A day-and-month without a year may be this many days after the article
// (a scheduled event, a clock skew) before it is taken as last year's.
constexpr int64_t kFutureSlackDays = 7;
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2099;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr std::array<bool, 256> kAsciiAlnum = [] {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 'a' + 'A'] = true;
  return t;
}();
bool is_alnum(char c) { return kAsciiAlnum[static_cast<uint8_t>(c)]; }
uint8_t byte_at(std::string_view s, size_t p) {
  return p < s.size() ? static_cast<uint8_t>(s[p]) : 0;
}

// Bytes that separate words: ASCII other than letters and digits, the
// no-break space, and U+2000..U+203F (typographic spaces, dashes, quotes).
// Other non-ASCII bytes are letters, so "Montréal" stays one word.
size_t separator_length(std::string_view s, size_t p) {
  const uint8_t c = byte_at(s, p);
  if (c < 0x80) return is_alnum(s[p]) ? 0 : 1;
  if (c == 0xC2 && byte_at(s, p + 1) == 0xA0) return 2;
  if (c == 0xE2 && byte_at(s, p + 1) == 0x80 && byte_at(s, p + 2) >= 0x80 &&
      byte_at(s, p + 2) <= 0xBF) {
    return 3;
  }
  return 0;
}

// Spaces only, at least one: words joined this way form one phrase. Line
// breaks are not spaces, so no expression runs across paragraphs.
bool is_space_gap(std::string_view gap) {
  if (gap.empty()) return false;
  size_t p = 0;
  while (p < gap.size()) {
    const uint8_t c = byte_at(gap, p);
    if (c == ' ' || c == '\t') {
      ++p;
    } else if (c == 0xC2 && byte_at(gap, p + 1) == 0xA0) {
      p += 2;
    } else if (c == 0xE2 && byte_at(gap, p + 1) == 0x80 &&
               ((byte_at(gap, p + 2) >= 0x80 && byte_at(gap, p + 2) <= 0x8A) ||
                byte_at(gap, p + 2) == 0xAF)) {
      p += 3;
    } else {
      return false;
    }
  }
  return true;
}

// "-" or an en dash, as in "June 5-7".
bool is_dash_gap(std::string_view gap) { return gap == "-" || gap == "\xE2\x80\x93"; }

// Whether a number continues at p: "15,000", "1.5", "15:30", "2014-15", "5/6".
bool number_continues(std::string_view s, size_t p) {
  if (p >= s.size()) return false;
  const char c = s[p];
  if ((c == ',' || c == '.' || c == ':' || c == '/' || c == '-') && p + 1 < s.size() &&
      is_digit(s[p + 1])) {
    return true;
  }
  if (c == '%') return true;
  return s.substr(p, 3) == "\xE2\x80\x93" && p + 3 < s.size() && is_digit(s[p + 3]);
}

struct MonthName {
  std::string_view name;
  int month;
  bool abbreviation;
};

constexpr std::array<MonthName, 24> kMonthNames = {{
    {"january", 1, false},  {"february", 2, false},  {"march", 3, false},
    {"april", 4, false},    {"may", 5, false},       {"june", 6, false},
    {"july", 7, false},     {"august", 8, false},    {"september", 9, false},
    {"october", 10, false}, {"november", 11, false}, {"december", 12, false},
    {"jan", 1, true},       {"feb", 2, true},        {"mar", 3, true},
    {"apr", 4, true},       {"jun", 6, true},        {"jul", 7, true},
    {"aug", 8, true},       {"sep", 9, true},        {"sept", 9, true},
    {"oct", 10, true},      {"nov", 11, true},       {"dec", 12, true},
}};

// The kMonthNames entry spelled `w` (any case), or nullptr: one lookup
// instead of comparing a capitalised word with all 24 names.
const MonthName* month_named(std::string_view w) {
  constexpr size_t kLongest = 9;  // "september"
  if (w.empty() || w.size() > kLongest) return nullptr;
  static const FlatStringMap<const MonthName*> kByName = [] {
    FlatStringMap<const MonthName*> map;
    for (const MonthName& m : kMonthNames) map[m.name] = &m;
    return map;
  }();
  char buf[kLongest];
  for (size_t k = 0; k < w.size(); ++k) buf[k] = ascii_lower(w[k]);
  const MonthName* const* found = kByName.find(std::string_view(buf, w.size()));
  return found ? *found : nullptr;
}

constexpr std::array<std::string_view, 7> kWeekdayNames = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

// Capitalised words that make a weekday part of a name: "Black Friday".
constexpr std::array<std::string_view, 13> kNamedDayWords = {
    "black",  "good", "holy",   "bloody", "ash", "super", "cyber",
    "easter", "palm", "maundy", "shrove", "fat", "giving"};

struct NumberWord {
  std::string_view word;
  int value;
};

constexpr std::array<NumberWord, 14> kNumberWords = {{
    {"a", 1},
    {"an", 1},
    {"one", 1},
    {"two", 2},
    {"three", 3},
    {"four", 4},
    {"five", 5},
    {"six", 6},
    {"seven", 7},
    {"eight", 8},
    {"nine", 9},
    {"ten", 10},
    {"eleven", 11},
    {"twelve", 12},
}};

// Whether `w` (any case) is a word count_at() reads: a number word, "a",
// "few" or "couple". Most words are none, and this spares them the list.
bool may_be_count_word(std::string_view w) {
  constexpr size_t kLongest = 6;  // "couple", "eleven", "twelve"
  static_assert(std::all_of(kNumberWords.begin(), kNumberWords.end(),
                            [](const NumberWord& n) { return n.word.size() <= kLongest; }));
  if (w.size() > kLongest) return false;
  static const FlatStringSet kCountWords = [] {
    FlatStringSet set = {"a", "few", "couple"};
    for (const NumberWord& n : kNumberWords) set[n.word];
    return set;
  }();
  char buf[kLongest];
  for (size_t k = 0; k < w.size(); ++k) buf[k] = ascii_lower(w[k]);
  return kCountWords.contains(std::string_view(buf, w.size()));
}

// A count before a unit: "two", "2", "a couple of"; kFew for "few"/"a few",
// which each unit widens in its own way.
constexpr int kFew = -1;

enum class Unit { kNone, kHour, kDay, kWeek, kMonth, kYear };

struct UnitWord {
  std::string_view word;
  Unit unit;
};

constexpr std::array<UnitWord, 10> kUnitWords = {{
    {"hour", Unit::kHour},
    {"hours", Unit::kHour},
    {"day", Unit::kDay},
    {"days", Unit::kDay},
    {"week", Unit::kWeek},
    {"weeks", Unit::kWeek},
    {"month", Unit::kMonth},
    {"months", Unit::kMonth},
    {"year", Unit::kYear},
    {"years", Unit::kYear},
}};

// Fixed phrases and what they mean relative to the article date.
enum class Rel {
  kDaysBack,  // n days before
  kToday,
  kTonight,
  kLastNight,
  kOvernight,
  kEarlierThisWeek,
  kThisWeek,
  kLaterThisWeek,
  kLastWeek,
  kNextWeek,
  kPastWeek,
  kThisMonth,
  kLaterThisMonth,
  kLastMonth,
  kNextMonth,
  kThisYear,
  kLaterThisYear,
  kLastYear,
  kNextYear,
  kWeekend,
  kLastWeekend,
};

struct Phrase {
  std::array<std::string_view, 4> words;  // lower case; empty entries unused
  Rel rel;
  int n = 0;
  bool day_like = false;  // takes "late", "early" before it
};

constexpr std::array<Phrase, 38> kPhrases = {{
    {{"the", "day", "before", "yesterday"}, Rel::kDaysBack, 2, true},
    {{"the", "day", "before"}, Rel::kDaysBack, 1, true},
    {{"a", "day", "before"}, Rel::kDaysBack, 1, true},
    {{"a", "day", "earlier"}, Rel::kDaysBack, 1, true},
    {{"the", "day", "earlier"}, Rel::kDaysBack, 1, true},
    {{"the", "previous", "day"}, Rel::kDaysBack, 1, true},
    {{"yesterday"}, Rel::kDaysBack, 1, true},
    {{"today"}, Rel::kToday, 0, true},
    {{"earlier", "today"}, Rel::kToday, 0, true},
    {{"this", "morning"}, Rel::kToday, 0, true},
    {{"this", "afternoon"}, Rel::kToday, 0, true},
    {{"this", "evening"}, Rel::kToday, 0, true},
    {{"tonight"}, Rel::kTonight, 0, true},
    {{"last", "night"}, Rel::kLastNight, 0, true},
    {{"overnight"}, Rel::kOvernight, 0, false},
    {{"earlier", "this", "week"}, Rel::kEarlierThisWeek},
    {{"earlier", "in", "the", "week"}, Rel::kEarlierThisWeek},
    {{"this", "week"}, Rel::kThisWeek},
    {{"later", "this", "week"}, Rel::kLaterThisWeek},
    {{"last", "week"}, Rel::kLastWeek},
    {{"next", "week"}, Rel::kNextWeek},
    {{"this", "past", "week"}, Rel::kPastWeek},
    {{"earlier", "this", "month"}, Rel::kThisMonth},
    {{"earlier", "in", "the", "month"}, Rel::kThisMonth},
    {{"this", "month"}, Rel::kThisMonth},
    {{"later", "this", "month"}, Rel::kLaterThisMonth},
    {{"last", "month"}, Rel::kLastMonth},
    {{"next", "month"}, Rel::kNextMonth},
    {{"earlier", "this", "year"}, Rel::kThisYear},
    {{"earlier", "in", "the", "year"}, Rel::kThisYear},
    {{"this", "year"}, Rel::kThisYear},
    {{"later", "this", "year"}, Rel::kLaterThisYear},
    {{"last", "year"}, Rel::kLastYear},
    {{"next", "year"}, Rel::kNextYear},
    {{"over", "the", "weekend"}, Rel::kWeekend},
    {{"at", "the", "weekend"}, Rel::kWeekend},
    {{"this", "past", "weekend"}, Rel::kWeekend},
    {{"last", "weekend"}, Rel::kLastWeekend},
}};

// kPhrases grouped by first word (kPhrases order kept within a group), so a
// word is compared with the 13 first words instead of all 38 phrases.
struct PhraseGroup {
  std::string_view first;
  std::array<uint8_t, 12> phrases{};  // indices into kPhrases (out of range fails to compile)
  size_t size = 0;
};

constexpr size_t kPhraseGroupCount = [] {
  size_t n = 0;
  for (size_t i = 0; i < kPhrases.size(); ++i) {
    bool seen = false;
    for (size_t j = 0; j < i; ++j) seen = seen || kPhrases[j].words[0] == kPhrases[i].words[0];
    if (!seen) ++n;
  }
  return n;
}();

constexpr std::array<PhraseGroup, kPhraseGroupCount> kPhraseGroups = [] {
  std::array<PhraseGroup, kPhraseGroupCount> groups{};
  size_t n = 0;
  for (size_t i = 0; i < kPhrases.size(); ++i) {
    size_t g = 0;
    while (g < n && groups[g].first != kPhrases[i].words[0]) ++g;
    if (g == n) groups[n++].first = kPhrases[i].words[0];
    groups[g].phrases[groups[g].size++] = static_cast<uint8_t>(i);
  }
  return groups;
}();

// kPhraseGroups by the first letter and the length of their first word
// (lower case): no two groups share both, so a word needs comparing with one
// first word at most. -1: none.
constexpr size_t kLongestFirstWord = 15;
constexpr std::array<std::array<int8_t, kLongestFirstWord + 1>, 26> kPhraseGroupByShape = [] {
  std::array<std::array<int8_t, kLongestFirstWord + 1>, 26> t{};
  for (auto& row : t) row.fill(-1);
  for (size_t g = 0; g < kPhraseGroups.size(); ++g) {
    const std::string_view first = kPhraseGroups[g].first;
    if (first.empty() || first.size() > kLongestFirstWord || first[0] < 'a' || first[0] > 'z')
      throw "a phrase's first word is not a short lower-case word";
    int8_t& slot = t[static_cast<size_t>(first[0] - 'a')][first.size()];
    if (slot != -1) throw "two phrase groups share a first letter and length";
    slot = static_cast<int8_t>(g);
  }
  return t;
}();

// The detectors that can start at a word.
enum : uint8_t {
  kStartsWeekday = 1,
  kStartsMonth = 2,
  kStartsNumber = 4,  // a day, a year, or a count
  kStartsPhrase = 8,
  kStartsRange = 16,  // "the past ...", "recent ..."
};

// The words of letters a detector can start at (apart from numbers), lower
// case, each with the detectors that can start there: those whose own words
// it is one of. So a frequent one ("the", "a") runs only its own detectors.
struct StartWord {
  std::string_view word;
  uint8_t detectors = 0;
};

constexpr size_t kLongestStartWord = 9;  // "september", "wednesday", "yesterday", "overnight"

// A letter's place in the alphabet (any case), 26 for any other byte.
constexpr std::array<uint8_t, 256> kLetterIndex = [] {
  std::array<uint8_t, 256> t{};
  t.fill(26);
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 'a' + 'A'] = static_cast<uint8_t>(c - 'a');
  return t;
}();

// The shape of a word: its first two letters (any case; the second 26 when
// the word has one letter, or when its second byte is no letter: then only
// one-letter words have its shape) and its length, as an index into
// kFirstStartWord. `w` starts with a letter and is at most kLongestStartWord long.
constexpr size_t kShapeCount = 27 * 27 * (kLongestStartWord + 1);
constexpr size_t shape_of(uint8_t first, uint8_t second, size_t length) {
  return (kLetterIndex[first] * 27u + (length == 1 ? 26u : kLetterIndex[second])) * (kLongestStartWord + 1) + length;
}

constexpr size_t kMaxStartWords = 64;
constexpr auto kStartWordList = [] {
  std::array<StartWord, kMaxStartWords> words{};
  size_t n = 0;
  auto add = [&](std::string_view w, uint8_t detectors) {
    if (w.empty() || w.size() > kLongestStartWord || kLetterIndex[static_cast<uint8_t>(w[0])] == 26 ||
        (w.size() > 1 && kLetterIndex[static_cast<uint8_t>(w[1])] == 26))
      throw "a start word is not a short word of letters";
    for (size_t k = 0; k < n; ++k) {
      if (words[k].word == w) {
        words[k].detectors |= detectors;
        return;
      }
    }
    words[n++] = {w, detectors};
  };
  for (std::string_view w : kWeekdayNames) add(w, kStartsWeekday);                 // weekday
  for (const MonthName& m : kMonthNames) add(m.name, kStartsMonth);                // day_month, month_alone
  for (const NumberWord& nw : kNumberWords) add(nw.word, kStartsNumber);           // ago (count_at)
  for (std::string_view w : {"few", "couple"}) add(w, kStartsNumber);              // ago (count_at)
  for (const PhraseGroup& g : kPhraseGroups) add(g.first, kStartsPhrase);          // phrases
  for (std::string_view w : {"the", "recent"}) add(w, kStartsRange);               // past_range, recent
  // Sorted by shape, so that the words of one shape ("may", "mar") are adjacent.
  auto shape = [](const StartWord& x) {
    return shape_of(static_cast<uint8_t>(x.word[0]), x.word.size() > 1 ? static_cast<uint8_t>(x.word[1]) : 0, x.word.size());
  };
  std::sort(words.begin(), words.begin() + n, [&](const StartWord& x, const StartWord& y) { return shape(x) < shape(y); });
  return std::pair(words, n);
}();
constexpr std::span<const StartWord> kStartWords(kStartWordList.first.data(), kStartWordList.second);

// The index in kStartWords of the first word of each shape, kNoStartWord
// when none: most words of a text have a shape no start word has ("to",
// "of", "said"), and one load turns them away.
constexpr uint8_t kNoStartWord = 0xFF;
constexpr std::array<uint8_t, kShapeCount> kFirstStartWord = [] {
  std::array<uint8_t, kShapeCount> t{};
  t.fill(kNoStartWord);
  for (size_t k = kStartWords.size(); k-- > 0;) {
    const std::string_view w = kStartWords[k].word;
    t[shape_of(static_cast<uint8_t>(w[0]), w.size() > 1 ? static_cast<uint8_t>(w[1]) : 0, w.size())] = static_cast<uint8_t>(k);
  }
  return t;
}();

struct Word {
  uint32_t begin = 0, end = 0;
};

// The detectors that can start at word [b, e) of `s`: the number ones at a
// digit, those of its kStartWords entry at a start word, else none (most words).
[[gnu::always_inline]] inline uint8_t detectors_at(std::string_view s, uint32_t b, uint32_t e) {
  const auto* t = reinterpret_cast<const uint8_t*>(s.data());
  if (is_digit(s[b])) return kStartsNumber;
  const uint32_t len = e - b;
  if (len > kLongestStartWord) return 0;
  const size_t shape = shape_of(t[b], len > 1 ? t[b + 1] : 0, len);
  for (size_t k = kFirstStartWord[shape]; k < kStartWords.size(); ++k) {
    const std::string_view w = kStartWords[k].word;
    if (w.size() != len || ascii_lower(s[b]) != w[0] || (len > 1 && ascii_lower(s[b + 1]) != w[1])) break;
    size_t i = 2;  // the first two letters are the shape's
    while (i < len && ascii_lower(s[b + i]) == w[i]) ++i;
    if (i >= len) return kStartWords[k].detectors;
  }
  return 0;
}

// A word that may start an expression, and the detectors that can.
struct Start {
  uint32_t word = 0;
  uint8_t detectors = 0;
};

// The word bytes of s[base, base + 64) as bits, bit k for byte base + k
// (none past the end): ASCII letters and digits, and the bytes outside ASCII
// that are not part of a separator (separator_length). Sixteen bytes are
// classified at a time (SSE2: every x86-64 has it); only a block with bytes
// outside ASCII looks for separators there, at each byte that can start one
// (0xC2, 0xE2: never inside another separator) from two bytes before the
// block, whose separators may end inside it.
uint64_t word_bits(std::string_view s, size_t base) {
  const size_t n = s.size();
  const char* p = s.data() + base;
  char tail[64] = {};  // the last, partial block, padded with separators
  if (n - base < 64) {
    std::memcpy(tail, p, n - base);
    p = tail;
  }
  uint64_t alnum = 0, high = 0;
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    // Signed compares: bytes outside ASCII are negative, neither letters nor digits here.
    const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                         _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                        _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    alnum |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(_mm_or_si128(letter, digit)))} << (16 * k);
    high |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(v))} << (16 * k);
  }
  if (high == 0) return alnum;
  uint64_t separators = 0;
  const size_t end = std::min(n, base + 64);
  for (size_t q = base >= 2 ? base - 2 : 0; q < end; ++q) {
    const uint8_t c = static_cast<uint8_t>(s[q]);
    if (c != 0xC2 && c != 0xE2) continue;
    for (size_t k = std::max(q, base), stop = std::min(q + separator_length(s, q), end); k < stop; ++k)
      separators |= uint64_t{1} << (k - base);
  }
  return (alnum | high) & ~separators;
}

// A thread's working lists, kept across texts so that splitting and
// collecting do not allocate again for each article. `words` and `starts`
// are sized for the most words a text can have, (size + 1) / 2, not to its
// words: split_words writes them without checking for room.
struct Scratch {
  static constexpr size_t kKeptWords = size_t{1} << 16;
  std::vector<Word> words;
  std::vector<Start> starts;
  std::vector<DateExpression> candidates;
};

// The words of `s`, runs of word bytes found from the edges of word_bits(),
// into scratch.words, and those that may start an expression into
// scratch.starts; returns how many of each.
std::pair<size_t, size_t> split_words(std::string_view s, Scratch& scratch) {
  if (const size_t most = s.size() / 2 + 1; scratch.words.size() < most) {
    scratch.words.resize(most);
    scratch.starts.resize(most);
  }
  Word* const words = scratch.words.data();
  Start* const starts = scratch.starts.data();
  size_t n_words = 0, n_starts = 0;
  auto push = [&](uint32_t b, uint32_t e) __attribute__((always_inline)) {
    if (const uint8_t detectors = detectors_at(s, b, e)) starts[n_starts++] = {static_cast<uint32_t>(n_words), detectors};
    words[n_words++] = {b, e};
  };
  uint64_t before = 0;  // bit 0: the byte before the block is a word byte
  uint32_t open = 0;    // where the word that runs into the block began
  for (size_t base = 0; base < s.size(); base += 64) {
    const uint64_t bits = word_bits(s, base);
    const uint64_t shifted = bits << 1 | before;
    uint64_t word_starts = bits & ~shifted, word_ends = ~bits & shifted;
    before = bits >> 63;
    const auto at = [base](uint64_t edges) { return static_cast<uint32_t>(base + static_cast<size_t>(std::countr_zero(edges))); };
    // Edges alternate, a start first unless a word runs in from the block before.
    if ((shifted & 1) && word_ends) {
      push(open, at(word_ends));
      word_ends &= word_ends - 1;
    }
    for (; word_starts; word_starts &= word_starts - 1) {
      if (!word_ends) {
        open = at(word_starts);
        break;
      }
      push(at(word_starts), at(word_ends));
      word_ends &= word_ends - 1;
    }
  }
  if (before) push(open, static_cast<uint32_t>(s.size()));
  return {n_words, n_starts};
}

// "June 15", "15 June", "15th of June", "June 5-7", "5-7 June".
struct DayMonth {
  size_t last = 0;  // index of its last word
  int month = 0, day = 0, last_day = 0;
};

class Finder {
 public:
  Finder(std::string_view text, std::optional<Date> article_date, Scratch& scratch)
      : text_(text), candidates_(scratch.candidates) {
    const auto [n_words, n_starts] = split_words(text, scratch);
    words_ = std::span<const Word>(scratch.words.data(), n_words);
    starts_ = std::span<const Start>(scratch.starts.data(), n_starts);
    candidates_.clear();
    if (article_date && article_date->precision == DatePrecision::kDay &&
        article_date->month >= 1 && article_date->month <= 12 && article_date->day >= 1 &&
        article_date->day <= days_in_month(article_date->year, article_date->month)) {
      article_ = *article_date;
      today_ = days_from_civil(article_.year, article_.month, article_.day);
      article_weekday_ = weekday_of(article_.year, article_.month, article_.day);
    }
  }

  std::vector<DateExpression> find() {
    explicit_dates();
    for (const auto [i, starts] : starts_) {
      if (starts & kStartsWeekday) weekday(i);
      if (starts & (kStartsMonth | kStartsNumber)) day_month(i);
      if (starts & kStartsMonth) month_alone(i);
      if (starts & kStartsNumber) {
        year_alone(i);
        ago(i);
      }
      if (starts & kStartsPhrase) phrases(i);
      if (starts & kStartsRange) {
        past_range(i);
        recent(i);
      }
    }
    // Longest first among those starting together, then drop overlaps.
    std::stable_sort(candidates_.begin(), candidates_.end(),
                     [](const DateExpression& a, const DateExpression& b) {
                       return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
                     });
    std::vector<DateExpression> out;
    out.reserve(candidates_.size());
    uint32_t covered = 0;
    for (const DateExpression& e : candidates_) {
      if (!out.empty() && e.begin < covered) continue;
      out.push_back(e);
      covered = e.end;
    }
    return out;
  }

 private:
  // --- Words -------------------------------------------------------------

  size_t count() const { return words_.size(); }

  // Words and the gaps between them lie inside the text they were split from.
  std::string_view word(size_t i) const {
    return std::string_view(text_.data() + words_[i].begin, words_[i].end - words_[i].begin);
  }

  // Case-insensitive whole-word comparison with a lower-case `w`; false out of range.
  bool is(size_t i, std::string_view w) const {
    if (i >= count() || words_[i].end - words_[i].begin != w.size()) return false;
    const char* v = text_.data() + words_[i].begin;
    for (size_t k = 0; k < w.size(); ++k) {
      if (ascii_lower(v[k]) != w[k]) return false;
    }
    return true;
  }

  [[gnu::always_inline]] bool is_any(size_t i, std::initializer_list<std::string_view> ws) const {
    return std::any_of(ws.begin(), ws.end(), [&](std::string_view w) { return is(i, w); });
  }

  bool capitalized(size_t i) const { return i < count() && is_upper(text_[words_[i].begin]); }

  bool all_digits(size_t i) const {
    if (i >= count()) return false;
    const std::string_view v = word(i);
    return std::all_of(v.begin(), v.end(), is_digit);
  }

  // The value of an all-digit word of at most four digits.
  int value_of(size_t i) const {
    int v = 0;
    for (char c : word(i)) v = v * 10 + (c - '0');
    return v;
  }

  std::string_view gap_before(size_t i) const {
    if (i == 0 || i >= count()) return {};
    return std::string_view(text_.data() + words_[i - 1].end, words_[i].begin - words_[i - 1].end);
  }

  // Whether words i-1 and i are separated by spaces only.
  bool spaced(size_t i) const {
    if (i == 0 || i >= count()) return false;
    const uint32_t from = words_[i - 1].end, to = words_[i].begin;
    if (to - from == 1 && text_[from] == ' ') return true;  // nearly every gap
    return is_space_gap(text_.substr(from, to - from));
  }

  bool prev_is(size_t i, std::initializer_list<std::string_view> ws) const {
    return spaced(i) && is_any(i - 1, ws);
  }

  // "mid-June", "mid-2014".
  bool after_mid(size_t i) const { return i >= 1 && gap_before(i) == "-" && is(i - 1, "mid"); }

  // The index of the last word of `phrase` spelled from word i, or kNo.
  // Word i is known to be its first word (phrase_group() compared it).
  size_t phrase_at(size_t i, const std::array<std::string_view, 4>& phrase) const {
    size_t k = i + 1;
    for (size_t w = 1; w < phrase.size() && !phrase[w].empty(); ++w, ++k) {
      if (!is(k, phrase[w]) || !spaced(k)) return kNo;  // the word first: most differ in length
    }
    return k - 1;
  }

  // "15" or "15th": 1..31, else 0.
  int day_number(size_t i) const {
    if (i >= count()) return 0;
    const std::string_view v = word(i);
    size_t digits = 0;
    while (digits < v.size() && is_digit(v[digits])) ++digits;
    if (digits == 0 || digits > 2) return 0;
    if (digits < v.size()) {
      const std::string_view rest = v.substr(digits);
      if (rest.size() != 2) return 0;
      const char a = ascii_lower(rest[0]), b = ascii_lower(rest[1]);
      if (!((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
            (a == 't' && b == 'h'))) {
        return 0;
      }
    }
    int d = 0;
    for (size_t k = 0; k < digits; ++k) d = d * 10 + (v[k] - '0');
    return d >= 1 && d <= 31 ? d : 0;
  }

  // A capitalised month name at i: 1..12, or 0. Abbreviations only when allowed.
  int month_at(size_t i, bool allow_abbreviation, bool* abbreviated) const {
    if (!capitalized(i)) return 0;
    const MonthName* m = month_named(word(i));
    if (m == nullptr || (m->abbreviation && !allow_abbreviation)) return 0;
    if (abbreviated != nullptr) *abbreviated = m->abbreviation;
    return m->month;
  }

  // A capitalised full weekday name at i: 0 = Monday .. 6, or -1.
  int weekday_at(size_t i) const {
    if (!capitalized(i)) return -1;
    for (size_t w = 0; w < kWeekdayNames.size(); ++w) {
      if (is(i, kWeekdayNames[w])) return static_cast<int>(w);
    }
    return -1;
  }

  // A count starting at i: its value (kFew for "few"), and *last its last word.
  int count_at(size_t i, size_t* last) const {
    if (i >= count()) return 0;
    if (is_digit(text_[words_[i].begin]) && all_digits(i) && word(i).size() <= 3 && !continues_number(i)) {
      *last = i;
      return value_of(i);
    }
    if (!may_be_count_word(word(i))) return 0;
    const size_t start = is(i, "a") && spaced(i + 1) ? i + 1 : i;
    if (is(start, "few")) {
      *last = start;
      return kFew;
    }
    if (is(start, "couple") && spaced(start + 1) && is(start + 1, "of")) {
      *last = start + 1;
      return 2;
    }
    for (const NumberWord& n : kNumberWords) {
      if (is(i, n.word)) {
        *last = i;
        return n.value;
      }
    }
    return 0;
  }

  Unit unit_at(size_t i) const {
    for (const UnitWord& u : kUnitWords) {
      if (is(i, u.word)) return u.unit;
    }
    return Unit::kNone;
  }

  // Whether the number at i is the tail of another: "3.15", "1,5", "5-7".
  bool continues_number(size_t i) const {
    if (i == 0 || i >= count()) return false;
    const std::string_view gap = gap_before(i);
    const std::string_view prev = word(i - 1);
    if (prev.empty() || !is_digit(prev.back())) return false;
    return gap == "." || gap == "," || gap == ":" || gap == "/" || is_dash_gap(gap);
  }

  // A four-digit year (or a year-like number) right after word k: "June 15, 2017".
  bool year_follows(size_t k, bool dotted) const {
    if (k + 1 >= count() || !all_digits(k + 1) || word(k + 1).size() != 4) return false;
    std::string_view gap = gap_before(k + 1);
    if (dotted && !gap.empty() && gap[0] == '.') gap.remove_prefix(1);
    if (!gap.empty() && gap[0] == ',') gap.remove_prefix(1);
    return gap.empty() || is_space_gap(gap);
  }

  std::optional<DayMonth> day_month_at(size_t i) const {
    // Both forms start with a capitalised month or a digit.
    if (i >= count() || !(capitalized(i) || is_digit(text_[words_[i].begin]))) return std::nullopt;
    DayMonth dm;
    bool abbreviated = false;
    size_t k = i;
    if (const int m = month_at(i, true, &abbreviated); m > 0) {
      // "June 15", "Sept. 3", "June 5-7".
      if (i + 1 >= count()) return std::nullopt;
      std::string_view gap = gap_before(i + 1);
      if (abbreviated && !gap.empty() && gap[0] == '.') gap.remove_prefix(1);
      if (!is_space_gap(gap)) return std::nullopt;
      k = i + 1;
      dm.month = m;
      dm.day = dm.last_day = day_number(k);
      if (dm.day == 0) return std::nullopt;
      if (const int d2 = day_number(k + 1); d2 > dm.day && is_dash_gap(gap_before(k + 1))) {
        dm.last_day = d2;
        ++k;
      }
      if (number_continues(text_, words_[k].end) || year_follows(k, false)) return std::nullopt;
    } else {
      // "15 June", "15th of June", "5-7 June".
      dm.day = dm.last_day = day_number(i);
      if (dm.day == 0 || continues_number(i)) return std::nullopt;
      if (const int d2 = day_number(i + 1); d2 > dm.day && is_dash_gap(gap_before(i + 1))) {
        dm.last_day = d2;
        ++k;
      }
      if (spaced(k + 1) && is(k + 1, "of")) ++k;
      if (!spaced(k + 1)) return std::nullopt;
      dm.month = month_at(k + 1, true, &abbreviated);
      if (dm.month == 0) return std::nullopt;
      ++k;
      if (year_follows(k, abbreviated)) return std::nullopt;
    }
    // February 29 exists in some years; the resolved year is checked later.
    if (dm.last_day > days_in_month(2000, dm.month)) return std::nullopt;
    dm.last = k;
    return dm;
  }

  // Words before a day that belong to it: "on", "late on", "early",
  // "overnight", "in the early hours of". Returns the new first word.
  size_t day_prefix(size_t first, bool* late) const {
    if (prev_is(first, {"on"})) --first;
    if (!spaced(first)) return first;
    if (is_any(first - 1, {"late", "early", "overnight"})) {
      if (!is(first - 1, "early")) *late = true;
      return first - 1;
    }
    if (first >= 4 && is(first - 1, "of") && is(first - 2, "hours") && is(first - 3, "early") &&
        is(first - 4, "the") && spaced(first - 1) && spaced(first - 2) && spaced(first - 3)) {
      first -= 4;
      if (prev_is(first, {"in"})) --first;
    }
    return first;
  }

  // Words after a day that belong to it: "night", "morning", "afternoon",
  // "evening", "overnight". Returns the new last word.
  size_t day_suffix(size_t last, bool* night) const {
    if (!spaced(last + 1)) return last;
    if (is_any(last + 1, {"night", "overnight"})) {
      *night = true;
      return last + 1;
    }
    if (is_any(last + 1, {"morning", "afternoon", "evening"})) return last + 1;
    return last;
  }

  // Words before a month or year that belong to it: "in", "during",
  // "throughout", "early", "late", "mid-". *anchored when a preposition
  // (these, or "since", "until", "of", which stay outside the span) precedes.
  size_t period_prefix(size_t first, bool* anchored) const {
    if (prev_is(first, {"early", "late"}) || after_mid(first)) --first;
    if (prev_is(first, {"in", "during", "throughout"})) {
      *anchored = true;
      return first - 1;
    }
    if (prev_is(first, {"since", "until", "of"})) *anchored = true;
    return first;
  }

  // --- Resolution --------------------------------------------------------

  static void set_days(DateExpression& e, int64_t from, int64_t to) {
    e.start = civil_from_days(from);
    e.end_date = civil_from_days(to);
  }

  static void set_month(DateExpression& e, int year, int month) {
    while (month < 1) {
      month += 12;
      --year;
    }
    while (month > 12) {
      month -= 12;
      ++year;
    }
    e.start = Date{year, month, 1, DatePrecision::kDay};
    e.end_date = Date{year, month, days_in_month(year, month), DatePrecision::kDay};
  }

  static void set_year(DateExpression& e, int year) {
    e.start = Date{year, 1, 1, DatePrecision::kDay};
    e.end_date = Date{year, 12, 31, DatePrecision::kDay};
  }

  // The article date moved back `months` calendar months, the day clamped.
  int64_t months_back(int months) const {
    int year = article_.year, month = article_.month - months;
    while (month < 1) {
      month += 12;
      --year;
    }
    return days_from_civil(year, month, std::min(article_.day, days_in_month(year, month)));
  }

  void resolve_day_month(DateExpression& e, const DayMonth& dm) const {
    if (!today_) return;
    int year = article_.year;
    if (days_from_civil(year, dm.month, dm.day) > *today_ + kFutureSlackDays) --year;
    if (dm.last_day > days_in_month(year, dm.month)) return;
    set_days(e, days_from_civil(year, dm.month, dm.day),
             days_from_civil(year, dm.month, dm.last_day));
  }

  void resolve_weekday(DateExpression& e, int weekday, int direction) const {
    if (!today_) return;
    int64_t day;
    if (direction > 0) {
      const int ahead = (weekday - article_weekday_ + 7) % 7;
      day = *today_ + (ahead == 0 ? 7 : ahead);
    } else {
      const int back = (article_weekday_ - weekday + 7) % 7;
      day = *today_ - (back == 0 && direction < 0 ? 7 : back);
    }
    set_days(e, day, day);
  }

  void resolve_phrase(DateExpression& e, Rel rel, int n) const {
    switch (rel) {
      case Rel::kDaysBack:
      case Rel::kToday:
      case Rel::kTonight:
        e.precision = DatePrecision::kDay;
        break;
      case Rel::kLastNight:
      case Rel::kOvernight:
      case Rel::kEarlierThisWeek:
      case Rel::kLaterThisWeek:
      case Rel::kPastWeek:
      case Rel::kWeekend:
      case Rel::kLastWeekend:
        e.precision = DatePrecision::kDays;
        break;
      case Rel::kThisWeek:
      case Rel::kLastWeek:
      case Rel::kNextWeek:
        e.precision = DatePrecision::kWeek;
        break;
      case Rel::kThisMonth:
      case Rel::kLaterThisMonth:
      case Rel::kLastMonth:
      case Rel::kNextMonth:
        e.precision = DatePrecision::kMonth;
        break;
      case Rel::kThisYear:
      case Rel::kLaterThisYear:
      case Rel::kLastYear:
      case Rel::kNextYear:
        e.precision = DatePrecision::kYear;
        break;
    }
    if (!today_) return;
    const int64_t t = *today_;
    const int64_t monday = t - article_weekday_;
    const int year = article_.year, month = article_.month;
    switch (rel) {
      case Rel::kDaysBack:
        set_days(e, t - n, t - n);
        break;
      case Rel::kToday:
      case Rel::kTonight:
        set_days(e, t, t);
        break;
      case Rel::kLastNight:
      case Rel::kOvernight:
        set_days(e, t - 1, t);
        break;
      case Rel::kEarlierThisWeek:
        // On a Monday "earlier this week" can only be the day itself.
        set_days(e, monday, std::max(monday, t - 1));
        break;
      case Rel::kThisWeek:
        set_days(e, monday, t);
        break;
      case Rel::kLaterThisWeek:
        set_days(e, std::min(t + 1, monday + 6), monday + 6);
        break;
      case Rel::kLastWeek:
        set_days(e, monday - 7, monday - 1);
        break;
      case Rel::kNextWeek:
        set_days(e, monday + 7, monday + 13);
        break;
      case Rel::kPastWeek:
        set_days(e, t - 7, t);
        break;
      case Rel::kThisMonth:
        set_days(e, days_from_civil(year, month, 1), t);
        break;
      case Rel::kLaterThisMonth:
        set_days(e, t, days_from_civil(year, month, days_in_month(year, month)));
        break;
      case Rel::kLastMonth:
        set_month(e, year, month - 1);
        break;
      case Rel::kNextMonth:
        set_month(e, year, month + 1);
        break;
      case Rel::kThisYear:
        set_days(e, days_from_civil(year, 1, 1), t);
        break;
      case Rel::kLaterThisYear:
        set_days(e, t, days_from_civil(year, 12, 31));
        break;
      case Rel::kLastYear:
        set_year(e, year - 1);
        break;
      case Rel::kNextYear:
        set_year(e, year + 1);
        break;
      case Rel::kWeekend:
      case Rel::kLastWeekend: {
        // The latest Saturday on or before the article; on a weekend,
        // "last weekend" is the one before.
        int64_t saturday = t - (article_weekday_ - 5 + 7) % 7;
        if (rel == Rel::kLastWeekend && article_weekday_ >= 5) saturday -= 7;
        set_days(e, saturday, std::min(saturday + 1, t));
        break;
      }
    }
  }

  // --- Detectors ---------------------------------------------------------

  void add(size_t first, size_t last, DateExpression e) {
    e.begin = words_[first].begin;
    e.end = words_[last].end;
    candidates_.push_back(e);
  }

  // Index of the word starting (ending) exactly at byte p, or kNo.
  size_t word_starting_at(uint32_t p) const {
    auto it = std::lower_bound(words_.begin(), words_.end(), p,
                               [](const Word& w, uint32_t v) { return w.begin < v; });
    return it != words_.end() && it->begin == p ? static_cast<size_t>(it - words_.begin()) : kNo;
  }

  size_t word_ending_at(uint32_t p) const {
    auto it = std::lower_bound(words_.begin(), words_.end(), p,
                               [](const Word& w, uint32_t v) { return w.end < v; });
    return it != words_.end() && it->end == p ? static_cast<size_t>(it - words_.begin()) : kNo;
  }

  void explicit_dates() {
    for (const DateMatch& m : find_dates(text_)) {
      DateExpression e;
      e.weekday = m.weekday;
      e.precision = m.date.precision;
      if (m.date.precision == DatePrecision::kMonth) {
        set_month(e, m.date.year, m.date.month);
      } else {
        e.start = e.end_date = m.date;
      }
      // find_dates() starts and ends at ASCII word boundaries; where those are
      // not word boundaries here (a letter outside ASCII next to it), keep its span.
      size_t first = word_starting_at(m.begin);
      size_t last = word_ending_at(m.end);
      if (first != kNo && last != kNo) {
        if (m.date.precision == DatePrecision::kDay) {
          bool late = false, night = false;
          first = day_prefix(first, &late);
          last = day_suffix(last, &night);
          e.night = late || night;
        } else {
          bool anchored = false;
          first = period_prefix(first, &anchored);
        }
        add(first, last, e);
      } else {
        e.begin = m.begin;
        e.end = m.end;
        candidates_.push_back(e);
      }
    }
  }

  void weekday(size_t i) {
    const int w = weekday_at(i);
    if (w < 0) return;
    const uint32_t end = words_[i].end;
    // "Monday.com", "Black Friday", "Good Friday": names, not days.
    if (end + 1 < text_.size() && text_[end] == '.' && is_alnum(text_[end + 1])) return;
    if (spaced(i) && capitalized(i - 1)) {
      for (std::string_view named : kNamedDayWords) {
        if (is(i - 1, named)) return;
      }
    }
    size_t first = i;
    int direction = 0;
    if (prev_is(first, {"last", "this", "next"})) {
      // "the last Friday of Ramadan", "the next Monday": not relative to the article.
      if (prev_is(first - 1, {"the"})) return;
      direction = is(first - 1, "last") ? -1 : is(first - 1, "next") ? 1 : 0;
      --first;
    } else if (prev_is(first, {"past"}) && prev_is(first - 1, {"this"})) {
      direction = -1;
      first -= 2;
    }
    DateExpression e;
    e.relative = true;
    e.weekday = w;
    e.precision = DatePrecision::kDay;
    size_t last = i;
    // "Tuesday, June 6" or "Tuesday 6 June": the date decides.
    std::optional<DayMonth> dm;
    if (i + 1 < count()) {
      const std::string_view gap = gap_before(i + 1);
      if (is_space_gap(gap) || (gap.size() > 1 && gap[0] == ',' && is_space_gap(gap.substr(1)))) {
        dm = day_month_at(i + 1);
      }
    }
    if (dm) {
      last = dm->last;
      resolve_day_month(e, *dm);
      if (dm->last_day != dm->day) e.precision = DatePrecision::kDays;
    } else {
      resolve_weekday(e, w, direction);
    }
    bool late = false, night = false;
    first = day_prefix(first, &late);
    last = day_suffix(last, &night);
    e.night = late || night;
    add(first, last, e);
  }

  void day_month(size_t i) {
    const std::optional<DayMonth> dm = day_month_at(i);
    if (!dm) return;
    DateExpression e;
    e.relative = true;
    e.precision = dm->last_day != dm->day ? DatePrecision::kDays : DatePrecision::kDay;
    resolve_day_month(e, *dm);
    bool late = false, night = false;
    const size_t first = day_prefix(i, &late);
    const size_t last = day_suffix(dm->last, &night);
    e.night = late || night;
    add(first, last, e);
  }

  // "in June", "since March", "mid-June": a month of the last twelve;
  // "in December of 2015": that month.
  void month_alone(size_t i) {
    const int m = month_at(i, false, nullptr);
    if (m == 0) return;
    // The day and month-year forms are handled elsewhere.
    if (year_follows(i, false) || day_month_at(i)) return;
    bool anchored = false;
    const size_t first = period_prefix(i, &anchored);
    DateExpression e;
    e.precision = DatePrecision::kMonth;
    if (spaced(i + 1) && is(i + 1, "of") && spaced(i + 2) && all_digits(i + 2) &&
        word(i + 2).size() == 4 && !number_continues(text_, words_[i + 2].end)) {
      const int year = value_of(i + 2);
      if (year >= kMinYear && year <= kMaxYear) {
        set_month(e, year, m);
        add(first, i + 2, e);
        return;
      }
    }
    if (!anchored && first == i) return;
    e.relative = true;
    if (today_) set_month(e, m > article_.month ? article_.year - 1 : article_.year, m);
    add(first, i, e);
  }

  // "in 2014", "since 2011", "during 2013", "of 2015", "in mid-2014".
  void year_alone(size_t i) {
    if (!all_digits(i) || word(i).size() != 4 || continues_number(i)) return;
    const int year = value_of(i);
    if (year < kMinYear || year > kMaxYear) return;
    if (number_continues(text_, words_[i].end)) return;
    bool anchored = false;
    const size_t first = period_prefix(i, &anchored);
    if (!anchored) return;
    // "December of 2015" names a month; leave it rather than widen it.
    if (first == i && prev_is(i, {"of"}) && spaced(i - 1) && month_at(i - 2, true, nullptr) > 0)
      return;
    DateExpression e;
    e.precision = DatePrecision::kYear;
    set_year(e, year);
    add(first, i, e);
  }

  // The phrase group whose first word is word i (any case), or nullptr.
  const PhraseGroup* phrase_group(size_t i) const {
    const std::string_view w = word(i);
    const char c = ascii_lower(w.empty() ? '\0' : w[0]);
    if (w.size() > kLongestFirstWord || c < 'a' || c > 'z') return nullptr;
    const int g = kPhraseGroupByShape[static_cast<size_t>(c - 'a')][w.size()];
    return g >= 0 && is(i, kPhraseGroups[static_cast<size_t>(g)].first) ? &kPhraseGroups[static_cast<size_t>(g)] : nullptr;
  }

  void phrases(size_t i) {
    const PhraseGroup* group = phrase_group(i);
    if (group == nullptr) return;
    for (size_t gi = 0; gi < group->size; ++gi) {
      const Phrase& p = kPhrases[group->phrases[gi]];
      const size_t last = phrase_at(i, p.words);
      if (last == kNo) continue;
      // "the last week of May", "the next month": not the calendar unit.
      if ((is(i, "last") || is(i, "next")) && prev_is(i, {"the"})) continue;
      // "USA Today", "Syria Today": a name.
      if (p.rel == Rel::kToday && last == i && capitalized(i) && spaced(i) && capitalized(i - 1))
        continue;
      DateExpression e;
      e.relative = true;
      resolve_phrase(e, p.rel, p.n);
      size_t first = i, end = last;
      bool late = false, night = false;
      if (p.day_like) {
        first = day_prefix(i, &late);
        if (last == i) end = day_suffix(last, &night);
      }
      e.night = late || night || p.rel == Rel::kTonight || p.rel == Rel::kLastNight ||
                p.rel == Rel::kOvernight;
      add(first, end, e);
    }
  }

  // "two days ago", "3 weeks ago", "a month ago", "a year ago".
  void ago(size_t i) {
    // The count ends at word i, i + 1 or i + 2 ("a couple of"): most numbers
    // have no "ago" after them, and this spares them count_at.
    if (!is(i + 2, "ago") && !is(i + 3, "ago") && !is(i + 4, "ago")) return;
    size_t k = kNo;
    const int n = count_at(i, &k);
    if (n <= 0 || !spaced(k + 1) || !spaced(k + 2) || !is(k + 2, "ago")) return;
    const Unit unit = unit_at(k + 1);
    if (unit == Unit::kNone || unit == Unit::kHour) return;
    DateExpression e;
    e.relative = true;
    switch (unit) {
      case Unit::kDay:
      case Unit::kWeek: {
        e.precision = DatePrecision::kDay;
        if (today_) {
          const int64_t day = *today_ - (unit == Unit::kWeek ? int64_t{7} * n : n);
          set_days(e, day, day);
        }
        break;
      }
      case Unit::kMonth:
        e.precision = DatePrecision::kMonth;
        if (today_) set_month(e, article_.year, article_.month - n);
        break;
      case Unit::kYear:
        e.precision = DatePrecision::kYear;
        if (today_) set_year(e, article_.year - n);
        break;
      case Unit::kNone:
      case Unit::kHour:
        return;
    }
    add(i, k + 2, e);
  }

  // The days from `span` before the article date to the article date.
  void add_range(size_t first, size_t last, Unit unit, int n) {
    DateExpression e;
    e.relative = true;
    e.precision = DatePrecision::kDays;
    if (today_) {
      const int64_t t = *today_;
      switch (unit) {
        case Unit::kHour:
          set_days(e, t - (n == kFew ? 1 : std::max(1, (n + 23) / 24)), t);
          break;
        case Unit::kDay:
          set_days(e, t - (n == kFew ? 7 : n), t);
          break;
        case Unit::kWeek:
          set_days(e, t - int64_t{7} * (n == kFew ? 4 : n), t);
          break;
        case Unit::kMonth:
          set_days(e, months_back(n == kFew ? 3 : n), t);
          break;
        case Unit::kYear:
          set_days(e, months_back(12 * (n == kFew ? 3 : n)), t);
          break;
        case Unit::kNone:
          return;
      }
    }
    add(first, last, e);
  }

  // "(in|over) the past week", "in the last two weeks", "the past 24 hours".
  void past_range(size_t i) {
    if (!is(i, "the") || !is_any(i + 1, {"past", "last"}) || !spaced(i + 1)) return;
    size_t k = i + 1;
    int n = 1;
    if (size_t c = kNo; spaced(k + 1)) {
      if (const int v = count_at(k + 1, &c); v != 0) {
        n = v;
        k = c;
      }
    }
    if (!spaced(k + 1)) return;
    const Unit unit = unit_at(k + 1);
    if (unit == Unit::kNone) return;
    const bool anchored = prev_is(i, {"in", "over", "during", "within", "for", "throughout"});
    // "the last week of May" is not a range ending today; "the past week" is.
    if (is(i + 1, "last") && (!anchored || (spaced(k + 2) && is(k + 2, "of")))) return;
    add_range(anchored ? i - 1 : i, k + 1, unit, n);
  }

  // "in recent days", "over recent weeks", "recent months".
  void recent(size_t i) {
    if (!is(i, "recent") || !spaced(i + 1)) return;
    const Unit unit = unit_at(i + 1);
    if (unit != Unit::kDay && unit != Unit::kWeek && unit != Unit::kMonth) return;
    if (word(i + 1).back() != 's' && word(i + 1).back() != 'S') return;
    size_t first = i;
    if (prev_is(first, {"the"})) --first;
    if (prev_is(first, {"in", "over", "during", "within"})) --first;
    add_range(first, i + 1, unit, kFew);
  }

  std::string_view text_;
  std::span<const Word> words_;
  std::span<const Start> starts_;  // the words that may start an expression
  std::vector<DateExpression>& candidates_;
  Date article_;
  std::optional<int64_t> today_;  // the article date in days, when known to the day
  int article_weekday_ = 0;
};

}  // namespace

std::vector<DateExpression> find_date_expressions(std::string_view text,
                                                  const TokenizedText& /*tokens*/,
                                                  std::optional<Date> article_date) {
  thread_local Scratch scratch;
  std::vector<DateExpression> found = Finder(text, article_date, scratch).find();
  if (scratch.words.capacity() > Scratch::kKeptWords) scratch = Scratch();  // a very long text's storage is freed
  return found;
}

}  // namespace sitrep::text
