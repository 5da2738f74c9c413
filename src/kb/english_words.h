// EnglishWords: the common English words of SCOWL (data/kb/english-words.txt.gz,
// scripts/build_english_words.py), to tell a capitalised common word
// ("Society", "Center", "Take") from the place name that a gazetteer's
// alternate names or transliteration keys happen to share with it.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/status.h"

namespace sitrep::kb {

class EnglishWords {
 public:
  // Reads the list (one lower-case word per line, gzip or plain).
  static Result<std::unique_ptr<EnglishWords>> load(const std::string& path);

  // Whether `lower` (ASCII lower case) is a common English word.
  bool contains(std::string_view lower) const;
  size_t size() const { return words_.size(); }

 private:
  EnglishWords() = default;
  std::string text_;                    // the list's bytes: the words point into them
  std::vector<std::string_view> words_;  // sorted: a binary search costs less at start-up than a hash table's build
  // words_[by_letters_[p].first .. by_letters_[p].second) start with the two
  // letters of p = 26 * (first - 'a') + (second - 'a'): the search of a word
  // starts from there (about 100 words, not 64,000).
  std::array<std::pair<uint32_t, uint32_t>, 26 * 26> by_letters_{};
};

}  // namespace sitrep::kb
