// Tokens and sentences in one left-to-right pass over the bytes. ASCII is
// classified by a table; a non-ASCII sequence is decoded only to tell letters
// from the few spaces, quotes, dashes and symbols that matter. Whether a stop
// ends its sentence is decided when the token after it is known, so the pass
// never looks back further than the previous token.
//
// Choices the header leaves open:
// - A single line break is only a space: text from HTML arrives as paragraphs
//   separated by blank lines, and a hard-wrapped line must not end a sentence.
//   Only a line starting with a bullet opens a new sentence.
// - A word starts with a letter and may contain digits ("F-16", "G20",
//   "TOW-2"); a number token starts with a digit and stops at the first
//   letter, so "21st" is "21" + "st" and "34-mile" is "34" "-" "mile".
// - An abbreviation's dot is its own punctuation token ("Lt" "."), except in
//   dotted initialisms, which keep it ("U.S.", "e.g.", "a.m.").
// - kSentenceStart marks the first word or number of a sentence, not a quote,
//   bracket or bullet before it: that is the token whose capital letter says
//   nothing. Sentence::first_token still points at the very first token.
// - A sentence made only of punctuation after a stop (a stray quote before a
//   blank line) is merged into the sentence before it.
// - Text longer than 4 GiB is cut to what uint32_t offsets can address.
#include "text/tokens.h"

#include <emmintrin.h>

#include <array>
#include <bit>
#include <cstddef>
#include <limits>

#include "common/ascii.h"
#include "common/flat_string_map.h"

namespace sitrep::text {

namespace {

// ASCII byte classes.
enum : uint8_t {
  kSpaceByte = 1,
  kNewlineByte = 2,
  kUpperByte = 4,
  kLowerByte = 8,
  kDigitByte = 16,
  kHighByte = 32,  // first byte of a non-ASCII sequence (or a stray byte)
};
constexpr uint8_t kLetterBytes = kUpperByte | kLowerByte;

constexpr std::array<uint8_t, 256> make_byte_classes() {
  std::array<uint8_t, 256> t{};
  // Control characters are spaces so that binary junk never forms tokens.
  for (int c = 0; c < 0x20; ++c) t[c] = kSpaceByte;
  t[' '] = kSpaceByte;
  t[0x7F] = kSpaceByte;
  t['\n'] = kNewlineByte;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kUpperByte;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLowerByte;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigitByte;
  for (int c = 0x80; c < 0x100; ++c) t[c] = kHighByte;
  return t;
}
constexpr std::array<uint8_t, 256> kByteClasses = make_byte_classes();

uint8_t byte_class(char c) { return kByteClasses[static_cast<uint8_t>(c)]; }

// Set bits of a byte, by table: the build targets x86-64 without POPCNT, where
// std::popcount is a dozen instructions.
constexpr std::array<uint8_t, 256> kBitCounts = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = static_cast<uint8_t>(std::popcount(static_cast<unsigned>(c)));
  return t;
}();
inline uint32_t bit_count16(unsigned m) { return kBitCounts[m & 0xFF] + kBitCounts[(m >> 8) & 0xFF]; }

// The run of ASCII letters and digits from s[p] (p < n): its end, and how many
// of its bytes are upper-case letters and digits. 16 bytes at a time, a word
// usually in one step: a loop of one byte a step mispredicted its exit at the
// end of nearly every word.
struct AlnumRun {
  size_t end;
  uint32_t uppers, digits;
};
[[gnu::always_inline]] inline AlnumRun alnum_run(const char* s, size_t p, size_t n) {
  uint32_t uppers = 0, digits = 0;
  for (; p + 16 <= n; p += 16) {
    const auto [letter, digit] = ascii_masks16(s + p);
    // A letter is upper-case when its 0x20 bit is clear (shifted to each byte's top bit).
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + p));
    const auto lower_bit = static_cast<unsigned>(_mm_movemask_epi8(_mm_slli_epi16(v, 2)));
    const unsigned other = ~(letter | digit) & 0xFFFFu;
    const unsigned in_run = other ? (1u << std::countr_zero(other)) - 1 : 0xFFFFu;
    uppers += bit_count16(letter & ~lower_bit & in_run);
    digits += bit_count16(digit & in_run);
    if (other) return {p + static_cast<size_t>(std::countr_zero(other)), uppers, digits};
  }
  for (; p < n; ++p) {
    const uint8_t k = byte_class(s[p]);
    if (!(k & (kLetterBytes | kDigitByte))) break;
    uppers += (k & kUpperByte) ? 1 : 0;
    digits += (k & kDigitByte) ? 1 : 0;
  }
  return {p, uppers, digits};
}

// What a non-ASCII code point is to the tokenizer.
enum class Cp : uint8_t {
  kSpace,
  kNewline,
  kParagraph,   // U+2029: a blank line on its own
  kUpper,       // cased letter, upper case (Latin-1, Latin Extended-A)
  kLower,       // cased letter, lower case
  kUncased,     // any other letter: Arabic, CJK, Greek, Latin Extended-B, ...
  kMark,        // combining mark: part of a word, no case
  kApostrophe,  // U+2019: apostrophe inside a word, closing quote elsewhere
  kHyphen,      // U+2010, U+2011, U+00AD: joins a word like '-'
  kOpener,      // opening quote or bracket
  kCloser,      // closing quote or bracket
  kDash,        // en dash, em dash, ...
  kEllipsis,    // U+2026
  kBullet,      // U+2022, U+00B7, U+2023, U+2043
  kPunct,       // other punctuation
  kSymbol,      // anything else, and malformed bytes
};

struct Decoded {
  uint32_t len = 1;
  Cp cls = Cp::kSymbol;
};

Cp classify_latin_ext_a(uint32_t cp) {
  // Upper and lower case alternate in U+0100..U+017F, with the parity
  // switching at U+0139 and back at U+014A; U+0138 and U+0149 have no pair.
  if (cp == 0x138 || cp == 0x149) return Cp::kLower;
  if (cp == 0x178) return Cp::kUpper;
  const bool even = (cp & 1) == 0;
  if (cp < 0x138 || (cp >= 0x14A && cp < 0x178)) return even ? Cp::kUpper : Cp::kLower;
  return even ? Cp::kLower : Cp::kUpper;
}

Cp classify(uint32_t cp) {
  if (cp < 0xA0) return cp == 0x85 ? Cp::kNewline : Cp::kSpace;  // C1 controls
  if (cp < 0xC0) {
    switch (cp) {
      case 0xA0: return Cp::kSpace;
      case 0xAB: return Cp::kOpener;
      case 0xBB: return Cp::kCloser;
      case 0xA1: case 0xBF: return Cp::kPunct;
      case 0xB7: return Cp::kBullet;
      case 0xAD: return Cp::kHyphen;
      case 0xAA: case 0xBA: case 0xB5: return Cp::kLower;
      default: return Cp::kSymbol;
    }
  }
  if (cp < 0x100) {
    if (cp == 0xD7 || cp == 0xF7) return Cp::kSymbol;
    return cp < 0xDF ? Cp::kUpper : Cp::kLower;
  }
  if (cp < 0x180) return classify_latin_ext_a(cp);
  if (cp >= 0x300 && cp < 0x370) return Cp::kMark;
  if (cp >= 0x600 && cp < 0x700) {
    switch (cp) {
      case 0x60C: case 0x61B: case 0x61F: case 0x66A: case 0x66B: case 0x66C: case 0x66D:
      case 0x6D4:
        return Cp::kPunct;
      default:
        return cp >= 0x64B && cp < 0x660 ? Cp::kMark : Cp::kUncased;
    }
  }
  if (cp < 0x2000) return Cp::kUncased;
  if (cp < 0x2070) {
    if (cp <= 0x200B || cp == 0x202F || (cp >= 0x205F && cp <= 0x206F)) return Cp::kSpace;
    if (cp == 0x200C || cp == 0x200D) return Cp::kMark;  // joiners inside Arabic/Persian words
    if (cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)) return Cp::kSpace;
    if (cp == 0x2010 || cp == 0x2011) return Cp::kHyphen;
    if (cp <= 0x2015) return Cp::kDash;
    switch (cp) {
      case 0x2019: return Cp::kApostrophe;
      case 0x2018: case 0x201A: case 0x201B: case 0x201C: case 0x201E: case 0x201F:
      case 0x2039:
        return Cp::kOpener;
      case 0x201D: case 0x203A: return Cp::kCloser;
      case 0x2022: case 0x2023: case 0x2043: return Cp::kBullet;
      case 0x2026: return Cp::kEllipsis;
      case 0x2028: return Cp::kNewline;
      case 0x2029: return Cp::kParagraph;
      case 0x2016: case 0x2017: case 0x2024: case 0x2025: case 0x2027: return Cp::kPunct;
      default: return Cp::kSymbol;
    }
  }
  if (cp < 0x2C00) return Cp::kSymbol;  // super/subscripts, currency, arrows, maths, shapes
  if (cp >= 0x2E00 && cp < 0x2E80) return Cp::kPunct;
  if (cp == 0x3000) return Cp::kSpace;
  if (cp == 0x3001 || cp == 0x3002) return Cp::kPunct;
  if (cp >= 0xD800 && cp < 0xF900) return Cp::kSymbol;  // surrogates, private use
  if (cp >= 0xFE00 && cp < 0xFE10) return Cp::kMark;     // variation selectors
  if (cp == 0xFEFF) return Cp::kSpace;                   // byte order mark
  if (cp >= 0xFFF0 && cp < 0x10000) return Cp::kSymbol;  // specials, U+FFFD
  if (cp >= 0x1F000 && cp < 0x1FB00) return Cp::kSymbol; // emoji, pictographs
  if (cp >= 0xE0000) return Cp::kSymbol;
  return Cp::kUncased;
}

bool is_continuation(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

// The sequence at p (a non-ASCII byte); a malformed or truncated one is a
// one-byte symbol so that the scan always progresses.
Decoded decode(const char* p, const char* end) {
  const auto b0 = static_cast<uint8_t>(p[0]);
  uint32_t len;
  uint32_t cp;
  if (b0 >= 0xC2 && b0 < 0xE0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 < 0xF0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 < 0xF5) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    return {};
  }
  if (end - p < static_cast<ptrdiff_t>(len)) return {};
  for (uint32_t k = 1; k < len; ++k) {
    if (!is_continuation(p[k])) return {};
    cp = (cp << 6) | (static_cast<uint8_t>(p[k]) & 0x3F);
  }
  return {len, classify(cp)};
}

bool is_letter_cp(Cp c) {
  return c == Cp::kUpper || c == Cp::kLower || c == Cp::kUncased || c == Cp::kMark;
}

// How a stop relates to the word before it.
enum class Stop : uint8_t {
  kNone,
  kNormal,        // ends the sentence before a capital, digit, quote or bracket
  kMaybe,         // U.S., etc., Inc., Jan.: ends it only before a typical opener ("The")
  kNever,         // titles and initials: "Lt. Gen. Townsend", "J. Smith"
  kNumberPrefix,  // "No. 5": not before a number
};

struct Abbreviation {
  std::string_view word;
  Stop stop;
};

// Compared case-sensitively: "St." is a title, "21st." is not.
constexpr Abbreviation kAbbreviations[] = {
    {"Mr", Stop::kNever},     {"Mrs", Stop::kNever},    {"Ms", Stop::kNever},
    {"Messrs", Stop::kNever}, {"Dr", Stop::kNever},     {"Prof", Stop::kNever},
    {"Gen", Stop::kNever},    {"Gens", Stop::kNever},   {"Lt", Stop::kNever},
    {"Lieut", Stop::kNever},  {"Col", Stop::kNever},    {"Maj", Stop::kNever},
    {"Capt", Stop::kNever},   {"Sgt", Stop::kNever},    {"Cpl", Stop::kNever},
    {"Pte", Stop::kNever},    {"Pvt", Stop::kNever},    {"Brig", Stop::kNever},
    {"Adm", Stop::kNever},    {"Cmdr", Stop::kNever},   {"Cdr", Stop::kNever},
    {"Gov", Stop::kNever},    {"Sen", Stop::kNever},    {"Rep", Stop::kNever},
    {"Rev", Stop::kNever},    {"Hon", Stop::kNever},    {"St", Stop::kNever},
    {"Mt", Stop::kNever},     {"Ft", Stop::kNever},
    {"vs", Stop::kNever},     {"v", Stop::kNever},      {"approx", Stop::kNever},
    {"cf", Stop::kNever},     {"viz", Stop::kNever},    {"ca", Stop::kNever},
    {"Jan", Stop::kMaybe},    {"Feb", Stop::kMaybe},    {"Mar", Stop::kMaybe},
    {"Apr", Stop::kMaybe},    {"Jun", Stop::kMaybe},    {"Jul", Stop::kMaybe},
    {"Aug", Stop::kMaybe},    {"Sep", Stop::kMaybe},    {"Sept", Stop::kMaybe},
    {"Oct", Stop::kMaybe},    {"Nov", Stop::kMaybe},    {"Dec", Stop::kMaybe},
    {"etc", Stop::kMaybe},    {"Inc", Stop::kMaybe},    {"Ltd", Stop::kMaybe},
    {"Co", Stop::kMaybe},     {"Corp", Stop::kMaybe},   {"Jr", Stop::kMaybe},
    {"Sr", Stop::kMaybe},     {"Bros", Stop::kMaybe},   {"Intl", Stop::kMaybe},
    {"Govt", Stop::kMaybe},   {"Dept", Stop::kMaybe},   {"Ave", Stop::kMaybe},
    {"No", Stop::kNumberPrefix},  {"Nos", Stop::kNumberPrefix}, {"no", Stop::kNumberPrefix},
    {"Nr", Stop::kNumberPrefix},  {"Vol", Stop::kNumberPrefix}, {"Art", Stop::kNumberPrefix},
    {"Fig", Stop::kNumberPrefix}, {"p", Stop::kNumberPrefix},   {"pp", Stop::kNumberPrefix},
    {"Ch", Stop::kNumberPrefix},
};

// Dotted initialisms that never end a sentence; the others (U.S., U.N., a.m.)
// are kMaybe.
constexpr std::string_view kDottedNever[] = {"e.g.", "i.e.", "E.g.", "I.e."};

// Words that open a sentence after "U.S." or "etc." ("... in the U.S. The
// coalition ..."), but hardly ever continue one after an abbreviation.
constexpr std::string_view kOpeners[] = {
    "The",   "This",     "That",    "These",   "Those",     "There", "Their",  "They",
    "Then",  "He",       "She",     "It",      "Its",       "We",    "I",      "You",
    "In",    "On",       "At",      "By",      "For",       "From",  "With",   "After",
    "Before", "During",  "When",    "While",   "But",       "And",   "Or",     "So",
    "Yet",   "A",        "An",      "As",      "If",        "According", "However",
    "Meanwhile", "Also", "Some",    "Many",    "Most",      "His",   "Her",    "Our",
    "Both",  "Since",    "Until",   "What",    "Why",
};

// One hash lookup: the question comes at nearly every sentence end.
Stop abbreviation_stop(std::string_view word) {
  static const FlatStringMap<Stop> kStops = [] {
    FlatStringMap<Stop> m;
    for (const Abbreviation& a : kAbbreviations) m[a.word] = a.stop;
    return m;
  }();
  const Stop* stop = kStops.find(word);
  return stop ? *stop : Stop::kNormal;
}

bool is_opener_word(std::string_view word) {
  for (std::string_view w : kOpeners) {
    if (w == word) return true;
  }
  return false;
}

// Extra facts about a token that only the sentence splitter needs.
enum : uint8_t {
  kInfoStartsLower = 1,  // a word whose first letter is lower case
  kInfoOpener = 2,       // opening quote or bracket
  kInfoCloser = 4,       // closing quote or bracket
  kInfoStop = 8,         // . ! ? ... or a dotted initialism ending in '.'
  kInfoBullet = 16,      // could be a bullet if first on its line
  kInfoEndsLower = 32,   // a word ending in an ASCII lower-case letter
};

class Tokenizer {
 public:
  Tokenizer(std::string_view text, TokenizedText& out)
      : s_(text.data()), n_(text.size()), tokens_(out.tokens), sentences_(out.sentences) {}

  void run() {
    size_t i = 0;
    while (i < n_) {
      const uint8_t k = byte_class(s_[i]);
      if (k & kSpaceByte) {
        gap_ = true;
        ++i;
      } else if (k & kNewlineByte) {
        gap_ = true;
        line_start_ = true;
        ++newlines_;
        ++i;
      } else if (k & kLetterBytes) {
        i = scan_word(i);
      } else if (k & kDigitByte) {
        i = scan_number(i);
      } else if (k & kHighByte) {
        i = scan_high(i);
      } else {
        i = scan_ascii_punct(i);
      }
    }
    if (!tokens_.empty()) close_sentence(static_cast<uint32_t>(tokens_.size()));
  }

 private:
  bool letter_at(size_t p) const {
    if (p >= n_) return false;
    const uint8_t k = byte_class(s_[p]);
    if (k & kLetterBytes) return true;
    return (k & kHighByte) && is_letter_cp(decode(s_ + p, s_ + n_).cls);
  }
  bool alnum_at(size_t p) const {
    return (p < n_ && (byte_class(s_[p]) & kDigitByte)) || letter_at(p);
  }
  bool blank_at(size_t p) const { return p < n_ && (s_[p] == ' ' || s_[p] == '\t'); }

  [[gnu::always_inline]] size_t scan_word(size_t i) {
    size_t p = i;
    uint32_t letters = 0, uppers = 0;
    uint32_t segment = 0;  // alphanumerics since the word start or the last dot
    bool initialism = false;
    bool ends_with_dot = false;
    bool last_lower = false;
    bool hyphen = false;  // an ASCII '-' joined two parts
    for (;;) {
      // The hot loop: a run of ASCII letters and digits.
      const AlnumRun r = alnum_run(s_, p, n_);
      if (r.end > p) {
        const auto run = static_cast<uint32_t>(r.end - p);
        letters += run - r.digits;
        uppers += r.uppers;
        segment += run;
        last_lower = (byte_class(s_[r.end - 1]) & kLowerByte) != 0;
        p = r.end;
      }
      if (p >= n_) break;
      const char c = s_[p];
      if (byte_class(c) & (kSpaceByte | kNewlineByte)) break;  // the common end of a word
      if (byte_class(c) & kHighByte) {
        const Decoded d = decode(s_ + p, s_ + n_);
        if (is_letter_cp(d.cls)) {
          if (d.cls != Cp::kMark) {
            ++letters;
            uppers += d.cls == Cp::kUpper ? 1 : 0;
            ++segment;
          }
          last_lower = false;
          p += d.len;
          continue;
        }
      }
      if (c == '\'' && letter_at(p + 1)) {
        ++p;
        continue;
      }
      if (c == '-' && alnum_at(p + 1)) {
        ++p;
        segment = 0;
        hyphen = true;
        continue;
      }
      if (c == '.') {
        // "U.S", "e.g": one-letter segments; "airwars.org": a lower-case
        // continuation. "Iraq.Source" (a missing space) stays two words.
        if (letter_at(p + 1) &&
            (segment == 1 || (byte_class(s_[p + 1]) & kLowerByte))) {
          initialism |= segment == 1;
          ++p;
          segment = 0;
          continue;
        }
        if (initialism && segment == 1) {
          ++p;
          if (p < n_ && s_[p] == '-' && alnum_at(p + 1)) {  // "U.S.-led"
            ++p;
            segment = 0;
            hyphen = true;
            continue;
          }
          ends_with_dot = true;
        }
        break;
      }
      if (byte_class(c) & kHighByte) {
        const Decoded d = decode(s_ + p, s_ + n_);
        if ((d.cls == Cp::kApostrophe && letter_at(p + d.len)) ||
            (d.cls == Cp::kHyphen && alnum_at(p + d.len))) {
          p += d.len;
          if (d.cls == Cp::kHyphen) segment = 0;
          continue;
        }
      }
      break;
    }

    uint8_t flags = 0;
    uint8_t info = 0;
    const uint8_t first = byte_class(s_[i]);
    if (first & kLetterBytes) {
      // Upper or lower case without a branch: which one varies from word to word.
      static_assert(kUpperByte >> 2 == kCapitalized && kLowerByte >> 3 == kInfoStartsLower);
      flags |= static_cast<uint8_t>((first & kUpperByte) >> 2);
      info |= static_cast<uint8_t>((first & kLowerByte) >> 3);
    } else {
      const Cp c = decode(s_ + i, s_ + n_).cls;
      if (c == Cp::kUpper) flags |= kCapitalized;
      if (c == Cp::kLower) info |= kInfoStartsLower;
    }
    if (uppers >= 2 && uppers == letters) flags |= kAllCaps;
    if (hyphen) flags |= kHyphenated;
    if (last_lower && !ends_with_dot) info |= kInfoEndsLower;
    Stop stop = Stop::kNone;
    if (ends_with_dot) {
      info |= kInfoStop;
      stop = Stop::kMaybe;
      const std::string_view word(s_ + i, p - i);
      for (std::string_view w : kDottedNever) {
        if (w == word) stop = Stop::kNever;
      }
    }
    word_letters_ = letters;
    emit(i, p, TokenKind::kWord, flags, info, stop);
    return p;
  }

  size_t scan_number(size_t i) {
    size_t p = i + 1;
    for (;;) {
      while (p < n_ && (byte_class(s_[p]) & kDigitByte)) ++p;
      if (p + 1 < n_ && (s_[p] == ',' || s_[p] == '.') && (byte_class(s_[p + 1]) & kDigitByte)) {
        p += 2;
        continue;
      }
      break;
    }
    emit(i, p, TokenKind::kNumber, 0, 0, Stop::kNone);
    return p;
  }

  size_t scan_ascii_punct(size_t i) {
    const char c = s_[i];
    size_t p = i + 1;
    uint8_t info = 0;
    TokenKind kind = TokenKind::kPunct;
    Stop stop = Stop::kNone;
    switch (c) {
      case '.':
        while (p < n_ && s_[p] == '.') ++p;
        info = kInfoStop;
        stop = p - i > 1 ? Stop::kNormal : dot_stop(i);
        break;
      case '!':
      case '?':
        info = kInfoStop;
        stop = Stop::kNormal;
        break;
      case '-':
        while (p < n_ && s_[p] == '-') ++p;
        if (p - i == 1 && blank_at(p)) info = kInfoBullet;
        break;
      case '*':
        kind = TokenKind::kSymbol;
        if (blank_at(p)) info = kInfoBullet;
        break;
      case '"':
      case '\'':
        // Straight quotes: closing when glued to what precedes them.
        info = !gap_ && !tokens_.empty() ? kInfoCloser : kInfoOpener;
        break;
      case '(':
      case '[':
      case '{':
        info = kInfoOpener;
        break;
      case ')':
      case ']':
      case '}':
        info = kInfoCloser;
        break;
      case ',':
      case ';':
      case ':':
        break;
      default:
        kind = TokenKind::kSymbol;
        break;
    }
    emit(i, p, kind, 0, info, stop);
    return p;
  }

  size_t scan_high(size_t i) {
    const Decoded d = decode(s_ + i, s_ + n_);
    const size_t p = i + d.len;
    switch (d.cls) {
      case Cp::kSpace:
        gap_ = true;
        return p;
      case Cp::kNewline:
        gap_ = true;
        line_start_ = true;
        ++newlines_;
        return p;
      case Cp::kParagraph:
        gap_ = true;
        line_start_ = true;
        newlines_ += 2;
        return p;
      case Cp::kUpper:
      case Cp::kLower:
      case Cp::kUncased:
      case Cp::kMark:
        return scan_word(i);
      case Cp::kApostrophe:
      case Cp::kCloser:
        emit(i, p, TokenKind::kPunct, 0, kInfoCloser, Stop::kNone);
        return p;
      case Cp::kOpener:
        emit(i, p, TokenKind::kPunct, 0, kInfoOpener, Stop::kNone);
        return p;
      case Cp::kEllipsis:
        emit(i, p, TokenKind::kPunct, 0, kInfoStop, Stop::kNormal);
        return p;
      case Cp::kBullet:
        emit(i, p, TokenKind::kPunct, 0, kInfoBullet, Stop::kNone);
        return p;
      case Cp::kHyphen:
      case Cp::kDash:
      case Cp::kPunct:
        emit(i, p, TokenKind::kPunct, 0, 0, Stop::kNone);
        return p;
      case Cp::kSymbol:
        break;
    }
    emit(i, p, TokenKind::kSymbol, 0, 0, Stop::kNone);
    return p;
  }

  // A single '.' at i: what the word glued before it makes of it.
  Stop dot_stop(size_t i) {
    glued_ok_ = false;
    if (gap_ || tokens_.empty()) return Stop::kNormal;
    const Token& prev = tokens_.back();
    if (prev.kind != TokenKind::kWord || prev.end != i) return Stop::kNormal;
    const std::string_view word(s_ + prev.begin, prev.end - prev.begin);
    if (word.size() == 1 && (byte_class(word[0]) & kUpperByte)) return Stop::kNever;  // "J. Smith"
    // "family.The": a sentence glued to the next by a missing space.
    glued_ok_ = word_letters_ >= 3 && (prev_info_ & kInfoEndsLower);
    return abbreviation_stop(word);
  }

  // Whether a stop of kind `stop` ends the sentence before this token.
  bool ends_before(uint32_t b, uint32_t e, TokenKind kind, uint8_t flags, uint8_t info) const {
    if (!gap_) {
      return pending_ == Stop::kNormal && glued_ok_ && kind == TokenKind::kWord &&
             (flags & kCapitalized) && !(flags & kAllCaps);
    }
    bool opens = false;
    switch (kind) {
      case TokenKind::kWord: opens = !(info & kInfoStartsLower); break;
      case TokenKind::kNumber:
      case TokenKind::kSymbol: opens = true; break;
      case TokenKind::kPunct: opens = (info & (kInfoOpener | kInfoBullet)) != 0; break;
    }
    switch (pending_) {
      case Stop::kNormal: return opens;
      case Stop::kMaybe:
        return kind == TokenKind::kWord && is_opener_word(std::string_view(s_ + b, e - b));
      case Stop::kNumberPrefix: return opens && kind != TokenKind::kNumber;
      case Stop::kNever:
      case Stop::kNone: return false;
    }
    return false;
  }

  // Inlined: called once per token, and a call's register saves cost a third of its work.
  [[gnu::always_inline]] void emit(size_t begin, size_t end, TokenKind kind, uint8_t flags, uint8_t info,
                                   Stop stop) {
    const auto b = static_cast<uint32_t>(begin);
    const auto e = static_cast<uint32_t>(end);
    const auto index = static_cast<uint32_t>(tokens_.size());
    if (index == 0) {
      open_sentence(0, false);
    } else {
      bool by_stop = false;
      bool boundary = newlines_ >= 2 || (line_start_ && (info & kInfoBullet));
      if (!boundary && pending_ != Stop::kNone) {
        boundary = by_stop = ends_before(b, e, kind, flags, info);
      }
      if (boundary) {
        close_sentence(index);
        open_sentence(index, by_stop);
      }
    }
    if (kind == TokenKind::kWord || kind == TokenKind::kNumber) {
      if (need_start_flag_) {
        flags |= kSentenceStart;
        need_start_flag_ = false;
      }
    }
    if (kind != TokenKind::kPunct) only_punct_ = false;
    tokens_.push_back(Token{b, e, kind, flags});

    if (info & kInfoStop) {
      pending_ = stop;
    } else if (!((info & kInfoCloser) && !gap_)) {
      pending_ = Stop::kNone;
    }
    if (kind != TokenKind::kPunct || !(info & kInfoStop)) glued_ok_ = false;
    prev_info_ = info;
    gap_ = false;
    line_start_ = false;
    newlines_ = 0;
  }

  void open_sentence(uint32_t first, bool after_stop) {
    sentence_first_ = first;
    opened_after_stop_ = after_stop;
    only_punct_ = true;
    need_start_flag_ = true;
  }

  void close_sentence(uint32_t end_token) {
    const uint32_t begin = tokens_[sentence_first_].begin;
    const uint32_t end = tokens_[end_token - 1].end;
    if (only_punct_ && opened_after_stop_ && !sentences_.empty()) {
      sentences_.back().end = end;
      sentences_.back().end_token = end_token;
      return;
    }
    sentences_.push_back(Sentence{begin, end, sentence_first_, end_token});
  }

  const char* s_;
  size_t n_;
  std::vector<Token>& tokens_;
  std::vector<Sentence>& sentences_;

  bool gap_ = false;         // whitespace since the last token
  bool line_start_ = true;   // a line break since the last token, or none yet
  uint32_t newlines_ = 0;    // line breaks since the last token
  Stop pending_ = Stop::kNone;  // the last stop, still open to a boundary
  bool glued_ok_ = false;    // that stop may end a sentence with no space after it
  uint8_t prev_info_ = 0;
  uint32_t word_letters_ = 0;  // letters in the last word scanned

  uint32_t sentence_first_ = 0;
  bool opened_after_stop_ = false;
  bool only_punct_ = true;
  bool need_start_flag_ = true;
};

}  // namespace

void tokenize(std::string_view text, TokenizedText& out) {
  out.tokens.clear();
  out.sentences.clear();
  if (text.size() > std::numeric_limits<uint32_t>::max()) {
    text = text.substr(0, std::numeric_limits<uint32_t>::max());
  }
  // News text averages about six bytes per token and a hundred per sentence.
  out.tokens.reserve(text.size() / 5 + 16);
  out.sentences.reserve(text.size() / 80 + 4);
  out.source = text;
  Tokenizer(text, out).run();
}

}  // namespace sitrep::text
