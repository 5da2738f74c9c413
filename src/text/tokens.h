// Tokens and sentences of clean text, with byte offsets.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace sitrep::text {

enum class TokenKind : uint8_t {
  kWord,    // letters, with inner apostrophes/hyphens/dots: "don't", "al-Raqqa", "U.S."
  kNumber,  // digits with separators: "21", "3,800", "40.000", "1.6", "2017-06-07" is three tokens
  kPunct,   // . , ; : ! ? ( ) [ ] quotes dashes
  kSymbol,  // anything else (%, $, emoji, U+FFFD)
};

// Flags on word tokens.
enum TokenFlag : uint8_t {
  kCapitalized = 1,   // first letter upper-case (ASCII or Latin-1/Latin Extended)
  kAllCaps = 2,       // every letter upper-case, at least two letters
  kSentenceStart = 4, // first token of its sentence
  kHyphenated = 8,    // an ASCII '-' inside the word: "twenty-one", "U.S.-led"
};

struct Token {
  uint32_t begin = 0, end = 0;  // byte span in the text
  TokenKind kind = TokenKind::kWord;
  uint8_t flags = 0;
};

struct Sentence {
  uint32_t begin = 0, end = 0;              // byte span, trimmed
  uint32_t first_token = 0, end_token = 0;  // token index range [first, end)
};

struct TokenizedText {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  // The text tokenize() split, compared by address and size (never read):
  // a reader handed this text can take the tokens as lying inside it
  // without checking each one.
  std::string_view source;
};

// Splits `text` (valid UTF-8, paragraphs separated by blank lines) into
// tokens and sentences in one pass. A blank line always ends a sentence.
// ".", "!", "?" end a sentence unless the word before is a known
// abbreviation (Lt. Gen. Col. Dr. Mr. St. U.S. U.N. U.K. Jan. Feb. ... No.
// e.g. i.e. etc.), an initial ("J. Smith"), or the next word starts in lower
// case; closing quotes and brackets after the stop stay in the sentence.
// A line starting with a bullet starts a sentence. Reuses `out`'s storage.
// Thread-safe; allocation-free once `out` has grown.
void tokenize(std::string_view text, TokenizedText& out);

}  // namespace sitrep::text
