#include "text/numbers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "text/tokens.h"

namespace sitrep::text {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string sample_path(const std::string& name) {
  return std::string(SITREP_SOURCE_DIR) + "/data/samples/" + name;
}

std::vector<NumberMatch> numbers(std::string_view text) {
  TokenizedText tokens;
  tokenize(text, tokens);
  return find_numbers(text, tokens);
}

std::string span_of(std::string_view text, const NumberMatch& m) {
  return std::string(text.substr(m.begin, m.end - m.begin));
}
std::string value_of(std::string_view text, const NumberMatch& m) {
  return std::string(text.substr(m.value_begin, m.end - m.value_begin));
}

// Structural promises: in order, not overlapping, spans inside the text.
void check_invariants(std::string_view text, const std::vector<NumberMatch>& found) {
  uint32_t prev_end = 0;
  for (const NumberMatch& m : found) {
    ASSERT_LE(prev_end, m.begin);
    ASSERT_LE(m.begin, m.value_begin);
    ASSERT_LT(m.value_begin, m.end);
    ASSERT_LE(m.end, text.size());
    if (m.high) {
      EXPECT_LE(m.low, *m.high) << span_of(text, m);
    }
    EXPECT_GE(m.low, 0) << span_of(text, m);
    prev_end = m.end;
  }
}

struct Expect {
  std::string span;   // whole expression
  std::string value;  // from value_begin
  int64_t low;
  std::optional<int64_t> high;
  Qualifier qualifier = Qualifier::kExact;
  bool vague = false;
  bool ordinal = false;
  bool is_year = false;
};

// `text` holds exactly one number expression, as described.
void expect_one(std::string_view text, const Expect& e) {
  SCOPED_TRACE(std::string(text));
  const std::vector<NumberMatch> found = numbers(text);
  check_invariants(text, found);
  ASSERT_EQ(found.size(), 1u);
  const NumberMatch& m = found[0];
  EXPECT_EQ(span_of(text, m), e.span);
  EXPECT_EQ(value_of(text, m), e.value);
  EXPECT_EQ(m.low, e.low);
  EXPECT_EQ(m.high, e.high);
  EXPECT_EQ(m.qualifier, e.qualifier) << to_string(m.qualifier);
  EXPECT_EQ(m.vague, e.vague);
  EXPECT_EQ(m.ordinal, e.ordinal);
  EXPECT_EQ(m.is_year, e.is_year);
}

void expect_exact(std::string_view text, std::string_view span, int64_t value) {
  expect_one(text, {std::string(span), std::string(span), value, value});
}

void expect_none(std::string_view text) {
  const std::vector<NumberMatch> found = numbers(text);
  EXPECT_TRUE(found.empty()) << text << " -> " << (found.empty() ? "" : span_of(text, found[0]));
}

// The spans of all matches.
std::vector<std::string> spans(std::string_view text) {
  std::vector<std::string> out;
  const std::vector<NumberMatch> found = numbers(text);
  check_invariants(text, found);
  for (const NumberMatch& m : found) out.push_back(span_of(text, m));
  return out;
}

using Strings = std::vector<std::string>;

TEST(ToString, AllQualifiers) {
  EXPECT_STREQ(to_string(Qualifier::kExact), "exact");
  EXPECT_STREQ(to_string(Qualifier::kAtLeast), "at least");
  EXPECT_STREQ(to_string(Qualifier::kMoreThan), "more than");
  EXPECT_STREQ(to_string(Qualifier::kUpTo), "up to");
  EXPECT_STREQ(to_string(Qualifier::kAbout), "about");
  EXPECT_STREQ(to_string(Qualifier::kUnknown), "unknown");
}

TEST(Digits, Plain) {
  expect_exact("killing 43 civilians", "43", 43);
  expect_exact("0 casualties", "0", 0);
  expect_exact("over a span, 3,800 killed", "3,800", 3800);
  expect_exact("13,190 civilians", "13,190", 13190);
  expect_exact("1,000,000 people", "1,000,000", 1000000);
  expect_exact("killed 21.", "21", 21);
}

TEST(Digits, DotAsThousandsSeparator) {
  expect_exact("more 40.000 children", "40.000", 40000);
  expect_exact("1.000.000 refugees", "1.000.000", 1000000);
  expect_exact("1.600 people", "1.600", 1600);
  // A decimal is not a count on its own.
  expect_none("a ratio of 1.6 overall");
  expect_none("grew 2.75 times");
  expect_none("02.10.2017");
  expect_none("version 1.2.3");
}

TEST(Digits, Scales) {
  expect_exact("a population of 1.6 million people", "1.6 million", 1600000);
  expect_exact("2 thousand troops", "2 thousand", 2000);
  expect_exact("3 million refugees", "3 million", 3000000);
  expect_exact("1.25 billion", "1.25 billion", 1250000000);
  expect_exact("1,6 million", "1,6 million", 1600000);
  expect_exact("1.500 million", "1.500 million", 1500000);
  expect_none("2.5m people");
  expect_none("5bn");
}

TEST(Digits, TooLongOrMalformed) {
  expect_none("12345678901234567890");
  expect_none("1,2,3");
  expect_none("1,23 items");
}

TEST(Words, Cardinals) {
  expect_exact("killed eight civilians", "eight", 8);
  expect_exact("Eight civilians", "Eight", 8);
  expect_exact("twenty-one people", "twenty-one", 21);
  expect_exact("twenty one people", "twenty one", 21);
  expect_exact("nineteen dead", "nineteen", 19);
  expect_exact("one hundred and five bodies", "one hundred and five", 105);
  expect_exact("three thousand airstrikes", "three thousand", 3000);
  expect_exact("two hundred thousand people", "two hundred thousand", 200000);
  expect_exact("fifteen hundred fighters", "fifteen hundred", 1500);
  expect_exact("three thousand five hundred and twelve", "three thousand five hundred and twelve",
               3512);
  expect_exact("one million refugees", "one million", 1000000);
  expect_exact("FORTY-FIVE dead", "FORTY-FIVE", 45);
  expect_exact("zero tolerance", "zero", 0);
}

TEST(Words, DozensAndArticles) {
  expect_exact("a dozen soldiers", "a dozen", 12);
  expect_exact("two dozen soldiers", "two dozen", 24);
  expect_exact("half a dozen soldiers", "half a dozen", 6);
  expect_exact("half a million people", "half a million", 500000);
  expect_exact("a hundred people", "a hundred", 100);
  expect_exact("A thousand people", "A thousand", 1000);
  expect_exact("a hundred and fifty people", "a hundred and fifty", 150);
  expect_none("a hospital and an hour");
}

TEST(Words, NotCompounds) {
  EXPECT_EQ(spans("one two three"), (Strings{"one", "two", "three"}));
  EXPECT_EQ(spans("twenty nineteen"), (Strings{"twenty", "nineteen"}));
  EXPECT_EQ(spans("five and six"), (Strings{"five", "six"}));
  expect_none("a one-sided fight");
  expect_none("thousand");
  // A blank line or a stop ends the number.
  EXPECT_EQ(spans("He saw five. Thousands fled."), (Strings{"five", "Thousands"}));
  EXPECT_EQ(spans("three\n\nthousand"), (Strings{"three"}));
}

TEST(Vague, Quantities) {
  const auto vague = [](std::string_view text, std::string span, int64_t low,
                        std::optional<int64_t> high = std::nullopt) {
    expect_one(text, {span, span, low, high, Qualifier::kUnknown, true});
  };
  vague("killing dozens of civilians", "dozens", 24);
  vague("Dozens were killed", "Dozens", 24);
  vague("scores of civilians", "scores", 40);
  vague("hundreds of square kilometers", "hundreds", 200);
  vague("But thousands have fled", "thousands", 2000);
  vague("helping tens of thousands of local forces", "tens of thousands", 20000);
  vague("hundreds of thousands of people", "hundreds of thousands", 200000);
  vague("millions of refugees", "millions", 2000000);
  vague("tens of civilians", "tens", 20);
  vague("confined to a few neighborhoods", "a few", 2, 5);
  vague("a handful of fighters", "a handful", 2, 5);
  vague("several villages", "several", 3);
  vague("after a number of defeats", "a number", 2);
  // Not quantities.
  expect_none("He scores a goal");
  expect_none("the tens");
  expect_none("few people");
}

TEST(Vague, WithQualifier) {
  expect_one("at least dozens were killed",
             {"at least dozens", "dozens", 24, std::nullopt, Qualifier::kAtLeast, true});
  expect_one("nearly hundreds", {"nearly hundreds", "hundreds", 200, std::nullopt,
                                 Qualifier::kAbout, true});
}

TEST(Qualifiers, AtLeast) {
  for (std::string_view q : {"at least", "no fewer than", "no less than", "not less than",
                             "a minimum of", "At Least", "AT LEAST"}) {
    const std::string text = std::string(q) + " 21 civilians";
    expect_one(text, {std::string(q) + " 21", "21", 21, std::nullopt, Qualifier::kAtLeast});
  }
}

TEST(Qualifiers, MoreThan) {
  for (std::string_view q : {"more than", "over", "upwards of", "in excess of", "Over"}) {
    const std::string text = std::string(q) + " 60 soldiers";
    expect_one(text, {std::string(q) + " 60", "60", 60, std::nullopt, Qualifier::kMoreThan});
  }
  expect_one("more than a dozen", {"more than a dozen", "a dozen", 12, std::nullopt,
                                   Qualifier::kMoreThan});
  expect_one("more than three thousand airstrikes",
             {"more than three thousand", "three thousand", 3000, std::nullopt,
              Qualifier::kMoreThan});
}

TEST(Qualifiers, UpTo) {
  for (std::string_view q : {"up to", "as many as", "Up to"}) {
    const std::string text = std::string(q) + " 80 people";
    expect_one(text, {std::string(q) + " 80", "80", 1, 80, Qualifier::kUpTo});
  }
  for (std::string_view q : {"at most", "no more than", "not more than", "a maximum of"}) {
    const std::string text = std::string(q) + " 80 people";
    expect_one(text, {std::string(q) + " 80", "80", 0, 80, Qualifier::kUpTo});
  }
  // The stated bound, as coders record it: "less than 24" has high 24.
  for (std::string_view q : {"less than", "fewer than"}) {
    const std::string text = std::string(q) + " 24 hours";
    expect_one(text, {std::string(q) + " 24", "24", 0, 24, Qualifier::kUpTo});
  }
  expect_one("less than one", {"less than one", "one", 0, 1, Qualifier::kUpTo});
}

TEST(Qualifiers, About) {
  for (std::string_view q : {"nearly", "almost", "about", "around", "some", "approximately",
                             "roughly", "an estimated", "estimated", "close to", "circa",
                             "An estimated", "approx."}) {
    const std::string text = std::string(q) + " 300,000 civilians";
    expect_one(text, {std::string(q) + " 300,000", "300,000", 300000, 300000, Qualifier::kAbout});
  }
}

TEST(Qualifiers, ExactAndNone) {
  expect_one("A total of 21 civilians were killed",
             {"A total of 21", "21", 21, 21, Qualifier::kExact});
  expect_one("exactly 5 people", {"exactly 5", "5", 5, 5, Qualifier::kExact});
  // No chaining: "at least some 300" is "some 300".
  expect_one("at least some 300", {"some 300", "300", 300, 300, Qualifier::kAbout});
  // A qualifier word with no number after it.
  expect_none("some of the fighters were over the border at least");
  expect_none("more than an hour");
}

TEST(Ranges, Forms) {
  expect_one("between 10 and 15 people", {"between 10 and 15", "10 and 15", 10, 15});
  expect_one("Between six and nine", {"Between six and nine", "six and nine", 6, 9});
  expect_one("10-15 people", {"10-15", "10-15", 10, 15});
  expect_one("10–15 people", {"10–15", "10–15", 10, 15});
  expect_one("10 to 15 people", {"10 to 15", "10 to 15", 10, 15});
  expect_one("two or three people", {"two or three", "two or three", 2, 3});
  expect_one("2 to 3 million people", {"2 to 3 million", "2 to 3 million", 2000000, 3000000});
  expect_one("some 10 to 15 people",
             {"some 10 to 15", "10 to 15", 10, 15, Qualifier::kAbout});
  expect_one("up to 10-15 people", {"up to 10-15", "10-15", 1, 15, Qualifier::kUpTo});
  expect_one("2014-2015", {"2014-2015", "2014-2015", 2014, 2015, Qualifier::kExact, false, false,
                           true});
}

TEST(Ranges, NotRanges) {
  // A change, not an uncertainty.
  EXPECT_EQ(spans("rose from 10 to 15"), (Strings{"10", "15"}));
  EXPECT_EQ(spans("a 3-1 win"), (Strings{"3", "1"}));
  EXPECT_EQ(spans("one to 5"), (Strings{"one", "5"}));
  EXPECT_EQ(spans("between ISIS and 5 others"), (Strings{"5"}));
  EXPECT_EQ(spans("between 15 and 10"), (Strings{"15", "10"}));
}

TEST(Ordinals, WordsAndDigits) {
  expect_one("the third time", {"third", "third", 3, 3, Qualifier::kExact, false, true});
  expect_one("the 21st century", {"21st", "21st", 21, 21, Qualifier::kExact, false, true});
  expect_one("the 2nd battalion", {"2nd", "2nd", 2, 2, Qualifier::kExact, false, true});
  expect_one("the twenty-first day", {"twenty-first", "twenty-first", 21, 21, Qualifier::kExact,
                                      false, true});
  expect_one("for the first time", {"first", "first", 1, 1, Qualifier::kExact, false, true});
  // A qualifier does not apply to an ordinal.
  expect_one("about third", {"third", "third", 3, 3, Qualifier::kExact, false, true});
}

TEST(Years, Flagged) {
  expect_one("in 2014", {"2014", "2014", 2014, 2014, Qualifier::kExact, false, false, true});
  expect_one("in June 2017", {"2017", "2017", 2017, 2017, Qualifier::kExact, false, false, true});
  expect_one("2,014 people", {"2,014", "2,014", 2014, 2014});
  expect_one("1899", {"1899", "1899", 1899, 1899});
  expect_one("2100", {"2100", "2100", 2100, 2100});
  expect_one("2014’s offensive",
             {"2014", "2014", 2014, 2014, Qualifier::kExact, false, false, true});
}

TEST(Skipped, PercentagesAndMoney) {
  expect_none("Over 60 percent of these casualties");
  expect_none("60% of the city");
  expect_none("60 per cent");
  expect_none("10-15% of homes");
  expect_none("$5 million in aid");
  expect_none("US$5");
  expect_none("£20");
  expect_none("billions of dollars worth of support");
  expect_none("5,000 dollars");
  expect_none("5 million euros");
  expect_none("USD 300");
}

TEST(Skipped, TimesDatesCodes) {
  expect_none("at 09:14 local time");
  expect_none("at 10 a.m. sharp");
  expect_none("at 10pm");
  expect_none("at 0914");
  expect_none("open 24/7");
  expect_none("on 6/7");
  expect_none("2017-06-07");
  expect_none("+963 11");
  expect_none("#1");
  expect_none("in the 1990s");
  EXPECT_EQ(spans("on June 6, 2017"), (Strings{"2017"}));
  EXPECT_EQ(spans("on 7 June 2017"), (Strings{"2017"}));
  EXPECT_EQ(spans("on Jan. 5 they met"), Strings{});
  EXPECT_EQ(spans("Tuesday, February 7th, 2023"), (Strings{"2023"}));
  EXPECT_EQ(spans("RAQQA, SYRIA (June 15, 2017) – Due to"), (Strings{"2017"}));
  // A lower-case "may" is not a month.
  EXPECT_EQ(spans("it may 5 times"), (Strings{"5"}));
}

TEST(Skipped, GluedToLetters) {
  EXPECT_EQ(spans("the 34-mile (55-kilometer) zone"), (Strings{"34", "55"}));
  EXPECT_EQ(spans("a 55km zone"), (Strings{"55"}));
  expect_none("F-16 jets and TOW-2 missiles and G20");
}

TEST(One, PronounOrCount) {
  for (std::string_view text : {"no one was hurt", "they blamed one another", "one day later",
                                "on one side", "at one point", "on the one hand", "one by one"}) {
    expect_none(text);
  }
  expect_exact("one of the victims was a child", "one", 1);
  expect_exact("one of them was a child", "one", 1);
  EXPECT_EQ(spans("One of Tuesday's air strikes inside the city killed eight civilians, including "
                  "three children, Observatory head Rami Abdel Rahman told AFP."),
            (Strings{"One", "eight", "three"}));
  expect_one("one or two", {"one or two", "one or two", 1, 2});
}

TEST(Sentences, FromTheSeeds) {
  const std::string s1 =
      "Late on Monday, at least 21 civilians were killed in a coalition strike as they tried to "
      "escape Raqqa by dinghy on the Euphrates River, the Observatory said.";
  expect_one(s1, {"at least 21", "21", 21, std::nullopt, Qualifier::kAtLeast});

  const std::string s2 = "According to UN, more than 40.000 children are at risk of death in Raqqa.";
  expect_one(s2, {"more than 40.000", "40.000", 40000, std::nullopt, Qualifier::kMoreThan});

  const std::string s3 =
      "The monitoring group Airwars has conservatively estimated over 3,800 killed since the US "
      "first launched its airstrikes in Iraq and Syria in 2014.";
  const std::vector<NumberMatch> f3 = numbers(s3);
  ASSERT_EQ(f3.size(), 3u);
  EXPECT_EQ(span_of(s3, f3[0]), "over 3,800");
  EXPECT_EQ(f3[0].qualifier, Qualifier::kMoreThan);
  EXPECT_EQ(f3[0].low, 3800);
  EXPECT_EQ(f3[0].high, std::nullopt);
  EXPECT_EQ(span_of(s3, f3[1]), "first");
  EXPECT_TRUE(f3[1].ordinal);
  EXPECT_EQ(span_of(s3, f3[2]), "2014");
  EXPECT_TRUE(f3[2].is_year);

  const std::string s4 = "from 2014 till 2019 up to 13,190 civilians were killed";
  const std::vector<NumberMatch> f4 = numbers(s4);
  ASSERT_EQ(f4.size(), 3u);
  EXPECT_TRUE(f4[0].is_year);
  EXPECT_TRUE(f4[1].is_year);
  EXPECT_EQ(span_of(s4, f4[2]), "up to 13,190");
  EXPECT_EQ(value_of(s4, f4[2]), "13,190");
  EXPECT_EQ(f4[2].qualifier, Qualifier::kUpTo);
  EXPECT_EQ(f4[2].low, 1);
  EXPECT_EQ(f4[2].high, 13190);

  expect_one("the Syrian city of some 300,000 people",
             {"some 300,000", "300,000", 300000, 300000, Qualifier::kAbout});
  expect_one("a population of 1.6 million people",
             {"1.6 million", "1.6 million", 1600000, 1600000});
  expect_one("more than 60 soldiers",
             {"more than 60", "60", 60, std::nullopt, Qualifier::kMoreThan});
  expect_one("An estimated 300,000 civilians were believed to have been living under IS rule",
             {"An estimated 300,000", "300,000", 300000, 300000, Qualifier::kAbout});
  expect_none("Coalition commander Lieutenant General Steve Townsend said...");
}

TEST(Seeds, AllNumbersOfTheAfpStory) {
  const std::string text = read_file(sample_path("seeds/001_ebdecad3bcd8edbe.txt"));
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(spans(text),
            (Strings{"2017", "2017", "seven", "2014", "roughly two", "around two", "two", "One",
                     "eight", "three", "160,000", "at least 21", "An estimated 300,000", "80,000",
                     "thousands", "about 160,000", "one", "nearly three", "a few", "2014", "34",
                     "55", "at least 17", "second", "Five"}));
}

TEST(Seeds, AllFilesKeepInvariants) {
  for (const char* name : {"000_425f2523596d9e23.txt", "001_ebdecad3bcd8edbe.txt",
                           "002_2c0b17beeba9964b.txt", "003_a59397cf878a2e98.txt",
                           "004_25515454c9680f79.txt"}) {
    SCOPED_TRACE(name);
    const std::string text = read_file(sample_path(std::string("seeds/") + name));
    ASSERT_FALSE(text.empty());
    check_invariants(text, numbers(text));
  }
  const std::string wsws = read_file(sample_path("seeds/000_425f2523596d9e23.txt"));
  const Strings found = spans(wsws);
  for (const char* want : {"over 3,800", "at least 12", "A total of 21", "43", "some 300,000",
                           "1.6 million", "about 85", "more than 60", "over 8,000", "Thousands"}) {
    EXPECT_NE(std::find(found.begin(), found.end(), want), found.end()) << want;
  }
  for (const char* unwanted : {"Over 60", "60", "six"}) {
    EXPECT_EQ(std::find(found.begin(), found.end(), unwanted), found.end()) << unwanted;
  }
}

TEST(Fakes, WholeSampleKeepsInvariants) {
  std::ifstream in(sample_path("fakes-sample.jsonl"), std::ios::binary);
  std::string line;
  size_t lines = 0, total = 0;
  TokenizedText tokens;
  while (std::getline(in, line)) {
    // Escapes stay escaped: harmless for this check, and it also feeds the
    // finder some odd text.
    tokenize(line, tokens);
    const std::vector<NumberMatch> found = find_numbers(line, tokens);
    check_invariants(line, found);
    if (::testing::Test::HasFatalFailure()) return;
    total += found.size();
    ++lines;
  }
  EXPECT_EQ(lines, 536u);
  EXPECT_GT(total, 4000u);
}

TEST(Robustness, OddInputs) {
  for (std::string_view text : {"", " ", "\n\n", "at least", "more than", "between", "between 5",
                                "between 5 and", "a", "half a", "twenty-", "-5", "5-", "1,", "1.",
                                "$", "%", "\xFF\xFE 12 \xE2\x80", "one hundred and",
                                "tens of", "hundreds of", "9999999999999999999 million",
                                "999999999999999999 billion", "9.99999999999 million"}) {
    SCOPED_TRACE(testing::PrintToString(std::string(text)));
    check_invariants(text, numbers(text));
  }
}

TEST(Robustness, TokensFromAnotherText) {
  // A caller error, but it must not read outside `text`.
  const std::string long_text = "at least 21 civilians and twenty-one soldiers, 3,800 in total";
  TokenizedText tokens;
  tokenize(long_text, tokens);
  const std::string short_text = "at least";
  (void)find_numbers(short_text, tokens);
  (void)find_numbers("", tokens);
}

TEST(Robustness, TokensOfACopyOfTheText) {
  // Tokens of an equal text elsewhere are checked one by one, not trusted as
  // the text's own, and read the same.
  const std::string text = "at least 21 civilians and twenty-one soldiers, 3,800 in total";
  const std::string copy = text;
  TokenizedText own, other;
  tokenize(text, own);
  tokenize(copy, other);
  EXPECT_EQ(own.source.data(), text.data());
  const auto a = find_numbers(text, own), b = find_numbers(text, other);
  ASSERT_EQ(a.size(), 3u);
  ASSERT_EQ(b.size(), a.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(std::tie(a[i].begin, a[i].end, a[i].low), std::tie(b[i].begin, b[i].end, b[i].low));
}

TEST(Robustness, RandomWordSoup) {
  const std::vector<std::string> words = {
      "at",       "least",  "more",   "than",  "up",      "to",      "a",       "an",
      "dozen",    "dozens", "of",     "tens",  "thousands", "hundreds", "one",  "two",
      "twenty",   "twenty-one", "hundred", "and", "between", "or",    "-",       "–",
      "21",       "3,800",  "40.000", "1.6",   "million", "percent", "%",       "$",
      "June",     "2017",   "st",     "no",    "another", "some",    "half",    ".",
      "\n\n",     "first",  "09:14",  "/",     "fewer",   "several", "few",     "number",
  };
  std::mt19937 rng(536);
  TokenizedText tokens;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 16);
    for (int k = 0; k < n; ++k) {
      text += words[rng() % words.size()];
      if (rng() % 4) text += ' ';
    }
    tokenize(text, tokens);
    check_invariants(text, find_numbers(text, tokens));
    if (::testing::Test::HasFatalFailure()) {
      ADD_FAILURE() << text;
      return;
    }
  }
}

}  // namespace
}  // namespace sitrep::text
