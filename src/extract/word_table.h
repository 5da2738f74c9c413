// WordTable: what the extraction rules need to know about a lower-case word
// (which lexicon lists it is in, its victim entry, the trigger phrases it
// starts), found with one hash lookup per token instead of a string
// comparison per list entry in every rule that asks.
//
// Built once from lexicon.h; immutable afterwards and safe to share across
// threads. The views it hands out point into lexicon.h's static data or into
// the table itself, so they live as long as the table.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/flat_string_map.h"
#include "extract/lexicon.h"

namespace sitrep::extract {

// Splits a lexicon phrase, "a b c", into its words.
std::vector<std::string> words_of(std::string_view phrase);

// One bit per lexicon list a rule tests by membership.
enum WordClass : uint32_t {
  kKillWord = 1u << 0,           // kKillWords
  kInjureWord = 1u << 1,         // kInjureWords
  kAuxiliary = 1u << 2,          // kAuxiliaries
  kNumberWord = 1u << 3,         // kNumberWords
  kPhraseStop = 1u << 4,         // kPhraseStops
  kGlueWord = 1u << 5,         // kVictimGlue
  kPronoun = 1u << 6,            // kPronouns
  kReportingVerb = 1u << 7,      // kReportingVerbs
  kAttackVerb = 1u << 8,         // kAttackVerbs
  kTargetCue = 1u << 9,          // kTargetCues
  kLightVerb = 1u << 10,         // kLightVerbs
  kHedge = 1u << 11,             // kHedges
  kDenial = 1u << 12,            // kDenials
  kWar = 1u << 13,               // kWars
  kNotWarSense = 1u << 14,         // kNotTheWar
  kWarDeterminer = 1u << 15,            // kTheWar
  kPlacePreposition = 1u << 16,  // kPlacePrepositions
  kBackingVerb = 1u << 17,          // kBackedBy
  kBackingNoun = 1u << 18,         // kSupportOf
  kPreposition = 1u << 19,         // kPrepositions
  kSingularVictim = 1u << 20,      // kSingularVictims
  kCumulativeCueStart = 1u << 21,  // the first word of a kCumulativeCues phrase
  kNotAgentLink = 1u << 22,        // kNotAgentLinks
};

// A trigger phrase split into words.
struct TriggerPhrase {
  std::vector<std::string> words;
  const TriggerEntry* entry = nullptr;
};

struct WordInfo {
  uint32_t classes = 0;                   // WordClass bits
  const VictimEntry* victim = nullptr;    // the first kVictims entry for the word
  std::span<const TriggerPhrase> triggers;  // phrases starting with the word, longest first
};

class WordTable {
 public:
  WordTable();
  WordTable(const WordTable&) = delete;
  WordTable& operator=(const WordTable&) = delete;

  // The facts of a word in no list.
  static const WordInfo& none() { return kNone; }

  // The word's facts; an empty WordInfo for a word in no list.
  const WordInfo& lookup(std::string_view lower_word) const {
    const WordInfo* info = words_.find(lower_word);
    return info ? *info : kNone;
  }

 private:
  static const WordInfo kNone;
  std::vector<std::vector<TriggerPhrase>> phrases_;  // by first word; spans point here
  FlatStringMap<WordInfo> words_;
};

}  // namespace sitrep::extract
