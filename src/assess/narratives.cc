#include "assess/narratives.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>

#include <re2/re2.h>
#include <re2/set.h>
#include <xxhash.h>

#include "common/ascii.h"
#include "kb/literal_matcher.h"
#include "text/tokens.h"

namespace sitrep::assess {
namespace {

// Rule N1: claim frames. A sentence states a frame when it matches the
// frame's cue; the cues are general phrasings of the claim, not any one
// article's wording. Add a frame here with its claim in plain words.
struct Frame {
  const char* id;
  const char* claim;
  const char* cue;  // RE2, case-insensitive unless it says otherwise
};

// "IS" only in capitals; the other names of IS and al-Qaeda's branches in any case.
#define SITREP_IS "(?:(?-i:IS|ISIS|ISIL)|daesh|islamic state|al[- ]qaeda|al[- ]qaida|nusra)"
// The same, with the words used of any jihadist group.
#define SITREP_JIHADISTS \
  "(?:" SITREP_IS "|jihadists?|extremists|terrorist(?:s| groups?| organi[sz]ations?)?)"
// A state that can be accused of backing them, named before the claim.
#define SITREP_STATE                                                                                      \
  "(?:(?-i:US|U\\.S\\.)|united states|washington|american|white house|cia|pentagon|coalition|west|western|" \
  "turkey|turkish|ankara|qatar|saudi|riyadh|israel|israeli|russia|moscow|iran|tehran|regime|britain|british|"    \
  "france|french)"

const Frame kFrames[] = {
    // Evacuation deals for rebels are common and not this claim: IS or
    // al-Qaeda must be the party let go.
    {"escape_deal", "A party let IS fighters leave, or made a deal with IS",
     "(?:(?:escape route|safe passage|safe corridor)\\b[^.]{0,60}" SITREP_IS "|" SITREP_IS
     "[^.]{0,60}(?:escape route|safe passage|safe corridor)|(?:agreement|deal|truce)\\b[^.]{0,40}\\b(?:with|between)\\b[^.]{0,30}"
     SITREP_IS "|allow(?:ed|ing|s)? (?:[a-z]+ )?" SITREP_IS " (?:fighters |militants )?to (?:leave|flee|withdraw|escape)|"
     SITREP_IS "[^.]{0,30}\\bcan withdraw)\\b"},
    // The accused state comes first ("Washington is in a de facto alliance
    // with ISIS"); "supporters of Nusra blamed ..." names no state.
    {"supports_jihadists", "A state supports IS or other jihadist groups",
     "\\b" SITREP_STATE "\\b[^.]{0,80}?\\b(?:support(?:s|ed|ing|er)?|alliance with|allied with|arming|arms|"
     "fund(?:s|ed|ing)|sponsor(?:s|ed|ing)?|collu\\w+ with|protect(?:s|ed|ing)?)\\W+(?:(?:of|for|to|the|and|its|other|\\w+)\\W+){0,3}?"
     SITREP_JIHADISTS "\\b"},
    {"staged_chemical", "Chemical attacks are staged or fabricated",
     "(?:(?:staged|fabricated|false[- ]flag|fake)\\W+(?:\\w+\\W+){0,4}?(?:chemical|gas|sarin|chlorine)|"
     "(?:chemical|gas|sarin|chlorine) attacks?\\W+(?:\\w+\\W+){0,4}?(?:staged|fabricated|false[- ]flag))"},
    {"targets_civilians", "A party deliberately targets civilians, hospitals or schools",
     "(?:deliberately|intentionally|systematically) (?:target|attack|bomb|shell|strik)\\w*\\W+(?:\\w+\\W+){0,3}?"
     "(?:civilians|hospitals?|schools?|markets?|residential)"},
};
#undef SITREP_IS
#undef SITREP_STATE
#undef SITREP_JIHADISTS

// Rule N2: the stance of a sentence that states a frame. A denial by someone
// named, the outlet calling it false, a claim it attributes, else its own assertion.
const char* kDenialCue = "\\b(?:denie[sd]|deny|denying|dismiss(?:ed|es)?|there is no (?:agreement|deal)|not true|baseless)\\b";
const char* kRejectionCue =
    "(?:fake news|propaganda|false (?:reports?|claims?|information)|disinformation|\\blies\\b|debunked|"
    "turned out to be (?:false|fake|untrue)|conspiracy theor)";
const char* kAttributionCue =
    "(?:according to|reports? (?:from|by)|there (?:have|has) been reports?|\\b(?:said|says|claimed|claims|alleged|alleges|"
    "suggested|suggests|accused|accuses|reported|reports|told|announced|stated|declared)\\b|represent\\w* [^.]{0,30}\\bas\\b|portray\\w* "
    "[^.]{0,30}\\bas\\b|paint\\w* [^.]{0,30}\\bas\\b)";
// Rule N3: a sentence that refers back to the claim before it ("These
// reports turned out to be fake news") takes its frame.
const char* kBackReference = "^(?:these|those|such|the) (?:reports?|claims?|allegations?|accusations?|rumou?rs?|assertions?)\\b";
// Who a claim is attributed to when no known actor is named: the words after
// "reports from" / "according to".
const char* kAttributedPhrase =
    "(?:reports? from|according to|reports? by|reports from the) ((?:both )?(?:the )?[^,:;.\"“”]{3,60}?)(?:,|:| have| has| that| said|$)";

// `cue` with each gap within a sentence ("[^.]{0,60}") left unbounded: it
// matches wherever the cue matches (and in a few more texts), and its DFA is
// a fraction of the size, so it is quick to build as it scans.
std::string with_open_gaps(std::string cue) {
  constexpr std::string_view kGap = "[^.]{0,";
  for (size_t at = cue.find(kGap); at != std::string::npos; at = cue.find(kGap, at)) {
    const size_t bound = at + kGap.size() - 3;  // the "{0,"
    cue.replace(bound, cue.find('}', bound) + 1 - bound, "*");
    ++at;
  }
  return cue;
}

struct Compiled {
  std::vector<std::unique_ptr<RE2>> frames;
  // The cues with open gaps, all at once: one pass over a whole text tells
  // whether any cue may match in it (four passes of the cues themselves took
  // 0.26 s of CPU on 19 MB of text; this takes 0.09).
  RE2::Set any_frame{options(), RE2::UNANCHORED};
  bool any_frame_ok = true;
  RE2 denial, rejection, attribution, back_reference, attributed_phrase;
  static RE2::Options options() {
    RE2::Options o;
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    return o;
  }
  Compiled()
      : denial("(" + std::string(kDenialCue) + ")", options()),
        rejection(kRejectionCue, options()),
        attribution("(" + std::string(kAttributionCue) + ")", options()),
        back_reference(kBackReference, options()),
        attributed_phrase(kAttributedPhrase, options()) {
    for (const Frame& f : kFrames) {
      frames.push_back(std::make_unique<RE2>(f.cue, options()));
      if (any_frame.Add(with_open_gaps(f.cue), nullptr) < 0) any_frame_ok = false;
    }
    if (!any_frame.Compile()) any_frame_ok = false;
  }

  // False only when no frame cue matches anywhere in `text`.
  bool may_state_a_frame(std::string_view text) const {
    RE2::Set::ErrorInfo error;
    if (any_frame_ok) {
      if (any_frame.Match(text, nullptr, &error)) return true;
      if (error.kind == RE2::Set::kNoError) return false;
    }
    // The set could not answer (its DFA out of memory): ask each cue.
    return std::any_of(frames.begin(), frames.end(),
                       [text](const std::unique_ptr<RE2>& f) { return RE2::PartialMatch(text, *f); });
  }
};

const Compiled& compiled() {
  static const Compiled c;
  return c;
}

// The speaker: the last known actor before `cue_at` that is not a victim
// category, else the words after "reports from".
std::string speaker(std::string_view sentence, size_t cue_at, const std::vector<kb::ActorMention>& mentions,
                    const kb::ActorDictionary& actors, uint32_t sentence_begin) {
  re2::StringPiece phrase;
  if (RE2::PartialMatch(sentence, compiled().attributed_phrase, &phrase)) return std::string(phrase.data(), phrase.size());
  std::string who;
  for (const kb::ActorMention& m : mentions) {
    if (m.begin < sentence_begin || m.end > sentence_begin + sentence.size()) continue;
    if (m.begin - sentence_begin > cue_at) break;
    const kb::Actor& a = actors.actors()[m.actor];
    if (a.kind == kb::ActorKind::kCivilian) continue;
    who = a.name;
  }
  return who;
}

}  // namespace

std::string outlet_label(const Article& a) {
  if (!a.outlet.empty() && a.outlet != "unknown") return a.outlet;
  if (a.paths.empty()) return "unknown (" + a.id + ")";
  const std::string& path = a.paths.front();
  return "unknown (" + path.substr(path.find_last_of('/') + 1) + ")";
}

std::vector<Narrative> find_narratives(const std::vector<Article>& articles, const kb::ActorDictionary& actors) {
  const Compiled& re = compiled();
  std::vector<Narrative> out(std::size(kFrames));
  for (size_t f = 0; f < out.size(); ++f) {
    out[f].frame = kFrames[f].id;
    out[f].claim = kFrames[f].claim;
    out[f].id = hex64(XXH3_64bits(kFrames[f].id, std::char_traits<char>::length(kFrames[f].id)));
  }
  text::TokenizedText tok;
  for (const Article& a : articles) {
    if (a.text.empty()) continue;
    // Most articles state no frame: a frame cue found in no part of the
    // text is found in none of its sentences (the cues have no anchors).
    if (!re.may_state_a_frame(a.text)) continue;
    text::tokenize(a.text, tok);
    const std::vector<kb::ActorMention> mentions = actors.find(a.text);
    int last_frame = -1;
    size_t last_sentence = 0;
    for (size_t si = 0; si < tok.sentences.size(); ++si) {
      const text::Sentence& s = tok.sentences[si];
      const std::string_view sentence(a.text.data() + s.begin, s.end - s.begin);
      int frame = -1;
      for (size_t f = 0; f < re.frames.size(); ++f)
        if (RE2::PartialMatch(sentence, *re.frames[f])) {
          frame = static_cast<int>(f);
          break;
        }
      // Rule N3: "These reports turned out to be fake news" rejects the frame just stated.
      const bool rejects_previous = frame < 0 && last_frame >= 0 && si - last_sentence <= 2 &&
                                    RE2::PartialMatch(sentence, re.back_reference) &&
                                    RE2::PartialMatch(sentence, re.rejection);
      if (frame < 0 && !rejects_previous) continue;
      NarrativePosition pos;
      pos.article = a.id;
      pos.outlet = outlet_label(a);
      pos.quote = std::string(sentence);
      pos.span_begin = s.begin;
      pos.span_end = s.end;
      if (frame < 0) {
        pos.stance = "rejects";
        pos.attributed_to = pos.outlet;
        out[static_cast<size_t>(last_frame)].positions.push_back(std::move(pos));
        continue;
      }
      re2::StringPiece cue;
      if (RE2::PartialMatch(sentence, re.denial, &cue)) {
        pos.stance = "denies";
        pos.attributed_to = speaker(sentence, static_cast<size_t>(cue.data() - sentence.data()), mentions, actors, s.begin);
      } else if (RE2::PartialMatch(sentence, re.rejection)) {
        pos.stance = "rejects";
        pos.attributed_to = pos.outlet;
      } else if (RE2::PartialMatch(sentence, re.attribution, &cue)) {
        pos.stance = "reports";
        pos.attributed_to = speaker(sentence, static_cast<size_t>(cue.data() - sentence.data()), mentions, actors, s.begin);
      } else {
        pos.stance = "asserts";
        pos.attributed_to = pos.outlet;
      }
      if (pos.attributed_to.empty()) pos.attributed_to = "unnamed source";
      out[static_cast<size_t>(frame)].positions.push_back(std::move(pos));
      last_frame = frame;
      last_sentence = si;
    }
  }
  // Rule N4: a narrative is worth showing once it is stated at all; frames no
  // article states are dropped.
  out.erase(std::remove_if(out.begin(), out.end(), [](const Narrative& n) { return n.positions.empty(); }), out.end());
  return out;
}

namespace {

// The loaded-term lexicon (docs/linking.md): words that take a side or
// dismiss the other's, counted per thousand words of an outlet's text.
const char* const kLoadedTerms[] = {
    "regime", "terrorists", "terrorist", "so-called", "imperialism", "imperialist", "propaganda",
    "liberated", "liberation", "martyrs", "martyred", "crusaders", "puppet", "proxy", "proxies",
    "mercenaries", "occupation", "occupiers", "aggression", "massacre", "fake news", "thugs", "invaders",
};

// 0x80 in each byte of `x` that is zero, nothing elsewhere.
uint64_t zero_bytes(uint64_t x) {
  constexpr uint64_t k7f = 0x7f7f7f7f7f7f7f7fULL;
  return ~(((x & k7f) + k7f) | x | k7f);
}

// The words of `text`: runs of characters other than space, newline and
// tab. Eight bytes at a time (a word starts at a non-space byte after a
// space): a byte at a time took a third of the profiles' time.
size_t count_words(std::string_view text) {
  static_assert(std::endian::native == std::endian::little, "the first byte of a block must be its lowest");
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  size_t words = 0;
  uint64_t space_before = 0x80;  // the text starts as after a space
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    const uint64_t space = zero_bytes(w ^ (kOnes * ' ')) | zero_bytes(w ^ (kOnes * '\n')) | zero_bytes(w ^ (kOnes * '\t'));
    const uint64_t starts = ~space & ((space << 8) | space_before) & (kOnes * 0x80);
    words += ((starts >> 7) * kOnes) >> 56;  // the bytes' sum
    space_before = space >> 56;
  }
  bool in_word = space_before == 0;
  for (; i < text.size(); ++i) {
    const bool space = text[i] == ' ' || text[i] == '\n' || text[i] == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

}  // namespace

OutletProfiler::OutletProfiler(const std::vector<Article>& articles) {
  // All terms in one pass over each text (the articles of a large run are
  // hundreds of megabytes).
  static const std::unique_ptr<kb::LiteralMatcher> terms = [] {
    std::vector<kb::LiteralPattern> patterns;
    for (size_t t = 0; t < std::size(kLoadedTerms); ++t) patterns.push_back({kLoadedTerms[t], static_cast<uint32_t>(t)});
    auto compiled = kb::LiteralMatcher::compile(patterns);
    return compiled.is_ok() ? std::move(compiled).value() : nullptr;  // fixed literals: always compile
  }();
  for (const Article& a : articles) {
    const std::string label = outlet_label(a);
    outlet_of_article_[a.id] = label;
    OutletProfile& p = by_outlet_[label];
    p.outlet = label;
    ++p.articles;
    p.words += count_words(a.text);
    std::vector<size_t> counts(std::size(kLoadedTerms), 0);
    if (terms) terms->scan(a.text, [&counts](uint32_t id, uint32_t, uint32_t) { ++counts[id]; });
    for (size_t t = 0; t < counts.size(); ++t)
      if (counts[t]) term_counts_[label][kLoadedTerms[t]] += counts[t];
  }
}

void OutletProfiler::add(const Report& r) {
  auto it = outlet_of_article_.find(r.article);
  if (it == outlet_of_article_.end()) return;
  OutletProfile& p = by_outlet_[it->second];
  ++p.reports;
  switch (r.stance) {
    case Stance::kAsserted: ++p.asserted; break;
    case Stance::kReported: ++p.attributed; break;
    case Stance::kHedged: ++p.hedged; break;
    case Stance::kDenied: ++p.denied; break;
  }
  if (r.source && !r.source->name.empty()) ++source_counts_[it->second][r.source->name];
}

std::vector<OutletProfile> OutletProfiler::profiles() const {
  std::vector<OutletProfile> out;
  for (const auto& [label, profile] : by_outlet_) {
    OutletProfile p = profile;
    auto by_count = [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
    if (auto it = source_counts_.find(label); it != source_counts_.end())
      for (const auto& kv : it->second) p.attributed_to.push_back(kv);
    std::sort(p.attributed_to.begin(), p.attributed_to.end(), by_count);
    std::vector<std::pair<std::string, size_t>> t;
    if (auto it = term_counts_.find(label); it != term_counts_.end()) t.assign(it->second.begin(), it->second.end());
    std::sort(t.begin(), t.end(), by_count);
    size_t total = 0;
    for (const auto& [term, n] : t) {
      p.loaded_terms.push_back({term, n});
      total += n;
    }
    p.loaded_per_1000_words = p.words ? 1000.0 * static_cast<double>(total) / static_cast<double>(p.words) : 0;
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<OutletProfile> profile_outlets(const std::vector<Article>& articles, const std::vector<LinkInput>& inputs) {
  OutletProfiler profiler(articles);
  for (const LinkInput& in : inputs) profiler.add(in.report);
  return profiler.profiles();
}

}  // namespace sitrep::assess
