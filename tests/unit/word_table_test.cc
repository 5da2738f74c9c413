// WordTable against its slow twin: the lexicon lists scanned word by word.
#include "extract/word_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sitrep::extract {
namespace {

template <typename List>
bool naive_in(const List& list, std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

uint32_t naive_classes(std::string_view w) {
  uint32_t c = 0;
  const std::pair<bool, WordClass> lists[] = {
      {naive_in(kKillWords, w), kKillWord},          {naive_in(kInjureWords, w), kInjureWord},
      {naive_in(kAuxiliaries, w), kAuxiliary},       {naive_in(kNumberWords, w), kNumberWord},
      {naive_in(kPhraseStops, w), kPhraseStop},      {naive_in(kVictimGlue, w), kGlueWord},
      {naive_in(kPronouns, w), kPronoun},            {naive_in(kReportingVerbs, w), kReportingVerb},
      {naive_in(kAttackVerbs, w), kAttackVerb},      {naive_in(kTargetCues, w), kTargetCue},
      {naive_in(kLightVerbs, w), kLightVerb},        {naive_in(kHedges, w), kHedge},
      {naive_in(kDenials, w), kDenial},              {naive_in(kWars, w), kWar},
      {naive_in(kNotTheWar, w), kNotWarSense},       {naive_in(kTheWar, w), kWarDeterminer},
      {naive_in(kPlacePrepositions, w), kPlacePreposition},
      {naive_in(kBackedBy, w), kBackingVerb},        {naive_in(kSupportOf, w), kBackingNoun},
      {naive_in(kPrepositions, w), kPreposition},
      {naive_in(kSingularVictims, w), kSingularVictim},
      {naive_in(kNotAgentLinks, w), kNotAgentLink},
      {std::any_of(std::begin(kCumulativeCues), std::end(kCumulativeCues),
                   [&](std::string_view cue) { return cue.substr(0, cue.find(' ')) == w; }),
       kCumulativeCueStart},
  };
  for (const auto& [in, bit] : lists)
    if (in) c |= bit;
  return c;
}

const VictimEntry* naive_victim(std::string_view w) {
  for (const VictimEntry& v : kVictims)
    if (v.word == w) return &v;
  return nullptr;
}

// Every word any list names, their near misses, and some words in no list.
std::set<std::string> probe_words() {
  std::set<std::string> out = {"", "the", "The", "killed ", "kill", "killedd", "civilian", "war",
                               "warplanes", "a", "said", "zzz", "in", "IN"};
  auto add = [&](std::string_view phrase) {
    size_t i = 0;
    while (i <= phrase.size()) {
      size_t j = phrase.find(' ', i);
      if (j == std::string_view::npos) j = phrase.size();
      const std::string w(phrase.substr(i, j - i));
      out.insert(w);
      out.insert(w + "s");
      if (w.size() > 1) out.insert(w.substr(0, w.size() - 1));
      i = j + 1;
    }
  };
  for (auto list : {std::span<const std::string_view>(kKillWords), std::span<const std::string_view>(kInjureWords),
                    std::span<const std::string_view>(kAuxiliaries), std::span<const std::string_view>(kNumberWords),
                    std::span<const std::string_view>(kPhraseStops), std::span<const std::string_view>(kVictimGlue),
                    std::span<const std::string_view>(kPronouns), std::span<const std::string_view>(kReportingVerbs),
                    std::span<const std::string_view>(kAttackVerbs), std::span<const std::string_view>(kTargetCues),
                    std::span<const std::string_view>(kLightVerbs), std::span<const std::string_view>(kHedges),
                    std::span<const std::string_view>(kDenials), std::span<const std::string_view>(kWars),
                    std::span<const std::string_view>(kNotTheWar), std::span<const std::string_view>(kTheWar),
                    std::span<const std::string_view>(kPlacePrepositions), std::span<const std::string_view>(kBackedBy),
                    std::span<const std::string_view>(kSupportOf), std::span<const std::string_view>(kPrepositions),
                    std::span<const std::string_view>(kSingularVictims), std::span<const std::string_view>(kNotAgentLinks),
                    std::span<const std::string_view>(kCumulativeCues)})
    for (std::string_view w : list) add(w);
  for (const VictimEntry& v : kVictims) add(v.word);
  for (const TriggerEntry& t : kTriggers) add(t.phrase);
  return out;
}

TEST(WordTable, ClassesAndVictimsMatchTheLists) {
  const WordTable table;
  for (const std::string& w : probe_words()) {
    const WordInfo& info = table.lookup(w);
    EXPECT_EQ(info.classes, naive_classes(w)) << w;
    EXPECT_EQ(info.victim, naive_victim(w)) << w;
  }
}

TEST(WordTable, TriggersStartingWithAWordLongestFirst) {
  const WordTable table;
  for (const std::string& w : probe_words()) {
    std::vector<const TriggerEntry*> want;
    for (const TriggerEntry& t : kTriggers)
      if (t.phrase.substr(0, t.phrase.find(' ')) == w) want.push_back(&t);
    auto words = [](std::string_view p) { return std::count(p.begin(), p.end(), ' ') + 1; };
    std::stable_sort(want.begin(), want.end(),
                     [&](const TriggerEntry* a, const TriggerEntry* b) { return words(a->phrase) > words(b->phrase); });
    std::vector<const TriggerEntry*> got;
    for (const TriggerPhrase& p : table.lookup(w).triggers) {
      got.push_back(p.entry);
      std::string joined;
      for (const std::string& x : p.words) joined += (joined.empty() ? "" : " ") + x;
      EXPECT_EQ(joined, p.entry->phrase);
    }
    EXPECT_EQ(got, want) << w;
  }
}

TEST(WordTable, UnknownWordHasNoFacts) {
  const WordTable table;
  const WordInfo& info = table.lookup("xyzzy");
  EXPECT_EQ(info.classes, 0u);
  EXPECT_EQ(info.victim, nullptr);
  EXPECT_TRUE(info.triggers.empty());
  // Lookups are by the exact lower-case form.
  EXPECT_EQ(table.lookup("Killed").classes, 0u);
  EXPECT_NE(table.lookup("killed").classes & kKillWord, 0u);
}

}  // namespace
}  // namespace sitrep::extract
