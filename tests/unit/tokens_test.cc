#include "text/tokens.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

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

void append_utf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The "text" field of every line of the FA-KES sample (a JSON string with
// the usual escapes; enough of JSON for this file).
std::vector<std::string> fakes_texts() {
  std::vector<std::string> texts;
  std::ifstream in(sample_path("fakes-sample.jsonl"), std::ios::binary);
  std::string line;
  const std::string key = "\"text\": \"";
  while (std::getline(in, line)) {
    size_t p = line.find(key);
    if (p == std::string::npos) continue;
    p += key.size();
    std::string text;
    while (p < line.size() && line[p] != '"') {
      char c = line[p++];
      if (c != '\\' || p >= line.size()) {
        text.push_back(c);
        continue;
      }
      c = line[p++];
      switch (c) {
        case 'n': text.push_back('\n'); break;
        case 't': text.push_back('\t'); break;
        case 'r': text.push_back('\r'); break;
        case 'b': text.push_back('\b'); break;
        case 'f': text.push_back('\f'); break;
        case 'u': {
          uint32_t cp = std::stoul(line.substr(p, 4), nullptr, 16);
          p += 4;
          if (cp >= 0xD800 && cp < 0xDC00 && line.compare(p, 2, "\\u") == 0) {
            const uint32_t lo = std::stoul(line.substr(p + 2, 4), nullptr, 16);
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            p += 6;
          }
          append_utf8(cp, &text);
          break;
        }
        default: text.push_back(c); break;
      }
    }
    texts.push_back(text);
  }
  return texts;
}

TokenizedText run(std::string_view text) {
  TokenizedText out;
  tokenize(text, out);
  return out;
}

std::string_view token_text(std::string_view text, const Token& t) {
  return text.substr(t.begin, t.end - t.begin);
}

std::vector<std::string> token_texts(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : run(text).tokens) out.emplace_back(token_text(text, t));
  return out;
}

std::vector<std::string> sentence_texts(std::string_view text) {
  std::vector<std::string> out;
  for (const Sentence& s : run(text).sentences) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

// Structural promises of tokenize(), checked on any input.
void check_invariants(std::string_view text, const TokenizedText& out) {
  uint32_t prev_end = 0;
  for (size_t i = 0; i < out.tokens.size(); ++i) {
    const Token& t = out.tokens[i];
    ASSERT_LT(t.begin, t.end) << "token " << i;
    ASSERT_LE(t.end, text.size()) << "token " << i;
    ASSERT_GE(t.begin, prev_end) << "token " << i;
    // Nothing but spaces, controls and non-ASCII (no-break spaces and the
    // like) between tokens.
    for (uint32_t p = prev_end; p < t.begin; ++p) {
      const auto c = static_cast<unsigned char>(text[p]);
      ASSERT_TRUE(c <= 0x20 || c == 0x7F || c >= 0x80) << "uncovered byte at " << p;
    }
    prev_end = t.end;
  }
  for (size_t p = prev_end; p < text.size(); ++p) {
    const auto c = static_cast<unsigned char>(text[p]);
    ASSERT_TRUE(c <= 0x20 || c == 0x7F || c >= 0x80) << "uncovered byte at " << p;
  }
  if (out.tokens.empty()) {
    ASSERT_TRUE(out.sentences.empty());
    return;
  }
  // Sentences partition the tokens, in order, with trimmed spans.
  ASSERT_FALSE(out.sentences.empty());
  uint32_t next = 0;
  for (size_t k = 0; k < out.sentences.size(); ++k) {
    const Sentence& s = out.sentences[k];
    ASSERT_EQ(s.first_token, next) << "sentence " << k;
    ASSERT_LT(s.first_token, s.end_token) << "sentence " << k;
    ASSERT_EQ(s.begin, out.tokens[s.first_token].begin) << "sentence " << k;
    ASSERT_EQ(s.end, out.tokens[s.end_token - 1].end) << "sentence " << k;
    // kSentenceStart on the first word or number of the sentence, only there.
    bool seen = false;
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = out.tokens[i];
      const bool content = t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber;
      EXPECT_EQ((t.flags & kSentenceStart) != 0, content && !seen) << "token " << i;
      seen |= content;
    }
    next = s.end_token;
  }
  ASSERT_EQ(next, out.tokens.size());
}

using Strings = std::vector<std::string>;

TEST(Tokenize, EmptyAndBlankInputs) {
  for (std::string_view text : {"", " ", "\n\n\n", " \t\r\n ", "\xC2\xA0\xE2\x80\x83\xEF\xBB\xBF"}) {
    const TokenizedText out = run(text);
    EXPECT_TRUE(out.tokens.empty()) << text;
    EXPECT_TRUE(out.sentences.empty()) << text;
  }
}

TEST(Tokenize, KindsAndExactOffsets) {
  const std::string text = "At least 21 civilians, 3,800 (about 40.000) - 1.6% of $5!";
  const TokenizedText out = run(text);
  check_invariants(text, out);
  const Strings expected = {"At", "least", "21", "civilians", ",", "3,800", "(", "about",
                            "40.000", ")", "-", "1.6", "%", "of", "$", "5", "!"};
  const std::vector<TokenKind> kinds = {
      TokenKind::kWord,   TokenKind::kWord,   TokenKind::kNumber, TokenKind::kWord,
      TokenKind::kPunct,  TokenKind::kNumber, TokenKind::kPunct,  TokenKind::kWord,
      TokenKind::kNumber, TokenKind::kPunct,  TokenKind::kPunct,  TokenKind::kNumber,
      TokenKind::kSymbol, TokenKind::kWord,   TokenKind::kSymbol, TokenKind::kNumber,
      TokenKind::kPunct};
  ASSERT_EQ(out.tokens.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(token_text(text, out.tokens[i]), expected[i]) << i;
    EXPECT_EQ(out.tokens[i].kind, kinds[i]) << i;
  }
}

TEST(Tokenize, WordsWithInnerPunctuation) {
  EXPECT_EQ(token_texts("don't al-Raqqa US-backed Syria's Syria’s"),
            (Strings{"don't", "al-Raqqa", "US-backed", "Syria's", "Syria’s"}));
  EXPECT_EQ(token_texts("U.S. and U.N. officials, e.g. the U.K."),
            (Strings{"U.S.", "and", "U.N.", "officials", ",", "e.g.", "the", "U.K."}));
  EXPECT_EQ(token_texts("the U.S.-led coalition"), (Strings{"the", "U.S.-led", "coalition"}));
  EXPECT_EQ(token_texts("see airwars.org now"), (Strings{"see", "airwars.org", "now"}));
  // A missing space between sentences is not a dotted word.
  EXPECT_EQ(token_texts("Iraq.Source:AP"), (Strings{"Iraq", ".", "Source", ":", "AP"}));
  // Trailing apostrophes and quotes are punctuation.
  EXPECT_EQ(token_texts("the jihadists’ favoured 'caliphate'"),
            (Strings{"the", "jihadists", "’", "favoured", "'", "caliphate", "'"}));
  EXPECT_EQ(token_texts("Lt. Gen. Townsend"), (Strings{"Lt", ".", "Gen", ".", "Townsend"}));
}

TEST(Tokenize, DigitsAndLetters) {
  // Letters first: one word. Digits first: the number stops at the letter.
  EXPECT_EQ(token_texts("F-16 TOW-2 G20 MiG-29"), (Strings{"F-16", "TOW-2", "G20", "MiG-29"}));
  EXPECT_EQ(token_texts("21st 2nd 34-mile 55km"),
            (Strings{"21", "st", "2", "nd", "34", "-", "mile", "55", "km"}));
  EXPECT_EQ(token_texts("2017-06-07"), (Strings{"2017", "-", "06", "-", "07"}));
  EXPECT_EQ(token_texts("09:14 24/7"), (Strings{"09", ":", "14", "24", "/", "7"}));
  EXPECT_EQ(token_texts("in 2014. Then"), (Strings{"in", "2014", ".", "Then"}));
  EXPECT_EQ(token_texts("1,000,000 1.000.000 1,234.5"),
            (Strings{"1,000,000", "1.000.000", "1,234.5"}));
}

TEST(Tokenize, UnicodePunctuationAndSpaces) {
  const std::string text = "“Hi,” he said — then left–right… ‘quoted’ «guillemets» a\u00A0b";
  EXPECT_EQ(token_texts(text),
            (Strings{"“", "Hi", ",", "”", "he", "said", "—", "then", "left", "–", "right", "…", "‘",
                     "quoted", "’", "«", "guillemets", "»", "a", "b"}));
  const TokenizedText out = run(text);
  for (const Token& t : out.tokens) {
    const std::string_view s = token_text(text, t);
    if (s == "“" || s == "—" || s == "–" || s == "…" || s == "«") {
      EXPECT_EQ(t.kind, TokenKind::kPunct) << s;
    }
  }
  // Symbols: emoji, U+FFFD, currency, degrees.
  const std::string sym = "ok \xF0\x9F\x98\x80 \xEF\xBF\xBD €5 30°";
  const TokenizedText s = run(sym);
  check_invariants(sym, s);
  EXPECT_EQ(token_texts(sym), (Strings{"ok", "\xF0\x9F\x98\x80", "\xEF\xBF\xBD", "€", "5", "30", "°"}));
  EXPECT_EQ(s.tokens[1].kind, TokenKind::kSymbol);
  EXPECT_EQ(s.tokens[2].kind, TokenKind::kSymbol);
  EXPECT_EQ(s.tokens[3].kind, TokenKind::kSymbol);
}

TEST(Tokenize, NonAsciiLetters) {
  EXPECT_EQ(token_texts("Deir ez-Zor Élysée naïve حلب Şam"),
            (Strings{"Deir", "ez-Zor", "Élysée", "naïve", "حلب", "Şam"}));
  const std::string text = "Élysée ÉTAT état حلب";
  const TokenizedText out = run(text);
  ASSERT_EQ(out.tokens.size(), 4u);
  EXPECT_TRUE(out.tokens[0].flags & kCapitalized);
  EXPECT_FALSE(out.tokens[0].flags & kAllCaps);
  EXPECT_TRUE(out.tokens[1].flags & kAllCaps);
  EXPECT_FALSE(out.tokens[2].flags & kCapitalized);
  EXPECT_FALSE(out.tokens[3].flags & (kCapitalized | kAllCaps));
}

TEST(Tokenize, HyphenatedFlag) {
  // Only an ASCII hyphen inside a word: not U+2010, not a dash between words.
  const std::string text = "twenty-one U.S.-led ez\xE2\x80\x90Zor war - peace 2014-15 al-Raqqa";
  const TokenizedText out = run(text);
  Strings hyphenated;
  for (const Token& t : out.tokens)
    if (t.flags & kHyphenated) hyphenated.emplace_back(token_text(text, t));
  EXPECT_EQ(hyphenated, (Strings{"twenty-one", "U.S.-led", "al-Raqqa"}));
}

TEST(Tokenize, CaseFlags) {
  const std::string text = "The YPG and U.S. forces A iPhone US-backed SDF's X";
  const TokenizedText out = run(text);
  auto flags_of = [&](std::string_view word) -> uint8_t {
    for (const Token& t : out.tokens) {
      if (token_text(text, t) == word) return t.flags & (kCapitalized | kAllCaps);
    }
    ADD_FAILURE() << "no token " << word;
    return 0;
  };
  EXPECT_EQ(flags_of("The"), kCapitalized);
  EXPECT_EQ(flags_of("YPG"), kCapitalized | kAllCaps);
  EXPECT_EQ(flags_of("and"), 0);
  EXPECT_EQ(flags_of("U.S."), kCapitalized | kAllCaps);
  EXPECT_EQ(flags_of("A"), kCapitalized);  // one letter is not "all caps"
  EXPECT_EQ(flags_of("iPhone"), 0);
  EXPECT_EQ(flags_of("US-backed"), kCapitalized);
  EXPECT_EQ(flags_of("SDF's"), kCapitalized);
  // The first word of the text opens its sentence.
  EXPECT_TRUE(out.tokens[0].flags & kSentenceStart);
  EXPECT_FALSE(out.tokens[1].flags & kSentenceStart);
}

// Words of every length from 1 to 20, ending the text or not, keep their
// spans and case flags (the letter scan's end of text, and its 16-byte steps:
// digits and case counted on either side of a step's end).
TEST(Tokenize, WordsOfEveryLengthAtAndBeforeTheEnd) {
  for (size_t len = 1; len <= 20; ++len) {
    const std::string caps(len, 'A');
    for (const std::string& text : {caps, caps + " x", "x " + caps, caps + "b9 " + caps, caps + "9" + caps + " x"}) {
      const TokenizedText out = run(text);
      ASSERT_FALSE(out.tokens.empty()) << text;
      for (const Token& t : out.tokens) {
        const std::string_view w = token_text(text, t);
        EXPECT_EQ(t.kind, TokenKind::kWord) << text;
        if (w == caps) {
          EXPECT_EQ(t.flags & (kCapitalized | kAllCaps), len >= 2 ? kCapitalized | kAllCaps : kCapitalized) << text;
        } else if (w == caps + "b9") {
          EXPECT_EQ(t.flags & (kCapitalized | kAllCaps), kCapitalized) << text;
        } else if (w == caps + "9" + caps) {
          EXPECT_EQ(t.flags & (kCapitalized | kAllCaps), kCapitalized | kAllCaps) << text;
        }
      }
      check_invariants(text, out);
    }
    EXPECT_EQ(token_texts(caps + "b9 " + caps), (Strings{caps + "b9", caps})) << len;
  }
}

TEST(Sentences, AbbreviationsDoNotEndSentences) {
  EXPECT_EQ(sentence_texts("Lt. Gen. Townsend met U.S. and U.N. officials on Jan. 5."),
            (Strings{"Lt. Gen. Townsend met U.S. and U.N. officials on Jan. 5."}));
  EXPECT_EQ(sentence_texts("Mr. Smith and Dr. Jones met Col. Dillon. Then they left."),
            (Strings{"Mr. Smith and Dr. Jones met Col. Dillon.", "Then they left."}));
  EXPECT_EQ(sentence_texts("J. Smith said so. R.J. Brown agreed."),
            (Strings{"J. Smith said so.", "R.J. Brown agreed."}));
  EXPECT_EQ(sentence_texts("Building No. 5 was hit. No. The other one."),
            (Strings{"Building No. 5 was hit.", "No.", "The other one."}));
  EXPECT_EQ(sentence_texts("Tanks, guns etc. and more. Rifles etc. The end."),
            (Strings{"Tanks, guns etc. and more.", "Rifles etc.", "The end."}));
  EXPECT_EQ(sentence_texts("Towns, e.g. Raqqa, fell. Approx. five died."),
            (Strings{"Towns, e.g. Raqqa, fell.", "Approx. five died."}));
  EXPECT_EQ(sentence_texts("Maj. Gen. Jones, St. Petersburg, vs. Sgt. Cpl. Adm. Lee said."),
            (Strings{"Maj. Gen. Jones, St. Petersburg, vs. Sgt. Cpl. Adm. Lee said."}));
  EXPECT_EQ(sentence_texts("He works for Acme Inc. and Foo Ltd. now. Sept. 11 changed it."),
            (Strings{"He works for Acme Inc. and Foo Ltd. now.", "Sept. 11 changed it."}));
}

TEST(Sentences, InitialismAtSentenceEnd) {
  // "U.S." ends a sentence only before a word that typically opens one.
  EXPECT_EQ(sentence_texts("Troops came from the U.S. The coalition grew."),
            (Strings{"Troops came from the U.S.", "The coalition grew."}));
  EXPECT_EQ(sentence_texts("The U.S. Army and U.N. Security Council met."),
            (Strings{"The U.S. Army and U.N. Security Council met."}));
  EXPECT_EQ(sentence_texts("It is the U.S.\n\nNext paragraph."),
            (Strings{"It is the U.S.", "Next paragraph."}));
}

TEST(Sentences, StopsQuotesAndBrackets) {
  EXPECT_EQ(sentence_texts("He said \"We will win.\" Then he left."),
            (Strings{"He said \"We will win.\"", "Then he left."}));
  EXPECT_EQ(sentence_texts("He said “We will win.” Then he left."),
            (Strings{"He said “We will win.”", "Then he left."}));
  EXPECT_EQ(sentence_texts("(It was late.) Nobody came."),
            (Strings{"(It was late.)", "Nobody came."}));
  EXPECT_EQ(sentence_texts("\"Why?\" he asked. \"Because!\" She left!"),
            (Strings{"\"Why?\" he asked.", "\"Because!\"", "She left!"}));
  EXPECT_EQ(sentence_texts("They fled. \"We must go,\" she said. (AFP) Later, 21 died."),
            (Strings{"They fled.", "\"We must go,\" she said.", "(AFP) Later, 21 died."}));
  EXPECT_EQ(sentence_texts("It grew in 2014. 160,000 fled."),
            (Strings{"It grew in 2014.", "160,000 fled."}));
  EXPECT_EQ(sentence_texts("Wait... The end. Or… Then what?"),
            (Strings{"Wait...", "The end.", "Or…", "Then what?"}));
  EXPECT_EQ(sentence_texts("It was slow... and then fast."),
            (Strings{"It was slow... and then fast."}));
  EXPECT_EQ(sentence_texts("version 2.5 is out. ok. Fine"), (Strings{"version 2.5 is out. ok.", "Fine"}));
}

TEST(Sentences, MissingSpaceAfterStop) {
  EXPECT_EQ(sentence_texts("The ship sank near Iraq.Source:AP"),
            (Strings{"The ship sank near Iraq.", "Source:AP"}));
  EXPECT_EQ(sentence_texts("It was the family.The next day came."),
            (Strings{"It was the family.", "The next day came."}));
  // Not after a short or upper-case word, nor one ending in a non-ASCII letter.
  EXPECT_EQ(sentence_texts("Go to IS.Then"), (Strings{"Go to IS.Then"}));
  EXPECT_EQ(sentence_texts("It was the famillé.The next day."), (Strings{"It was the famillé.The next day."}));
  EXPECT_EQ(sentence_texts("It was al-family.The next day."), (Strings{"It was al-family.", "The next day."}));
}

TEST(Sentences, LinesAndParagraphs) {
  EXPECT_EQ(sentence_texts("US-backed forces enter Raqqa\n\nBill Van Auken 7 June 2017\n\nBacked by "
                           "strikes, forces crossed. It began."),
            (Strings{"US-backed forces enter Raqqa", "Bill Van Auken 7 June 2017",
                     "Backed by strikes, forces crossed.", "It began."}));
  // Blank lines with spaces, CRLF, and a paragraph separator.
  EXPECT_EQ(sentence_texts("one\n  \t\ntwo\r\n\r\nthree\u2029four"),
            (Strings{"one", "two", "three", "four"}));
  // A single line break is a space.
  EXPECT_EQ(sentence_texts("the\nUnited States said"), (Strings{"the\nUnited States said"}));
  // Trimmed spans.
  const std::string text = "  \n Hello world.  \n";
  const TokenizedText out = run(text);
  ASSERT_EQ(out.sentences.size(), 1u);
  EXPECT_EQ(out.sentences[0].begin, 4u);
  EXPECT_EQ(out.sentences[0].end, 16u);
}

TEST(Sentences, Bullets) {
  EXPECT_EQ(sentence_texts("Two reasons:\n\n  • Russia wants it.\n  • Russia wanted more"),
            (Strings{"Two reasons:", "• Russia wants it.", "• Russia wanted more"}));
  EXPECT_EQ(sentence_texts("Items\n- first item\n- second item\n* third\n· fourth"),
            (Strings{"Items", "- first item", "- second item", "* third", "· fourth"}));
  // A hyphen inside a line, or not followed by a space, is no bullet.
  EXPECT_EQ(sentence_texts("a - b\n-5 degrees"), (Strings{"a - b\n-5 degrees"}));
  // kSentenceStart goes to the first word, after the bullet.
  const std::string text = "x\n• Russia";
  const TokenizedText out = run(text);
  ASSERT_EQ(out.tokens.size(), 3u);
  EXPECT_FALSE(out.tokens[1].flags & kSentenceStart);
  EXPECT_TRUE(out.tokens[2].flags & kSentenceStart);
  EXPECT_EQ(out.sentences[1].first_token, 1u);
}

TEST(Sentences, StrayQuoteJoinsThePreviousSentence) {
  const std::string text = "Our goal is to liberate Raqqa. “\n\nWhy does Russia spread it?";
  EXPECT_EQ(sentence_texts(text),
            (Strings{"Our goal is to liberate Raqqa. “", "Why does Russia spread it?"}));
  check_invariants(text, run(text));
}

TEST(Sentences, NewsSentencesStayWhole) {
  for (std::string_view s : {
           "Late on Monday, at least 21 civilians were killed in a coalition strike as they tried "
           "to escape Raqqa by dinghy on the Euphrates River, the Observatory said.",
           "One of Tuesday's air strikes inside the city killed eight civilians, including three "
           "children, Observatory head Rami Abdel Rahman told AFP.",
           "According to UN, more than 40.000 children are at risk of death in Raqqa.",
           "The monitoring group Airwars has conservatively estimated over 3,800 killed since the "
           "US first launched its airstrikes in Iraq and Syria in 2014.",
           "Coalition commander Lieutenant General Steve Townsend said that defeating IS in Raqqa "
           "would \"deliver a decisive blow to the idea of ISIS as a physical caliphate\".",
           "The U.S.-led military operation “Inherent Resolve” has begun in August 2014.",
           "A U.S. missile strike on an airbase near the Syrian city of Homs on Friday caused "
           "deaths, Homs Governor Talal Barazi said.",
       }) {
    EXPECT_EQ(sentence_texts(s), (Strings{std::string(s)}));
  }
}

TEST(Sentences, SentenceStartFlagAfterOpeningQuote) {
  const std::string text = "They left. “We must go,” she said.";
  const TokenizedText out = run(text);
  check_invariants(text, out);
  ASSERT_EQ(out.sentences.size(), 2u);
  const Sentence& s = out.sentences[1];
  EXPECT_EQ(token_text(text, out.tokens[s.first_token]), "“");
  EXPECT_FALSE(out.tokens[s.first_token].flags & kSentenceStart);
  EXPECT_TRUE(out.tokens[s.first_token + 1].flags & kSentenceStart);
}

struct Seed {
  const char* file;
  size_t sentences;
};

TEST(Seeds, SentenceCountsAndInvariants) {
  const Seed seeds[] = {
      {"000_425f2523596d9e23.txt", 51}, {"001_ebdecad3bcd8edbe.txt", 40},
      {"002_2c0b17beeba9964b.txt", 33}, {"003_a59397cf878a2e98.txt", 26},
      {"004_25515454c9680f79.txt", 33},
  };
  for (const Seed& seed : seeds) {
    SCOPED_TRACE(seed.file);
    const std::string text = read_file(sample_path(std::string("seeds/") + seed.file));
    ASSERT_FALSE(text.empty());
    const TokenizedText out = run(text);
    check_invariants(text, out);
    EXPECT_EQ(out.sentences.size(), seed.sentences);
    for (const Sentence& s : out.sentences) {
      // No sentence starts inside "U.S." or after a title.
      const std::string_view before = std::string_view(text).substr(0, s.begin);
      const size_t last = before.find_last_not_of(" \n\t");
      if (last == std::string_view::npos) continue;
      const std::string_view tail = before.substr(0, last + 1);
      for (std::string_view abbr : {"U.", "Lt.", "Gen.", "Mr.", "Dr."}) {
        EXPECT_FALSE(tail.size() >= abbr.size() && tail.substr(tail.size() - abbr.size()) == abbr &&
                     (tail.size() == abbr.size() ||
                      !isalpha(static_cast<unsigned char>(tail[tail.size() - abbr.size() - 1]))))
            << "sentence after " << abbr << ": " << text.substr(s.begin, 40);
      }
    }
  }
}

bool has_sentence(const std::string& text, std::string_view sentence) {
  for (const Sentence& s : run(text).sentences) {
    if (std::string_view(text).substr(s.begin, s.end - s.begin) == sentence) return true;
  }
  return false;
}

TEST(Seeds, KnownSentences) {
  const std::string afp = read_file(sample_path("seeds/001_ebdecad3bcd8edbe.txt"));
  EXPECT_TRUE(has_sentence(afp,
                           "One of Tuesday's air strikes inside the city killed eight civilians, "
                           "including three children, Observatory head Rami Abdel Rahman told AFP."));
  EXPECT_TRUE(has_sentence(afp,
                           "Late on Monday, at least 21 civilians were killed in a coalition strike "
                           "as they tried to escape Raqqa by dinghy on the Euphrates River, the "
                           "Observatory said."));
  EXPECT_TRUE(has_sentence(afp, "160,000 inside Raqa"));
  EXPECT_TRUE(has_sentence(afp, "Five Things You Don’t Know: ISIS"));

  const std::string op = read_file(sample_path("seeds/003_a59397cf878a2e98.txt"));
  EXPECT_TRUE(has_sentence(op, "U.S.: From mass airstrikes to targeted terrorist attack"));
  EXPECT_TRUE(has_sentence(op,
                           "U.S. and its allies produced weapons were repeatedly found in the "
                           "territories liberated from jihadists."));
  EXPECT_TRUE(has_sentence(op,
                           "A huge amount of evidence U.S. servicemen training armed groups "
                           "fighters is widely accessible."));

  const std::string partisan = read_file(sample_path("seeds/004_25515454c9680f79.txt"));
  EXPECT_TRUE(has_sentence(partisan,
                           "According to UN, more than 40.000 children are at risk of death in Raqqa."));
  EXPECT_TRUE(has_sentence(partisan,
                           "• Russia wants to represent the US as a supporter of ISIS and Al-Qaeda in "
                           "Syria."));
  EXPECT_TRUE(has_sentence(partisan, "Experts claim that there are two reasons for this act of Russia:"));

  const std::string wire = read_file(sample_path("seeds/002_2c0b17beeba9964b.txt"));
  EXPECT_TRUE(has_sentence(wire,
                           "Defence Secretary Ashton Carter said today: “I can tell you today that "
                           "the United States will deploy approximately 200 additional US forces "
                           "in Syria.”"));
  EXPECT_TRUE(has_sentence(wire, "Source:AP"));
}

TEST(Fakes, WholeSampleKeepsInvariants) {
  const std::vector<std::string> texts = fakes_texts();
  ASSERT_EQ(texts.size(), 536u);
  size_t sentences = 0;
  TokenizedText out;
  for (const std::string& text : texts) {
    tokenize(text, out);
    check_invariants(text, out);
    if (::testing::Test::HasFatalFailure()) return;
    sentences += out.sentences.size();
    for (const Sentence& s : out.sentences) {
      // A sentence never starts with a lower-case ASCII letter here, and
      // never ends on a title.
      EXPECT_FALSE(text[s.begin] >= 'a' && text[s.begin] <= 'z') << text.substr(s.begin, 60);
      const std::string_view sv = std::string_view(text).substr(s.begin, s.end - s.begin);
      for (std::string_view title : {" Mr.", " Dr.", " Gen.", " Lt.", " Col.", " Maj."}) {
        EXPECT_FALSE(sv.size() > title.size() && sv.substr(sv.size() - title.size()) == title) << sv;
      }
    }
  }
  EXPECT_GT(sentences, 6000u);
  EXPECT_LT(sentences, 7500u);
}

TEST(Tokenize, ReusesOutput) {
  TokenizedText out;
  tokenize("One. Two. Three four five six seven.", out);
  tokenize("Short.", out);
  ASSERT_EQ(out.tokens.size(), 2u);
  ASSERT_EQ(out.sentences.size(), 1u);
  EXPECT_EQ(out.sentences[0].end_token, 2u);
}

TEST(Tokenize, MalformedUtf8AndBinaryDoNotCrash) {
  const std::string cases[] = {
      std::string("\xFF\xFE\xFD"),
      std::string("abc\xE2\x80"),          // truncated at the end
      std::string("\x80\x80 lone continuation"),
      std::string("\xC0\xAF overlong \xED\xA0\x80 surrogate"),
      std::string("nul\0inside\0.", 13),
      std::string("U.S"),
      std::string("U.S."),
      std::string("end with hyphen-"),
      std::string("end with apostrophe'"),
      std::string("end with U+2019\xE2\x80\x99"),
      std::string("trailing dot."),
      std::string("..."),
      std::string("\n\n\n.\n\n"),
      std::string("“"),
      std::string("a.\xF0\x9F"),
      std::string("1,"),
      std::string("1."),
      std::string("- "),
      std::string("\xE2\x80\xA2"),
  };
  for (const std::string& text : cases) {
    SCOPED_TRACE(testing::PrintToString(text));
    check_invariants(text, run(text));
  }
}

TEST(Tokenize, RandomInputsKeepInvariants) {
  // Pieces chosen to hit every branch: stops, abbreviations, quotes,
  // bullets, multi-byte punctuation, malformed bytes.
  const std::vector<std::string> pieces = {
      " ",    "\n",   "\n\n", "\t",   ".",       "...", "!",   "?",   ",",    "-",   "--",
      "*",    "\"",   "'",    "(",    ")",       "U.S.", "Lt",  "No",  "etc",  "e.g.", "The",
      "the",  "a",    "21",   "3,800", "40.000", "1.6", "st",  "“",   "”",    "’",   "‘",
      "—",    "–",    "…",    "•",    "·",       "\xC2\xA0", "é", "É", "حلب", "\xF0\x9F\x98\x80",
      "\xFF", "\x80", "\xE2\x80", "\xC3", std::string(1, '\0'), "%",   "$",   "Iraq", "Source", "J",
  };
  std::mt19937 rng(20170607);
  TokenizedText out;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    tokenize(text, out);
    check_invariants(text, out);
    if (::testing::Test::HasFatalFailure()) {
      ADD_FAILURE() << testing::PrintToString(text);
      return;
    }
  }
  // Raw random bytes too.
  for (int round = 0; round < 1000; ++round) {
    std::string text(rng() % 64, '\0');
    for (char& c : text) c = static_cast<char>(rng());
    tokenize(text, out);
    check_invariants(text, out);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace sitrep::text
