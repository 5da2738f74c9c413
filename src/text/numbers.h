// Numbers in digits and words, with the qualifier that bounds them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "text/tokens.h"

namespace sitrep::text {

enum class Qualifier : uint8_t { kExact, kAtLeast, kMoreThan, kUpTo, kAbout, kUnknown };
const char* to_string(Qualifier q);  // "exact", "at least", "more than", "up to", "about", "unknown"

struct NumberMatch {
  uint32_t begin = 0, end = 0;  // span of the whole expression, qualifier included ("at least 21")
  uint32_t value_begin = 0;     // where the number itself starts ("21")
  int64_t low = 0;              // the smallest value the words allow
  std::optional<int64_t> high;  // the largest, or nullopt when open-ended
  Qualifier qualifier = Qualifier::kExact;
  bool vague = false;   // "dozens", "hundreds", "scores", "a number of": an order of magnitude
  bool ordinal = false; // "third", "21st": a rank, not a count
  bool is_year = false; // a four-digit 1900..2099 with no separator in a date-like context
};

// Finds numbers in `text` (tokens from tokenize() on the same text):
//   digits "21", "3,800", "13,190", "40.000" (dot as thousands separator when
//   followed by exactly three digits and no other dot), decimals "1.6";
//   scales "1.6 million", "2 thousand"; words "eight", "twenty-one",
//   "one hundred and five", "a dozen" (12), "dozens" (24..), "scores" (40..),
//   "hundreds" (200..), "thousands" (2000..), "tens of thousands" (20000..),
//   "a few" (2..5), "several" (3..);
// qualifiers before them: "at least", "no fewer than", "a minimum of" (at
//   least); "more than", "over", "upwards of" (more than: low = n);
//   "up to", "as many as", "at most", "no more than", "less than" (up to:
//   low 0 or 1, high n); "nearly", "almost", "about", "around", "some",
//   "approximately", "roughly", "an estimated", "some" (about: low = high = n);
//   "a total of" (exact). Ranges "between 10 and 15", "10-15", "10 to 15".
// A bound is the stated number: "more than 120" has low 120 and qualifier
// kMoreThan (the qualifier says it is strict), as coders record it.
// Ordinals and years are returned with their flags so that callers can drop
// them; percentages ("60%", "60 percent") and money ("$5 million") are not
// returned at all. Matches are in text
// order and do not overlap.
std::vector<NumberMatch> find_numbers(std::string_view text, const TokenizedText& tokens);
// The same into `out` (cleared first), whose storage a caller reuses across texts.
void find_numbers(std::string_view text, const TokenizedText& tokens, std::vector<NumberMatch>& out);

}  // namespace sitrep::text
