// A slow, obviously correct twin of the gazetteer's name index, for tests
// only: every name of data/kb/gazetteer*.tsv.gz in a std::map from its key to
// the ids of the places that carry it, and brute-force n-gram lookup of text.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/status.h"

namespace sitrep::testing {

class NaiveGazetteer {
 public:
  // Reads every gazetteer*.tsv(.gz) in `dir`, as compile_gazetteer() does.
  Status load(const std::string& dir);

  // Ids of the places whose name has this exact key (normalised text), or
  // whose transliteration (vowel skeleton) key is this key.
  const std::set<std::string>* exact(const std::string& key) const;
  const std::set<std::string>* skeleton(const std::string& key) const;

  struct Match {
    uint32_t begin, end;  // byte span of the n-gram in the text
    std::string key;      // its normalised text
  };
  // Every run of 1..max_words words of `text` whose key is an exact name.
  std::vector<Match> ngrams(std::string_view text, size_t max_words = 6) const;

 private:
  std::map<std::string, std::set<std::string>> exact_, skeleton_;
};

}  // namespace sitrep::testing
