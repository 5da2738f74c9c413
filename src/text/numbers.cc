// Numbers: one pass over the tokens. A token can start a number only if it
// is a number token or a word in a small lexicon (number words, vague
// quantities and the first words of qualifiers), so most tokens cost one
// hash lookup. At a candidate the parse goes qualifier -> base number
// (digits with scale and suffix, number words, vague words) -> range, then
// drops what is not a count.
//
// Choices the header leaves open (callers may rely on them):
// - Percentages ("60 percent", "60%", "60 per cent") and money ("$5 million",
//   "billions of dollars", "5,000 pounds") are NOT returned, qualifier and all:
//   NumberMatch has no flag to tell them from counts.
// - Times ("09:14", "10 a.m.", "10pm"), slashed and dashed numbers ("24/7",
//   "6/7/2017", "2017-06-07"), numbers with a leading zero ("0914", "07"),
//   numbers right after '+', '#' or a currency symbol, and day numbers next
//   to a capitalised month name ("June 6", "7 June", "Feb. 7th") are skipped.
// - Decades ("1990s") and numbers glued to m/mn/bn/b/k ("2.5m", "5bn") are
//   skipped: million or metre cannot be told apart. Other glued units stay:
//   "34-mile" and "55km" give 34 and 55. Letters before digits make a word
//   token, so "F-16", "TOW-2" and "G20" are never numbers.
// - A decimal is returned only with a scale word ("1.6 million"); "1.6" alone
//   is not a count.
// - Bounds are the stated numbers, as conflict-data coders record them:
//   "more than 120" gives low 120 and "less than 10" high 10; the qualifier
//   says the bound is strict. "up to" and "as many as" give low 1; "at
//   most", "no more than", "less than" give low 0.
// - A range ("between 10 and 15", "10-15", "10 to 15", "two or three") is
//   kExact unless a qualifier precedes it; "from 10 to 15" is two numbers
//   (a change, not an uncertainty). A range of two years is_year.
// - "a few" and "a handful" are 2..5 as the header says; "several" 3..,
//   "a number of" 2.., open-ended.
// - "one" is dropped in "no one", "any one", "every one", "one another",
//   "one day", "one side", "(at) one point", "one hand", "one way", "one
//   time", "one thing", "one by one"; "one of them" stays a count of 1.
// - is_year: any four-digit 1900..2099 without separator, scale or suffix;
//   the caller decides with the words around it.
#include "text/numbers.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <limits>

#include "common/ascii.h"
#include "common/flat_string_map.h"

namespace sitrep::text {

const char* to_string(Qualifier q) {
  switch (q) {
    case Qualifier::kExact: return "exact";
    case Qualifier::kAtLeast: return "at least";
    case Qualifier::kMoreThan: return "more than";
    case Qualifier::kUpTo: return "up to";
    case Qualifier::kAbout: return "about";
    case Qualifier::kUnknown: return "unknown";
  }
  return "unknown";
}

namespace {

constexpr int64_t kMaxValue = std::numeric_limits<int64_t>::max() / 16;

enum class Lex : uint8_t {
  kTrigger,  // starts a qualifier or a compound ("at", "a", "between")
  kUnit,     // zero..nine
  kTeen,     // ten..nineteen
  kTens,     // twenty..ninety
  kHundred,
  kScale,    // thousand, million, billion
  kDozen,
  kVague,    // dozens, scores, hundreds, thousands, millions, tens, several
};

struct Entry {
  std::string_view word;
  Lex lex;
  int64_t value = 0;
  bool ordinal = false;
};

constexpr Entry kLexicon[] = {
    {"zero", Lex::kUnit, 0},        {"one", Lex::kUnit, 1},
    {"two", Lex::kUnit, 2},         {"three", Lex::kUnit, 3},
    {"four", Lex::kUnit, 4},        {"five", Lex::kUnit, 5},
    {"six", Lex::kUnit, 6},         {"seven", Lex::kUnit, 7},
    {"eight", Lex::kUnit, 8},       {"nine", Lex::kUnit, 9},
    {"ten", Lex::kTeen, 10},        {"eleven", Lex::kTeen, 11},
    {"twelve", Lex::kTeen, 12},     {"thirteen", Lex::kTeen, 13},
    {"fourteen", Lex::kTeen, 14},   {"fifteen", Lex::kTeen, 15},
    {"sixteen", Lex::kTeen, 16},    {"seventeen", Lex::kTeen, 17},
    {"eighteen", Lex::kTeen, 18},   {"nineteen", Lex::kTeen, 19},
    {"twenty", Lex::kTens, 20},     {"thirty", Lex::kTens, 30},
    {"forty", Lex::kTens, 40},      {"fourty", Lex::kTens, 40},
    {"fifty", Lex::kTens, 50},      {"sixty", Lex::kTens, 60},
    {"seventy", Lex::kTens, 70},    {"eighty", Lex::kTens, 80},
    {"ninety", Lex::kTens, 90},     {"hundred", Lex::kHundred, 100},
    {"thousand", Lex::kScale, 1000}, {"million", Lex::kScale, 1000000},
    {"billion", Lex::kScale, 1000000000}, {"dozen", Lex::kDozen, 12},

    {"first", Lex::kUnit, 1, true},       {"second", Lex::kUnit, 2, true},
    {"third", Lex::kUnit, 3, true},       {"fourth", Lex::kUnit, 4, true},
    {"fifth", Lex::kUnit, 5, true},       {"sixth", Lex::kUnit, 6, true},
    {"seventh", Lex::kUnit, 7, true},     {"eighth", Lex::kUnit, 8, true},
    {"ninth", Lex::kUnit, 9, true},       {"tenth", Lex::kTeen, 10, true},
    {"eleventh", Lex::kTeen, 11, true},   {"twelfth", Lex::kTeen, 12, true},
    {"thirteenth", Lex::kTeen, 13, true}, {"fourteenth", Lex::kTeen, 14, true},
    {"fifteenth", Lex::kTeen, 15, true},  {"sixteenth", Lex::kTeen, 16, true},
    {"seventeenth", Lex::kTeen, 17, true}, {"eighteenth", Lex::kTeen, 18, true},
    {"nineteenth", Lex::kTeen, 19, true}, {"twentieth", Lex::kTens, 20, true},
    {"thirtieth", Lex::kTens, 30, true},  {"fortieth", Lex::kTens, 40, true},
    {"fiftieth", Lex::kTens, 50, true},   {"sixtieth", Lex::kTens, 60, true},
    {"seventieth", Lex::kTens, 70, true}, {"eightieth", Lex::kTens, 80, true},
    {"ninetieth", Lex::kTens, 90, true},  {"hundredth", Lex::kHundred, 100, true},
    {"thousandth", Lex::kScale, 1000, true}, {"millionth", Lex::kScale, 1000000, true},

    {"dozens", Lex::kVague, 24},     {"scores", Lex::kVague, 40},
    {"hundreds", Lex::kVague, 200},  {"thousands", Lex::kVague, 2000},
    {"millions", Lex::kVague, 2000000}, {"billions", Lex::kVague, 2000000000},
    {"tens", Lex::kVague, 20},       {"several", Lex::kVague, 3},

    {"a", Lex::kTrigger},      {"an", Lex::kTrigger},       {"half", Lex::kTrigger},
    {"between", Lex::kTrigger}, {"at", Lex::kTrigger},      {"no", Lex::kTrigger},
    {"not", Lex::kTrigger},    {"more", Lex::kTrigger},     {"over", Lex::kTrigger},
    {"upwards", Lex::kTrigger}, {"in", Lex::kTrigger},      {"up", Lex::kTrigger},
    {"as", Lex::kTrigger},     {"less", Lex::kTrigger},     {"fewer", Lex::kTrigger},
    {"nearly", Lex::kTrigger}, {"almost", Lex::kTrigger},   {"about", Lex::kTrigger},
    {"around", Lex::kTrigger}, {"some", Lex::kTrigger},     {"approximately", Lex::kTrigger},
    {"approx", Lex::kTrigger}, {"roughly", Lex::kTrigger},  {"estimated", Lex::kTrigger},
    {"close", Lex::kTrigger},  {"exactly", Lex::kTrigger},  {"greater", Lex::kTrigger},
    {"circa", Lex::kTrigger},
};
constexpr size_t kLexiconSize = sizeof(kLexicon) / sizeof(kLexicon[0]);
constexpr size_t kMaxWord = 16;

constexpr uint32_t kHashStart = 2166136261u;
constexpr uint32_t hash_step(uint32_t h, char c) { return (h ^ static_cast<uint8_t>(c)) * 16777619u; }
constexpr uint32_t hash_word(std::string_view w) {
  uint32_t h = kHashStart;
  for (char c : w) h = hash_step(h, c);
  return h;
}

// Open addressing over the lexicon, built at compile time.
constexpr size_t kSlots = 512;
static_assert(kLexiconSize * 3 < kSlots);
constexpr std::array<int16_t, kSlots> make_slots() {
  std::array<int16_t, kSlots> slots{};
  for (int16_t& s : slots) s = -1;
  for (size_t i = 0; i < kLexiconSize; ++i) {
    size_t h = hash_word(kLexicon[i].word) & (kSlots - 1);
    while (slots[h] >= 0) h = (h + 1) & (kSlots - 1);
    slots[h] = static_cast<int16_t>(i);
  }
  return slots;
}
constexpr std::array<int16_t, kSlots> kSlotsTable = make_slots();

// A cheap first test on (first letter, length, last letter) that turns away
// almost every word of running text before hashing it. Letters are indexed
// by kLetterOf, 26 for any other byte: the filter's row 26 is empty and no
// row has bit 26, so one test turns away words that do not start and end
// with a letter.
constexpr std::array<uint8_t, 256> kLetterOf = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = static_cast<uint8_t>(c >= 'a' && c <= 'z' ? c - 'a' : c >= 'A' && c <= 'Z' ? c - 'A' : 26);
  return t;
}();
constexpr std::array<uint32_t, 27 * kMaxWord> make_filter() {
  std::array<uint32_t, 27 * kMaxWord> f{};
  for (size_t i = 0; i < kLexiconSize; ++i) {
    const std::string_view w = kLexicon[i].word;
    f[(w.front() - 'a') * kMaxWord + w.size()] |= 1u << (w.back() - 'a');
  }
  return f;
}
constexpr std::array<uint32_t, 27 * kMaxWord> kFilter = make_filter();

// `lower` is a lower-case word shorter than kMaxWord, `hash` its hash_word().
const Entry* lookup(std::string_view lower, uint32_t hash) {
  size_t h = hash & (kSlots - 1);
  while (kSlotsTable[h] >= 0) {
    const Entry& e = kLexicon[kSlotsTable[h]];
    if (e.word == lower) return &e;
    h = (h + 1) & (kSlots - 1);
  }
  return nullptr;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct Phrase {
  std::array<std::string_view, 3> words;  // empty entries unused
  Qualifier qualifier;
  bool low_zero = false;  // "at most n": zero is allowed
  bool strict = false;    // "less than n": n itself is not
};

// First match wins, so a phrase comes before any phrase it starts with.
constexpr Phrase kPhrases[] = {
    {{"at", "least"}, Qualifier::kAtLeast},
    {{"no", "fewer", "than"}, Qualifier::kAtLeast},
    {{"no", "less", "than"}, Qualifier::kAtLeast},
    {{"not", "less", "than"}, Qualifier::kAtLeast},
    {{"not", "fewer", "than"}, Qualifier::kAtLeast},
    {{"a", "minimum", "of"}, Qualifier::kAtLeast},
    {{"more", "than"}, Qualifier::kMoreThan},
    {{"over"}, Qualifier::kMoreThan},
    {{"upwards", "of"}, Qualifier::kMoreThan},
    {{"in", "excess", "of"}, Qualifier::kMoreThan},
    {{"greater", "than"}, Qualifier::kMoreThan},
    {{"up", "to"}, Qualifier::kUpTo},
    {{"as", "many", "as"}, Qualifier::kUpTo},
    {{"at", "most"}, Qualifier::kUpTo, true},
    {{"no", "more", "than"}, Qualifier::kUpTo, true},
    {{"not", "more", "than"}, Qualifier::kUpTo, true},
    {{"a", "maximum", "of"}, Qualifier::kUpTo, true},
    {{"less", "than"}, Qualifier::kUpTo, true, true},
    {{"fewer", "than"}, Qualifier::kUpTo, true, true},
    {{"nearly"}, Qualifier::kAbout},
    {{"almost"}, Qualifier::kAbout},
    {{"about"}, Qualifier::kAbout},
    {{"around"}, Qualifier::kAbout},
    {{"some"}, Qualifier::kAbout},
    {{"approximately"}, Qualifier::kAbout},
    {{"approx"}, Qualifier::kAbout},
    {{"roughly"}, Qualifier::kAbout},
    {{"an", "estimated"}, Qualifier::kAbout},
    {{"estimated"}, Qualifier::kAbout},
    {{"close", "to"}, Qualifier::kAbout},
    {{"circa"}, Qualifier::kAbout},
    {{"a", "total", "of"}, Qualifier::kExact},
    {{"exactly"}, Qualifier::kExact},
};

// For each lexicon entry, the phrases (bits: indexes in kPhrases) that start
// with its word: qualifier_at() tries only those, not every phrase at every
// "a", "in" or "no" of a text.
static_assert(std::size(kPhrases) <= 64);
constexpr auto kPhrasesStartingWith = [] {
  std::array<uint64_t, std::size(kLexicon)> t{};
  for (size_t e = 0; e < std::size(kLexicon); ++e)
    for (size_t p = 0; p < std::size(kPhrases); ++p)
      if (kPhrases[p].words[0] == kLexicon[e].word) t[e] |= uint64_t{1} << p;
  return t;
}();

constexpr std::string_view kMonths[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
};

constexpr std::string_view kCurrencies[] = {
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "lira", "liras", "lire",
    "dinar", "dinars", "riyal", "riyals", "rial", "rials", "ruble", "rubles", "rouble",
    "roubles", "yuan", "yen", "usd", "eur", "gbp", "syp", "bucks",
};

constexpr std::string_view kCurrencyCodes[] = {"usd", "eur", "gbp", "syp"};

constexpr std::string_view kPronounOneAfter[] = {
    "another", "day", "side", "point", "hand", "way", "time", "thing", "by",
};

// A parsed number before qualifiers, without its position in the output.
struct Value {
  bool found = false;
  bool skip = false;     // recognised but not a count: consume, return nothing
  size_t first = 0;      // first token of the number itself
  size_t next = 0;       // token after it
  int64_t low = 0;
  std::optional<int64_t> high;
  int64_t scale = 1;     // the scale word applied, if any
  bool vague = false;
  bool ordinal = false;
  bool is_year = false;
  bool digits = false;   // written with digits
};

// Number words read so far: "three hundred and five thousand" is
// total = 305000 after "thousand", current = 0.
struct Words {
  int64_t total = 0;
  int64_t current = 0;
  Lex last = Lex::kTrigger;  // kTrigger: nothing yet
  int64_t last_scale = std::numeric_limits<int64_t>::max();
  bool fed = false;
  bool ordinal = false;
  bool done = false;  // an ordinal or "dozen" ends the number
};

class Finder {
 public:
  Finder(std::string_view text, const TokenizedText& tokens)
      : text_(text), toks_(tokens.tokens), n_(inside(text, tokens)) {}

  void run(std::vector<NumberMatch>& out) {
    out.clear();
    size_t i = 0;
    while (i < n_) {
      size_t next = i + 1;
      const Token& t = toks_[i];
      const Entry* e = nullptr;
      if (t.kind == TokenKind::kWord) {
        // tok(i) and entry(i) without their checks: i < n_, and a word.
        const std::string_view w(text_.data() + t.begin, t.end - t.begin);
        e = entry_of(w);
        if (!e && (t.flags & kHyphenated)) {
          // "twenty-one", "forty-fifth": the first piece decides.
          const size_t hyphen = w.find('-');
          if (hyphen != std::string_view::npos) e = entry_of(w.substr(0, hyphen));
          if (e && (e->lex != Lex::kTens && e->lex != Lex::kUnit)) e = nullptr;
        }
      }
      if (t.kind == TokenKind::kNumber || e) {
        NumberMatch m;
        if (match_at(i, e, &m, &next)) out.push_back(m);
      }
      i = next;
    }
  }

 private:
  // How many of the leading tokens lie inside `text`: all of them when they
  // are its own (tokenize() made them from it). Tokens of another text (a
  // caller's error) are cut there, so that no token reads outside `text`
  // and tok() need not check.
  static size_t inside(std::string_view text, const TokenizedText& tokenized) {
    const std::vector<Token>& tokens = tokenized.tokens;
    if (tokenized.source.data() == text.data() && tokenized.source.size() == text.size()) return tokens.size();
    size_t n = 0;
    while (n < tokens.size() && tokens[n].begin <= tokens[n].end && tokens[n].end <= text.size()) ++n;
    return n;
  }
  std::string_view tok(size_t i) const {
    if (i >= n_) return {};
    return std::string_view(text_.data() + toks_[i].begin, toks_[i].end - toks_[i].begin);
  }
  bool is_word(size_t i) const { return i < n_ && toks_[i].kind == TokenKind::kWord; }
  // Token i continues an expression: it exists and does not open a sentence.
  bool cont(size_t i) const { return i < n_ && !(toks_[i].flags & kSentenceStart); }
  bool adjacent(size_t a, size_t b) const { return toks_[a].end == toks_[b].begin; }

  // Case-insensitive: token i is the word `w` (lower case).
  bool word_is(size_t i, std::string_view w) const {
    if (!is_word(i)) return false;
    const std::string_view s = tok(i);
    if (s.size() != w.size()) return false;
    for (size_t k = 0; k < s.size(); ++k) {
      if (ascii_lower(s[k]) != w[k]) return false;
    }
    return true;
  }
  template <size_t N>
  bool word_in(size_t i, const std::string_view (&words)[N]) const {
    for (std::string_view w : words) {
      if (word_is(i, w)) return true;
    }
    return false;
  }
  // As word_in(i, List), by one lookup: for the longer lists asked at every number.
  template <const auto& List>
  bool word_in_set(size_t i) const {
    constexpr size_t kLongest = 16;
    static_assert(std::all_of(std::begin(List), std::end(List),
                              [](std::string_view w) { return !w.empty() && w.size() <= kLongest; }));
    static const FlatStringSet kSet = [] {
      FlatStringSet set;
      for (std::string_view w : List) set[w];
      return set;
    }();
    // The lengths of the words of List by first letter: most words asked
    // have none of them, and skip the lower-casing and the lookup.
    static constexpr std::array<uint32_t, 26> kLengths = [] {
      std::array<uint32_t, 26> t{};
      for (std::string_view w : List) {
        if (w[0] < 'a' || w[0] > 'z') throw "a word of the list does not start with a lower-case letter";
        t[static_cast<size_t>(w[0] - 'a')] |= 1u << w.size();
      }
      return t;
    }();
    if (!is_word(i)) return false;
    const std::string_view s = tok(i);
    if (s.empty() || s.size() > kLongest) return false;
    // Setting 0x20 lower-cases a letter and takes no other byte into 'a'..'z'.
    const unsigned first = static_cast<unsigned char>(s.front() | 0x20) - 'a';
    if (first >= 26 || !((kLengths[first] >> s.size()) & 1)) return false;
    char buf[kLongest];
    for (size_t k = 0; k < s.size(); ++k) buf[k] = ascii_lower(s[k]);
    return kSet.contains(std::string_view(buf, s.size()));
  }
  bool punct_is(size_t i, std::string_view p) const {
    return i < n_ && toks_[i].kind != TokenKind::kWord && tok(i) == p;
  }

  static const Entry* entry_of(std::string_view s) {
    if (s.empty() || s.size() >= kMaxWord) return nullptr;
    const unsigned first = kLetterOf[static_cast<unsigned char>(s.front())];
    const unsigned last = kLetterOf[static_cast<unsigned char>(s.back())];
    if (!((kFilter[first * kMaxWord + s.size()] >> last) & 1)) return nullptr;
    // Lower-cased and hashed in one pass.
    char buf[kMaxWord];
    uint32_t hash = kHashStart;
    for (size_t k = 0; k < s.size(); ++k) hash = hash_step(hash, buf[k] = ascii_lower(s[k]));
    return lookup(std::string_view(buf, s.size()), hash);
  }
  const Entry* entry(size_t i) const { return is_word(i) ? entry_of(tok(i)) : nullptr; }
  const Entry* cardinal(size_t i) const {
    const Entry* e = entry(i);
    return e && !e->ordinal && e->lex >= Lex::kUnit && e->lex <= Lex::kDozen ? e : nullptr;
  }
  bool scale_word(size_t i, int64_t* scale) const {
    const Entry* e = entry(i);
    if (!e || e->ordinal || e->lex != Lex::kScale) return false;
    *scale = e->value;
    return true;
  }
  bool capitalized_month(size_t i) const {
    return is_word(i) && (toks_[i].flags & kCapitalized) && word_in_set<kMonths>(i);
  }

  // --- Qualifiers -----------------------------------------------------------

  // The qualifier starting at token i, whose lexicon entry is `first` (in kLexicon).
  const Phrase* qualifier_at(size_t i, const Entry& first, size_t* after) const {
    for (uint64_t bits = kPhrasesStartingWith[static_cast<size_t>(&first - kLexicon)]; bits; bits &= bits - 1) {
      const Phrase& p = kPhrases[std::countr_zero(bits)];
      size_t j = i;
      bool ok = true;
      for (std::string_view w : p.words) {
        if (w.empty()) break;
        if ((j > i && !cont(j)) || !word_is(j, w)) {
          ok = false;
          break;
        }
        ++j;
      }
      if (!ok) continue;
      if (p.words[0] == "approx" && punct_is(j, ".") && adjacent(j - 1, j)) ++j;
      *after = j;
      return &p;
    }
    return nullptr;
  }

  // --- Base numbers -----------------------------------------------------------

  static bool checked_mul(int64_t a, int64_t b, int64_t* out) {
    return !__builtin_mul_overflow(a, b, out) && *out <= kMaxValue;
  }

  // Digits at token i: "21", "3,800", "40.000", "1.6 million", "21st".
  Value parse_digits(size_t i) const {
    Value v;
    v.first = i;
    v.next = i + 1;
    v.digits = true;
    v.found = true;

    // Chains of numbers joined by ':' or '/' (times, dates, fractions) or by
    // two dashes ("2017-06-07"): skip them whole.
    {
      size_t j = i;
      int links = 0;
      bool colon_or_slash = false;
      while (j + 2 < n_ && toks_[j + 2].kind == TokenKind::kNumber && adjacent(j, j + 1) &&
             adjacent(j + 1, j + 2)) {
        const std::string_view sep = tok(j + 1);
        if (sep == ":" || sep == "/") {
          colon_or_slash = true;
        } else if (sep != "-") {
          break;
        }
        ++links;
        j += 2;
      }
      if (colon_or_slash || links >= 2) {
        v.skip = true;
        v.next = j + 1;
        return v;
      }
    }
    if (i > 0 && adjacent(i - 1, i) && toks_[i - 1].kind == TokenKind::kSymbol) {
      v.skip = true;  // "$5", "+963", "#1", "€20"
      if (tok(i - 1) == "+") {
        // The rest of a phone number: "+963 11 2345678".
        while (v.next < n_ && cont(v.next) &&
               (toks_[v.next].kind == TokenKind::kNumber || punct_is(v.next, "-"))) {
          ++v.next;
        }
      }
      return v;
    }
    if (i > 0 && word_in(i - 1, kCurrencyCodes)) {
      v.skip = true;
      return v;
    }

    const std::string_view s = tok(i);
    int64_t mantissa = 0;
    int digits = 0;
    int frac = -1;            // digits after the decimal separator, -1 if none
    size_t commas = 0, dots = 0;
    bool groups_ok = true;    // every group after a separator has three digits
    size_t first_group = 0;
    size_t group = 0;
    char last_sep = 0;
    for (char c : s) {
      if (is_digit(c)) {
        if (++digits > 18) {
          v.skip = true;
          return v;
        }
        mantissa = mantissa * 10 + (c - '0');
        ++group;
      } else {
        if (last_sep == 0) {
          first_group = group;
        } else if (group != 3) {
          groups_ok = false;
        }
        (c == ',' ? commas : dots)++;
        last_sep = c;
        group = 0;
      }
    }
    if (last_sep == 0) first_group = group;
    const bool last_group_3 = group == 3;
    if (s.size() > 1 && s[0] == '0' && last_sep == 0) {
      v.skip = true;  // "07", "0914": codes and times, not counts
      return v;
    }

    int64_t scale = 1;
    const bool scaled = cont(i + 1) && scale_word(i + 1, &scale);
    bool decimal = false;
    if (commas > 0 && dots == 0) {
      if (!(groups_ok && last_group_3 && first_group <= 3)) {
        // "1,6 million" (decimal comma) or a list "1,2,3".
        if (commas == 1 && scaled) {
          decimal = true;
          frac = static_cast<int>(group);
        } else {
          v.skip = true;
          return v;
        }
      }
    } else if (dots > 0 && commas == 0) {
      const bool thousands = groups_ok && last_group_3 && first_group <= 3 &&
                             s[0] != '0' && (dots > 1 || !scaled);
      if (!thousands) {
        if (dots > 1) {
          v.skip = true;  // "1.2.3", "02.10.2017"
          return v;
        }
        decimal = true;
        frac = static_cast<int>(group);
      }
    } else if (dots > 0) {
      // "1,234.5": commas then one decimal dot.
      if (dots != 1 || last_sep != '.' || s.find('.') < s.rfind(',')) {
        v.skip = true;
        return v;
      }
      decimal = true;
      frac = static_cast<int>(group);
    }

    int64_t value = mantissa;
    if (decimal) {
      if (!scaled) {
        v.skip = true;  // "1.6", "2.5m": not a count
        return v;
      }
      int64_t div = 1;
      for (int k = 0; k < frac && div <= scale; ++k) div *= 10;
      if (div > scale || !checked_mul(mantissa, scale / div, &value)) {
        v.skip = true;
        return v;
      }
    } else if (scaled && !checked_mul(mantissa, scale, &value)) {
      v.skip = true;
      return v;
    }
    v.low = value;
    v.high = value;
    if (scaled) {
      v.scale = scale;
      v.next = i + 2;
      return v;
    }

    // A word glued to the digits: ordinal suffix, decade, or a unit.
    if (i + 1 < n_ && is_word(i + 1) && adjacent(i, i + 1)) {
      if (word_is(i + 1, "st") || word_is(i + 1, "nd") || word_is(i + 1, "rd") ||
          word_is(i + 1, "th")) {
        v.ordinal = true;
        v.next = i + 2;
        return v;
      }
      if (word_is(i + 1, "s") || word_is(i + 1, "m") || word_is(i + 1, "mn") ||
          word_is(i + 1, "bn") || word_is(i + 1, "b") || word_is(i + 1, "k") ||
          word_is(i + 1, "am") || word_is(i + 1, "pm")) {
        v.skip = true;
        v.next = i + 2;
        return v;
      }
    }
    v.is_year = last_sep == 0 && digits == 4 && value >= 1900 && value <= 2099;
    return v;
  }

  // Number words from token i: "eight", "twenty-one", "one hundred and five",
  // "three thousand", "a dozen", "two dozen", "a hundred", "half a million".
  Value parse_words(size_t i) const {
    Value v;
    v.first = i;
    if (word_is(i, "half") && cont(i + 1) && word_is(i + 1, "a") && cont(i + 2)) {
      const Entry* e = cardinal(i + 2);
      if (e && (e->lex == Lex::kScale || e->lex == Lex::kDozen || e->lex == Lex::kHundred) &&
          e->value % 2 == 0) {
        v.found = true;
        v.low = e->value / 2;
        v.high = v.low;
        v.next = i + 3;
      }
      return v;
    }

    Words w;
    size_t j = i;
    if (word_is(i, "a") || word_is(i, "an")) {
      const Entry* e = cont(i + 1) ? entry(i + 1) : nullptr;
      if (!e || e->ordinal ||
          (e->lex != Lex::kHundred && e->lex != Lex::kScale && e->lex != Lex::kDozen)) {
        return v;
      }
      w.current = 1;
      w.last = Lex::kUnit;
      j = i + 1;
    }
    size_t end = j;
    while (j < n_ && (j == i || cont(j)) && is_word(j) && !w.done) {
      if (j > i && word_is(j, "and")) {
        if ((w.last == Lex::kHundred || w.last == Lex::kScale) && cont(j + 1) && cardinal(j + 1) &&
            cardinal(j + 1)->lex <= Lex::kTens) {
          ++j;
          continue;
        }
        break;
      }
      Words trial = w;
      if (!feed_token(tok(j), &trial)) break;
      w = trial;
      end = ++j;
    }
    if (!w.fed) return v;
    v.found = true;
    v.low = w.total + w.current;
    v.high = v.low;
    v.ordinal = w.ordinal;
    v.next = end;
    return v;
  }

  // One word, hyphenated pieces and all ("twenty-one", "forty-fifth").
  static bool feed_token(std::string_view s, Words* w) {
    size_t start = 0;
    while (start <= s.size()) {
      size_t stop = s.find('-', start);
      const size_t uni = s.find("\xE2\x80\x90", start);  // U+2010 hyphen
      size_t skip = 1;
      if (uni < stop) {
        stop = uni;
        skip = 3;
      }
      if (stop == std::string_view::npos) stop = s.size();
      if (w->done) return false;
      const Entry* e = entry_of(s.substr(start, stop - start));
      if (!e || !feed(*e, w)) return false;
      if (stop == s.size()) break;
      start = stop + skip;
    }
    return true;
  }

  static bool feed(const Entry& e, Words* w) {
    const Lex last = w->last;
    switch (e.lex) {
      case Lex::kUnit:
        if (last == Lex::kUnit || last == Lex::kTeen) return false;
        if (last == Lex::kTens && e.value == 0) return false;
        w->current += e.value;
        break;
      case Lex::kTeen:
      case Lex::kTens:
        if (last == Lex::kUnit || last == Lex::kTeen || last == Lex::kTens) return false;
        w->current += e.value;
        break;
      case Lex::kHundred:
        if (last == Lex::kTrigger && e.ordinal) w->current = 1;  // "hundredth"
        else if ((last != Lex::kUnit && last != Lex::kTeen) || w->current >= 100) return false;
        w->current *= 100;
        break;
      case Lex::kScale:
        if (last == Lex::kTrigger && e.ordinal) w->current = 1;  // "thousandth"
        else if (last == Lex::kTrigger || last == Lex::kScale || w->current == 0) return false;
        if (e.value >= w->last_scale) return false;
        w->total += w->current * e.value;
        w->current = 0;
        w->last_scale = e.value;
        break;
      case Lex::kDozen:
        if (last != Lex::kUnit && last != Lex::kTeen) return false;
        w->current *= 12;
        w->done = true;
        break;
      case Lex::kTrigger:
      case Lex::kVague:
        return false;
    }
    w->last = e.lex;
    w->fed = true;
    if (e.ordinal) {
      w->ordinal = true;
      w->done = true;
    }
    return true;
  }

  // "dozens", "hundreds of thousands", "tens of thousands", "scores of",
  // "several", "a few", "a handful", "a number of".
  Value parse_vague(size_t i) const {
    Value v;
    v.first = i;
    v.vague = true;
    if (word_is(i, "a") && cont(i + 1)) {
      if (word_is(i + 1, "few") || word_is(i + 1, "handful")) {
        v.found = true;
        v.low = 2;
        v.high = 5;
        v.next = i + 2;
      } else if (word_is(i + 1, "number") && cont(i + 2) && word_is(i + 2, "of")) {
        v.found = true;
        v.low = 2;
        v.next = i + 2;
      }
      return v;
    }
    const Entry* e = entry(i);
    if (!e || e->lex != Lex::kVague) return v;
    const bool of = cont(i + 1) && word_is(i + 1, "of");
    if ((word_is(i, "scores") || word_is(i, "tens")) && !of) return v;
    v.found = true;
    v.low = e->value;
    v.next = i + 1;
    if (of && e->value <= 200 && cont(i + 2)) {
      const Entry* big = entry(i + 2);
      if (big && big->lex == Lex::kVague && big->value >= 2000 && big->value <= 2000000000) {
        int64_t low;
        if (checked_mul(e->value, big->value / 2, &low)) {
          v.low = low;  // "tens of thousands": 20 * 1000
          v.next = i + 3;
        }
      }
    }
    return v;
  }

  Value parse_base(size_t i) const {
    if (i >= n_) return {};
    if (toks_[i].kind == TokenKind::kNumber) return parse_digits(i);
    if (!is_word(i)) return {};
    Value v = parse_vague(i);
    if (v.found) return v;
    return parse_words(i);
  }

  // --- Whole expressions --------------------------------------------------

  // A plain count that can open or close a range.
  static bool rangeable(const Value& v) {
    return v.found && !v.skip && !v.vague && !v.ordinal && v.high && *v.high == v.low;
  }

  // Extends `x` to a range "x-y", "x to y", "x or y" when one follows.
  void extend_range(Value* x) const {
    const size_t j = x->next;
    if (!rangeable(*x) || !cont(j)) return;
    Value y;
    if (x->digits && x->scale == 1 && j + 1 < n_ && toks_[j + 1].kind == TokenKind::kNumber &&
        (punct_is(j, "-") || punct_is(j, "\xE2\x80\x93"))) {
      if (!adjacent(j - 1, j) || !adjacent(j, j + 1)) return;
      y = parse_digits(j + 1);
    } else if (word_is(j, "to") || word_is(j, "or")) {
      if (word_is(j, "to") && x->first > 0 && word_is(x->first - 1, "from")) return;
      if (!cont(j + 1)) return;
      y = parse_base(j + 1);
      if (y.found && !y.skip && y.digits != x->digits) return;
    } else {
      return;
    }
    if (!rangeable(y)) return;
    int64_t low = x->low;
    if (x->scale == 1 && y.scale > 1) {
      int64_t scaled;
      if (checked_mul(low, y.scale, &scaled) && scaled < y.low) low = scaled;  // "2 to 3 million"
    }
    if (y.low <= low) return;
    x->is_year = x->is_year && y.is_year;
    x->low = low;
    x->high = y.low;
    x->next = y.next;
  }

  // "between 10 and 15".
  Value parse_between(size_t i) const {
    Value x = parse_base(i + 1);
    if (!rangeable(x) || !cont(x.next) || !word_is(x.next, "and") || !cont(x.next + 1)) return {};
    const Value y = parse_base(x.next + 1);
    if (!rangeable(y) || y.low <= x.low) return {};
    x.is_year = x.is_year && y.is_year;
    x.high = y.low;
    x.next = y.next;
    return x;
  }

  bool percent_or_money_after(size_t e) const {
    if (e >= n_) return false;
    if (punct_is(e, "%")) return true;
    if (word_is(e, "percent") || word_is(e, "pct") || word_is(e, "percentage") ||
        (word_is(e, "per") && e + 1 < n_ && word_is(e + 1, "cent"))) {
      return true;
    }
    if (word_in_set<kCurrencies>(e)) return true;
    return word_is(e, "of") && e + 1 < n_ && word_in_set<kCurrencies>(e + 1);
  }

  bool time_after(size_t e) const {
    return e < n_ && (word_is(e, "a.m.") || word_is(e, "p.m.") || word_is(e, "am") ||
                      word_is(e, "pm") || word_is(e, "gmt") || word_is(e, "o'clock"));
  }

  // A day number beside a month name: "June 6", "Jan. 5", "7 June".
  bool day_of_month(const Value& v) const {
    if (!v.digits || v.low < 1 || v.low > 31 || v.scale != 1 || *v.high != v.low) return false;
    const size_t i = v.first;
    if (tok(i).size() > 2) return false;
    if (i > 0 && capitalized_month(i - 1)) return true;
    if (i > 1 && punct_is(i - 1, ".") && adjacent(i - 2, i - 1) && capitalized_month(i - 2)) {
      return true;
    }
    return cont(v.next) && capitalized_month(v.next);
  }

  // "no one", "one another", "at one point": the pronoun, not a count.
  bool pronoun_one(const Value& v) const {
    if (v.digits || v.next != v.first + 1 || !word_is(v.first, "one")) return false;
    const size_t i = v.first;
    if (i > 0 && (word_is(i - 1, "no") || word_is(i - 1, "any") || word_is(i - 1, "every"))) {
      return true;
    }
    return cont(i + 1) && word_in(i + 1, kPronounOneAfter);
  }
  bool one_by_one(const Value& v) const {
    return cont(v.first + 2) && word_is(v.first + 1, "by") && word_is(v.first + 2, "one");
  }

  Value parse_expression(size_t i) const {
    Value v;
    if (word_is(i, "between")) {
      v = parse_between(i);
      if (!v.found) return v;
    } else {
      v = parse_base(i);
      if (!v.found || v.skip) return v;
      extend_range(&v);
    }
    if (day_of_month(v) || percent_or_money_after(v.next) || time_after(v.next)) {
      v.skip = true;
      if (percent_or_money_after(v.next)) ++v.next;
      return v;
    }
    if (pronoun_one(v)) {
      v.skip = true;
      if (one_by_one(v)) v.next = v.first + 3;
    }
    return v;
  }

  // `e` is the lexicon entry of token i when it is a word.
  bool match_at(size_t i, const Entry* e, NumberMatch* m, size_t* next) const {
    const Phrase* q = nullptr;
    size_t after = i;
    Value v;
    if (e && e->lex == Lex::kTrigger) {
      q = qualifier_at(i, *e, &after);
      if (q && cont(after)) {
        v = parse_expression(after);
        if (!v.found || v.ordinal) q = nullptr;
      } else {
        q = nullptr;
      }
      // Only these triggers can also start a number themselves.
      if (!q && e->word != "a" && e->word != "an" && e->word != "half" && e->word != "between") {
        return false;
      }
    }
    if (!q) {
      v = parse_expression(i);
      if (!v.found) return false;
    }
    if (v.skip) {
      *next = v.next;
      return false;
    }
    *next = v.next;

    m->begin = toks_[i].begin;
    m->value_begin = toks_[v.first].begin;
    m->end = toks_[v.next - 1].end;
    m->low = v.low;
    m->high = v.high;
    m->vague = v.vague;
    m->ordinal = v.ordinal;
    m->is_year = v.is_year;
    m->qualifier = v.vague ? Qualifier::kUnknown : Qualifier::kExact;
    if (!q) return true;

    m->qualifier = q->qualifier;
    const bool range = v.high && *v.high != v.low;
    switch (q->qualifier) {
      case Qualifier::kAtLeast:
        m->high.reset();
        break;
      case Qualifier::kMoreThan:
        m->high.reset();
        break;
      case Qualifier::kUpTo:
        if (v.vague) {
          m->high.reset();
        } else {
          const int64_t top = range ? *v.high : v.low;
          m->high = top;
        }
        m->low = q->low_zero ? 0 : 1;
        if (m->high && m->low > *m->high) m->low = *m->high < 0 ? 0 : *m->high;
        if (m->high && *m->high < 0) m->high = 0;
        break;
      case Qualifier::kAbout:
      case Qualifier::kExact:
      case Qualifier::kUnknown:
        break;
    }
    return true;
  }

  std::string_view text_;
  const std::vector<Token>& toks_;
  size_t n_;
};

}  // namespace

void find_numbers(std::string_view text, const TokenizedText& tokens, std::vector<NumberMatch>& out) {
  Finder(text, tokens).run(out);
}

std::vector<NumberMatch> find_numbers(std::string_view text, const TokenizedText& tokens) {
  std::vector<NumberMatch> out;
  find_numbers(text, tokens, out);
  return out;
}

}  // namespace sitrep::text
