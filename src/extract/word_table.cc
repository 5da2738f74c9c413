#include "extract/word_table.h"

#include <algorithm>
#include <unordered_map>

namespace sitrep::extract {

const WordInfo WordTable::kNone{};

std::vector<std::string> words_of(std::string_view phrase) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < phrase.size()) {
    size_t j = phrase.find(' ', i);
    if (j == std::string_view::npos) j = phrase.size();
    out.emplace_back(phrase.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

namespace {

}  // namespace

WordTable::WordTable() {
  auto mark = [this](const auto& list, WordClass c) {
    for (std::string_view w : list) words_[w].classes |= c;
  };
  mark(kKillWords, kKillWord);
  mark(kInjureWords, kInjureWord);
  mark(kAuxiliaries, kAuxiliary);
  mark(kNumberWords, kNumberWord);
  mark(kPhraseStops, kPhraseStop);
  mark(kVictimGlue, kGlueWord);
  mark(kPronouns, kPronoun);
  mark(kReportingVerbs, kReportingVerb);
  mark(kAttackVerbs, kAttackVerb);
  mark(kTargetCues, kTargetCue);
  mark(kLightVerbs, kLightVerb);
  mark(kHedges, kHedge);
  mark(kDenials, kDenial);
  mark(kWars, kWar);
  mark(kNotTheWar, kNotWarSense);
  mark(kTheWar, kWarDeterminer);
  mark(kPlacePrepositions, kPlacePreposition);
  mark(kBackedBy, kBackingVerb);
  mark(kSupportOf, kBackingNoun);
  mark(kPrepositions, kPreposition);
  mark(kNotAgentLinks, kNotAgentLink);
  mark(kSingularVictims, kSingularVictim);
  for (std::string_view cue : kCumulativeCues) words_[cue.substr(0, cue.find(' '))].classes |= kCumulativeCueStart;
  for (const VictimEntry& v : kVictims) {
    WordInfo& info = words_[v.word];
    if (!info.victim) info.victim = &v;
  }
  // Trigger phrases by first word, longest first (kTriggers order among
  // equals; no two phrases are the same, so at most one of a length matches).
  std::unordered_map<std::string_view, size_t> slot;
  for (const TriggerEntry& t : kTriggers) {
    TriggerPhrase p{words_of(t.phrase), &t};
    const std::string_view first = t.phrase.substr(0, t.phrase.find(' '));
    auto [it, fresh] = slot.try_emplace(first, phrases_.size());
    if (fresh) phrases_.emplace_back();
    phrases_[it->second].push_back(std::move(p));
  }
  for (auto& list : phrases_)
    std::stable_sort(list.begin(), list.end(),
                     [](const TriggerPhrase& a, const TriggerPhrase& b) { return a.words.size() > b.words.size(); });
  for (const auto& [first, i] : slot) words_[first].triggers = phrases_[i];
}

}  // namespace sitrep::extract
