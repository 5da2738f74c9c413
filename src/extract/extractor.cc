// Extraction rules. Each rule has a name in a comment (R1, R2, ...) and a
// test in tests/unit/extractor_test.cc; README "Extraction" lists them.
//
// Per sentence: find the words that describe an act (triggers), the numbers
// tied to killing or injuring (casualty figures), the actors and their roles
// (perpetrator, victims, source), the date and the place. A sentence with a
// casualty figure, or with a specific act and something that anchors it
// (an actor, a place or a date), becomes a Report. Sentences that leave the
// date or place out inherit them from their paragraph, then from the article.
#include "sitrep/extract.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <span>
#include <string>
#include <unordered_map>

#include "common/ascii.h"
#include "common/shared_memo.h"
#include "extract/lexicon.h"
#include "extract/word_table.h"
#include "kb/actors.h"
#include "kb/english_words.h"
#include "kb/gazetteer.h"
#include "text/date_expressions.h"
#include "text/dates.h"
#include "text/numbers.h"
#include "text/tokens.h"

namespace sitrep {

const char* to_string(IncidentType t) {
  switch (t) {
    case IncidentType::kAirStrike: return "air_strike";
    case IncidentType::kShelling: return "shelling";
    case IncidentType::kExplosion: return "explosion";
    case IncidentType::kChemicalAttack: return "chemical_attack";
    case IncidentType::kArmedClash: return "armed_clash";
    case IncidentType::kTerritoryChange: return "territory_change";
    case IncidentType::kAttackOnCivilians: return "attack_on_civilians";
    case IncidentType::kExecution: return "execution";
    case IncidentType::kAbduction: return "abduction";
    case IncidentType::kDeployment: return "deployment";
    case IncidentType::kDisplacement: return "displacement";
    case IncidentType::kOther: return "other";
  }
  return "other";
}

const char* to_string(Stance s) {
  switch (s) {
    case Stance::kAsserted: return "asserted";
    case Stance::kReported: return "reported";
    case Stance::kHedged: return "hedged";
    case Stance::kDenied: return "denied";
  }
  return "asserted";
}

namespace {

using text::Token;
using text::TokenKind;


const char* qualifier_name(text::Qualifier q) { return text::to_string(q); }

// a == b, always inlined: the rules compare words to literals in their
// hottest loops, where GCC leaves the operator an out-of-line call.
[[gnu::always_inline]] inline bool same_word(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), b.size()) == 0;
}

// w.starts_with(prefix), likewise inlined.
[[gnu::always_inline]] inline bool has_prefix(std::string_view w, std::string_view prefix) {
  return same_word(w.substr(0, prefix.size()), prefix);
}

// Whether `w` is one of the words of a small list.
template <size_t N>
bool one_of(std::string_view w, const std::string_view (&list)[N]) {
  for (std::string_view x : list)
    if (same_word(w, x)) return true;
  return false;
}

int precision_rank(kb::PlacePrecision p) {
  switch (p) {
    case kb::PlacePrecision::kPoint: return 0;
    case kb::PlacePrecision::kLocality: return 1;
    case kb::PlacePrecision::kDistrict: return 2;
    case kb::PlacePrecision::kRegion: return 3;
    case kb::PlacePrecision::kCountry: return 4;
  }
  return 5;
}

struct PlaceInfo {
  kb::PlacePrecision precision;
  std::string_view country;  // into the gazetteer
};

// The per-article working state: tokens with their lower-case forms and all
// the spans the text layer and the knowledge base found.
struct Doc {
  static constexpr size_t kKeptTextBytes = size_t{1} << 20;
  std::string_view text;
  text::TokenizedText tok;
  std::string lower_text;             // the text, ASCII lower-cased (same offsets)
  std::vector<std::string_view> low;  // lower-case word per token (into lower_text), possessive 's removed
  std::vector<const extract::WordInfo*> info;  // the lexicon's facts on each low[i]
  // The tokens that are a singular victim noun or an auxiliary, ascending:
  // the only ones R2g and R2h start from, so they need not walk every token.
  std::vector<uint32_t> victim_cues;
  std::vector<uint32_t> trigger_starts;  // the tokens that start a trigger phrase, ascending
  std::vector<uint32_t> source_cues;     // the reporting verbs and "according", ascending
  std::vector<text::NumberMatch> numbers;
  std::vector<text::DateExpression> dates;
  std::vector<kb::PlaceMention> places;
  std::vector<kb::ActorMention> actors;
  std::optional<Date> article_date;
  std::string focus_country;  // ISO code of the country most places are in
  // Precision and country of each place mention, looked up once: place_info[i] of places[i].
  std::vector<PlaceInfo> place_info;
  // Ready for the next article. The arrays keep their capacity: a thread
  // reuses one Doc, so tokenising and the per-token arrays do not allocate
  // again for every article (but the storage of a very long one is freed).
  void reset() {
    if (lower_text.capacity() > kKeptTextBytes) {
      *this = Doc();
      return;
    }
    text = {};
    lower_text.clear();
    // low and info keep their old entries: analyse() sizes them to the new
    // tokens and writes every entry, so only growth is initialised.
    victim_cues.clear();
    trigger_starts.clear();
    source_cues.clear();
    numbers.clear();
    dates.clear();
    places.clear();
    actors.clear();
    article_date.reset();
    focus_country.clear();
    place_info.clear();
  }
  // Lower is better: finer places first, places outside the article's country last.
  int score(const kb::PlaceMention& m) const {
    const PlaceInfo& p = info_of(m);
    return precision_rank(p.precision) + (p.country == focus_country ? 0 : 10);
  }
  // The facts of `m`, one of `places` (an index, not a hash of its place).
  const PlaceInfo& info_of(const kb::PlaceMention& m) const {
    return place_info[static_cast<size_t>(&m - places.data())];
  }

  // Index of the token containing byte `b`, or the next one.
  size_t token_at(uint32_t b) const {
    auto it = std::lower_bound(tok.tokens.begin(), tok.tokens.end(), b,
                               [](const Token& t, uint32_t x) { return t.end <= x; });
    return static_cast<size_t>(it - tok.tokens.begin());
  }
  // token_at(b) for a b inside sentence tokens [first, end): the search
  // covers the sentence's tokens only, unless b lies outside them.
  size_t token_at(uint32_t b, size_t first, size_t end) const {
    if ((first > 0 && tok.tokens[first - 1].end > b) || (end < tok.tokens.size() && tok.tokens[end].end <= b))
      return token_at(b);
    auto it = std::lower_bound(tok.tokens.begin() + static_cast<ptrdiff_t>(first),
                               tok.tokens.begin() + static_cast<ptrdiff_t>(end), b,
                               [](const Token& t, uint32_t x) { return t.end <= x; });
    return static_cast<size_t>(it - tok.tokens.begin());
  }
  // The spans of `spans` (sorted by begin) that begin in [b, e]: the only
  // ones that can lie inside [b, e], so a sentence's loops need not visit
  // the whole article's (callers still test each span's end).
  template <typename T>
  static std::span<const T> beginning_in(const std::vector<T>& spans, uint32_t b, uint32_t e) {
    auto from = std::lower_bound(spans.begin(), spans.end(), b, [](const T& x, uint32_t v) { return x.begin < v; });
    auto to = std::upper_bound(from, spans.end(), e, [](uint32_t v, const T& x) { return v < x.begin; });
    return {from, to};
  }
  // Bytes [b, e) of the text: every span the rules take lies inside it.
  std::string_view span(uint32_t b, uint32_t e) const { return std::string_view(text.data() + b, e - b); }
  bool word_is(size_t i, std::string_view w) const { return i < low.size() && low[i] == w; }
  // low[i] == w (see same_word).
  [[gnu::always_inline]] bool low_is(size_t i, std::string_view w) const { return same_word(low[i], w); }
  // Whether token i's word is in the lexicon list(s) of `classes` (extract::WordClass bits).
  bool is(size_t i, uint32_t classes) const { return (info[i]->classes & classes) != 0; }
};

struct Trigger {
  size_t token = 0, length = 0;
  const extract::TriggerEntry* entry = nullptr;
};

enum class Harm { kKilled, kInjured };

struct Casualty {
  const text::NumberMatch* number = nullptr;
  Harm harm = Harm::kKilled;
  std::string_view category;  // civilians | people | fighters | soldiers | "" (into the lexicon)
  std::string_view subgroup;  // children | women | ""
  bool breakdown = false;  // "including three children": part of the figure before it
  bool joined = false;     // "31 jihadists and eight civilians": another group, same act
  uint32_t victims_begin = 0, victims_end = 0;  // the victim words, when given
};

// What one sentence says.
struct SentenceFacts {
  size_t index = 0;  // sentence index
  size_t paragraph = 0;
  std::vector<Trigger> triggers;
  std::vector<Casualty> casualties;
  bool cumulative = false;
};

}  // namespace

struct Extractor::Impl {
  std::unique_ptr<kb::Gazetteer> gazetteer;
  std::unique_ptr<kb::ActorDictionary> actors;
  std::unique_ptr<kb::EnglishWords> english;
  extract::WordTable words;
  // Gazetteer answers R16 asks again and again across articles (each ranks
  // the candidates of a name): whether a word names a country, and the place
  // of a phrase in a country ("SY" + '\0' + phrase).
  SharedMemo<bool> country_names;
  SharedMemo<std::optional<uint32_t>> phrase_places;
  // Whether a place's word is in the English list (R10f): a binary search
  // of 64,000 words, asked again for the same few hundred place names.
  SharedMemo<bool> english_place_words;
  // Country code -> the curated actor for that state's armed forces ("SY" -> sy.army).
  std::unordered_map<std::string, uint32_t> state_forces;

  void build_indexes() {
    const auto& all = actors->actors();
    for (uint32_t i = 0; i < all.size(); ++i) {
      const kb::Actor& a = all[i];
      if (a.kind != kb::ActorKind::kStateForce || a.country.empty() || a.id.starts_with("cameo:")) continue;
      // The army or the whole military, not a branch: "sy.army" over "sy.airforce".
      const bool main_force = a.id.ends_with(".army") || a.id.ends_with(".military");
      auto it = state_forces.find(a.country);
      if (it == state_forces.end() || (main_force && !(all[it->second].id.ends_with(".army") ||
                                                        all[it->second].id.ends_with(".military"))))
        state_forces[a.country] = i;
    }
  }

  void analyse(const Article& a, Doc& d) const;
  void drop_places_outside_their_setting(Doc& d) const;
  // Whether place `m`, the one word of token `t`, is a common English word (R10f).
  bool is_common_word(const Doc& d, const kb::PlaceMention& m, size_t t) const;
  // These two fill `out` (cleared first): extract() reuses the vectors across sentences.
  void find_triggers(const Doc& d, size_t first, size_t end, std::vector<Trigger>& out) const;
  void find_casualties(const Doc& d, size_t first, size_t end, uint32_t b, uint32_t e,
                       std::vector<Casualty>& out) const;
  std::vector<Report> extract(const Article& a) const;
  ActorRef resolve(const kb::Actor& act, const Doc& d) const;
  std::optional<ReportPlace> place_after_preposition(const Doc& d, size_t first, size_t end) const;
  bool is_country_word(const Doc& d, size_t k) const;
  bool is_country_name(std::string_view lower_word) const;
};

Extractor::Extractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Extractor::~Extractor() = default;

Result<std::unique_ptr<Extractor>> Extractor::load(const std::string& kb_dir) {
  auto impl = std::make_unique<Impl>();
  auto gazetteer = kb::Gazetteer::load(kb_dir + "/gazetteer.bin");
  if (!gazetteer.is_ok()) return gazetteer.status();
  auto actors = kb::ActorDictionary::load(kb_dir + "/actors.bin");
  if (!actors.is_ok()) return actors.status();
  auto english = kb::EnglishWords::load(kb_dir + "/english-words.txt.gz");
  if (!english.is_ok()) return english.status();
  impl->gazetteer = std::move(gazetteer).value();
  impl->actors = std::move(actors).value();
  impl->english = std::move(english).value();
  impl->build_indexes();
  return std::unique_ptr<Extractor>(new Extractor(std::move(impl)));
}

std::vector<Report> Extractor::extract(const Article& article) const { return impl_->extract(article); }

void add_singular_victims(Doc& d);

// Whether a lower-case hyphenated word ends in a participle of affiliation:
// "damascus-backed", "aleppo-based", "us-led".
bool has_affiliation_suffix(std::string_view word) {
  const size_t hyphen = word.rfind('-');
  if (hyphen == std::string_view::npos) return false;
  static constexpr std::string_view kSuffixes[] = {"backed", "based",      "led",       "allied",     "aligned", "funded",
                                                   "sponsored", "affiliated", "supported", "controlled", "run"};
  return one_of(word.substr(hyphen + 1), kSuffixes);
}

// The number 1 that words other than a numeral stand for ("a woman", a
// person's name), over bytes [b, e).
text::NumberMatch count_of_one(uint32_t b, uint32_t e) {
  text::NumberMatch n;
  n.begin = n.value_begin = b;
  n.end = e;
  n.low = 1;
  n.high = 1;
  return n;
}

// Adds `extra` to the article's numbers, which stay in text order.
void add_numbers(Doc& d, const std::vector<text::NumberMatch>& extra) {
  if (extra.empty()) return;
  d.numbers.insert(d.numbers.end(), extra.begin(), extra.end());
  std::sort(d.numbers.begin(), d.numbers.end(),
            [](const text::NumberMatch& x, const text::NumberMatch& y) { return x.begin < y.begin; });
}

// Whether token i is a number, in digits or in words ("30", "three", "dozens").
bool is_number_at(const Doc& d, size_t i) {
  return d.tok.tokens[i].kind == TokenKind::kNumber || d.is(i, extract::kNumberWord);
}

// Whether a place is known well enough that its own name means it whatever
// else shares the name: a country, a region or a big city (R10e, R10f).
bool is_well_known(const kb::Place& p) {
  return p.feature == "country" || p.feature == "region" || p.population >= kb::kWellKnownPopulation;
}

// Whether token i is a word of a name: capitalised, or an article joined to a
// capital ("al-Muhafaza", "al-Shishani").
bool is_name_word(const Doc& d, size_t i) {
  const Token& tok = d.tok.tokens[i];
  if (tok.kind != TokenKind::kWord) return false;
  if (tok.flags & text::kCapitalized) return true;
  const std::string_view word = d.span(tok.begin, tok.end);
  const size_t hyphen = word.find('-');
  return hyphen != std::string_view::npos && hyphen + 1 < word.size() && word[hyphen + 1] >= 'A' &&
         word[hyphen + 1] <= 'Z';
}

// R10g: whether token t is in the names of a news agency's credit line
// ("Reporting by Mark Felsenthal and Roberta Rampton; Editing by Vicki
// Allen"): a person's name, whatever place it also spells ("Allen" is not
// 'Uwaylin). The names run back to "by" after a credit word.
bool in_credit_line(const Doc& d, size_t t) {
  static constexpr std::string_view kCredits[] = {"reporting", "writing", "editing", "compiled"};
  constexpr size_t kLongestRun = 12;  // names, "and", commas and semicolons
  for (size_t k = t; k > 0 && t - k < kLongestRun; --k) {
    const size_t p = k - 1;
    if (d.low_is(p, "by")) return p > 0 && one_of(d.low[p - 1], kCredits);
    const Token& tok = d.tok.tokens[p];
    const std::string_view w = d.span(tok.begin, tok.end);
    const bool in_names = (tok.kind == TokenKind::kWord && (tok.flags & text::kCapitalized)) ||
                          d.low_is(p, "and") || (tok.kind == TokenKind::kPunct && (w == "," || w == ";"));
    if (!in_names) return false;
  }
  return false;
}

// Words for a kind of place: "Minian town", "the village of Tuba".
bool is_place_kind(std::string_view w) {
  static constexpr std::string_view kKinds[] = {"town",  "village", "villages",    "city",      "neighbourhood",
                                                "neighborhood", "district", "districts", "area", "areas",
                                                "suburb", "suburbs", "countryside", "camp", "province"};
  return one_of(w, kKinds);
}

bool Extractor::Impl::is_common_word(const Doc& d, const kb::PlaceMention& m, size_t t) const {
  if (d.tok.tokens[t].begin != m.begin || d.tok.tokens[t].end != m.end) return false;  // the whole word
  const std::string_view word = d.low[t];
  if (!english_place_words.get(word, [this](std::string_view w) { return english->contains(w); })) return false;
  // The text says it is a place: "Harem district", "the town of Tuba".
  if (t + 1 < d.low.size() && is_place_kind(d.low[t + 1])) return false;
  if (t >= 2 && d.low_is(t - 1, "of") && is_place_kind(d.low[t - 2])) return false;
  const kb::Place p = gazetteer->place(m.place);
  if (!is_well_known(p)) return true;
  // Its own name, not an alternate one ("Take" is a name of Turkey).
  return ascii_lower(p.name) != word;
}

// R10d (setting): "the areas of al-Midan and al-Muhafaza in Aleppo city",
// "Minian town in Aleppo", "the town of Abu Hamam in rural Deir Ezzor": the
// text puts the names before "in Y" inside Y, a governorate or a city. A
// namesake the gazetteer found outside Y's governorate is the wrong one (it
// lacks the right one), so the name is dropped and Y stands for it.
void Extractor::Impl::drop_places_outside_their_setting(Doc& d) const {
  // The part of Y: "in rural Deir Ezzor", "in eastern Aleppo".
  static constexpr std::string_view kParts[] = {"rural",        "eastern",      "western",      "northern",
                                                "southern",     "northeastern", "northwestern", "southeastern",
                                                "southwestern", "central"};
  static constexpr std::string_view kSurroundings[] = {"countryside", "outskirts", "suburbs", "vicinity"};
  auto is_setting = [](const kb::Place& p) {
    return p.feature == "region" || (p.feature == "city" && p.population >= kb::kWellKnownPopulation);
  };
  thread_local std::vector<bool> drop;  // scratch (thread_local: keeps its capacity across articles)
  drop.assign(d.places.size(), false);
  for (size_t yi = 1; yi < d.places.size(); ++yi) {
    size_t t = d.token_at(d.places[yi].begin);
    // "in the", "in rural", "in the northern": words may stand between; so
    // may "the countryside of" ("in the countryside of the northern Idleb
    // province").
    auto skip_the_part = [&] {
      if (t > 0 && one_of(d.low[t - 1], kParts)) --t;
      if (t > 0 && d.low_is(t - 1, "the")) --t;
    };
    skip_the_part();
    if (t > 1 && d.low_is(t - 1, "of") && one_of(d.low[t - 2], kSurroundings)) {
      t -= 2;
      skip_the_part();
    }
    if (t == 0 || !d.low_is(t - 1, "in")) continue;
    --t;  // "in"
    // The place record (strings) only for a name after "in".
    const kb::Place y = gazetteer->place(d.places[yi].place);
    if (!is_setting(y) || y.admin1.empty()) continue;
    // Back from "in" over kind words, names (found or not), "and" and commas.
    size_t xi = yi;
    for (size_t steps = 0; t > 0 && steps < 10; ++steps) {
      const size_t u = t - 1;
      const Token& tok = d.tok.tokens[u];
      while (xi > 0 && d.places[xi - 1].end > tok.end) --xi;
      if (xi > 0 && d.places[xi - 1].end == tok.end) {
        const kb::PlaceMention& x = d.places[--xi];
        const kb::Place p = gazetteer->place(x.place);
        if (p.country == y.country && p.admin1 != y.admin1 && !is_setting(p) &&
            precision_rank(p.precision) <= precision_rank(y.precision))
          drop[xi] = true;
        t = d.token_at(x.begin);
        continue;
      }
      // "in" too: "X in A area in Y" puts X in Y as well.
      if (is_place_kind(d.low[u]) || d.low_is(u, "and") || d.low_is(u, ",") || d.low_is(u, "in") ||
          is_name_word(d, u)) {
        t = u;
        continue;
      }
      break;
    }
  }
  size_t i = 0;
  std::erase_if(d.places, [&](const kb::PlaceMention&) { return drop[i++]; });
}

// R2h (named victim): "Sheikh Afandi was martyred", "Colonel Issam Zahreddine
// was killed": a person's name (two to four capitalised words that are no
// place, actor, date or number) right before "was" and a passive kill word
// counts one dead, the name its words.
void add_named_victims(Doc& d) {
  static constexpr std::string_view kPassive[] = {"killed",   "martyred", "assassinated", "executed",
                                                  "murdered", "slain",    "beheaded"};
  auto overlaps_any = [](const auto& spans, uint32_t b, uint32_t e) {
    for (const auto& x : spans)
      if (x.begin < e && b < x.end) return true;
    return false;
  };
  std::vector<text::NumberMatch> extra;
  for (const size_t i : d.victim_cues) {
    // The class bit first: most words are no auxiliary, and it spares them the comparison.
    if (i < 2 || i + 1 >= d.low.size() || !d.is(i, extract::kAuxiliary) || !d.low_is(i, "was") ||
        !one_of(d.low[i + 1], kPassive))
      continue;
    size_t b = i;
    while (b > 0 && i - b < 4 && is_name_word(d, b - 1)) --b;
    if (i - b < 2) continue;  // "He was killed": one capitalised word is no name
    const uint32_t nb = d.tok.tokens[b].begin, ne = d.tok.tokens[i - 1].end;
    if (overlaps_any(d.places, nb, ne) || overlaps_any(d.actors, nb, ne) || overlaps_any(d.dates, nb, ne) ||
        overlaps_any(d.numbers, nb, ne))
      continue;
    extra.push_back(count_of_one(nb, ne));
  }
  add_numbers(d, extra);
}

void Extractor::Impl::analyse(const Article& a, Doc& d) const {
  d.text = a.text;
  text::tokenize(a.text, d.tok);
  d.lower_text.assign(a.text);
  ascii_lower_in_place(d.lower_text);
  const size_t n_tokens = d.tok.tokens.size();
  d.low.resize(n_tokens);
  d.info.resize(n_tokens);
  // Raw pointers: the compiler cannot tell the stores below from the vectors' own pointers.
  const Token* tokens = d.tok.tokens.data();
  const char* lower = d.lower_text.data();
  std::string_view* low = d.low.data();
  const extract::WordInfo** info = d.info.data();
  for (size_t i = 0; i < n_tokens; ++i) {
    const Token& t = tokens[i];
    std::string_view w(lower + t.begin, t.end - t.begin);
    // "Tuesday's" -> "tuesday": possessives behave like the noun.
    // (Most words do not end in 's': one test spares them both.)
    if (w.size() > 2 && w.back() == 's') {
      if (w.ends_with("'s")) w.remove_suffix(2);
      else if (w.size() > 4 && w.ends_with("\xE2\x80\x99s")) w.remove_suffix(4);
    }
    low[i] = w;
    // Every lexicon entry is made of letters: numbers and punctuation have no facts.
    const extract::WordInfo* wi = t.kind == TokenKind::kWord ? &words.lookup(w) : &extract::WordTable::none();
    info[i] = wi;
    if (wi->classes & (extract::kSingularVictim | extract::kAuxiliary))
      d.victim_cues.push_back(static_cast<uint32_t>(i));
    if (!wi->triggers.empty()) d.trigger_starts.push_back(static_cast<uint32_t>(i));
    if ((wi->classes & extract::kReportingVerb) || same_word(w, "according"))
      d.source_cues.push_back(static_cast<uint32_t>(i));
  }
  if (a.published && a.published->date.precision == DatePrecision::kDay) d.article_date = a.published->date;
  text::find_numbers(a.text, d.tok, d.numbers);
  add_singular_victims(d);
  d.dates = text::find_date_expressions(a.text, d.tok, d.article_date);
  d.places = gazetteer->find(a.text, kb::GeoContext{kTheatreCountry, {}});
  d.actors = actors->find(a.text);
  add_named_victims(d);

  // Each place's first token and the token after it, searched forward from
  // the last place's (the mentions are sorted and disjoint, and far fewer
  // than the tokens): the rules below look at both.
  thread_local std::vector<std::pair<size_t, size_t>> place_tokens;  // scratch, as the ones below
  place_tokens.assign(d.places.size(), {});
  {
    size_t t = 0;
    for (size_t i = 0; i < d.places.size(); ++i) {
      const uint32_t b = d.places[i].begin;
      t = static_cast<size_t>(std::partition_point(d.tok.tokens.begin() + static_cast<ptrdiff_t>(t), d.tok.tokens.end(),
                                                   [b](const Token& x) { return x.end <= b; }) -
                              d.tok.tokens.begin());
      size_t after = t;
      while (after < d.low.size() && d.tok.tokens[after].end <= d.places[i].end) ++after;
      place_tokens[i] = {t, after};
    }
  }
  // R10e: the subject of a reporting verb is a speaker: a person's name
  // ("Shadi al-Jundi told AFP") or a capital for its government ("Damascus
  // said"). A small place's name used so is a person's all through the
  // article ("Gwyn Winfield ... says Winfield"): one sense per text.
  auto speaker = [&](size_t i) {
    const size_t next = place_tokens[i].second;
    return next < d.low.size() && d.tok.tokens[next].begin - d.places[i].end <= 1 &&
           d.is(next, extract::kReportingVerb);
  };
  thread_local std::vector<std::string_view> person_names;
  person_names.clear();
  for (size_t i = 0; i < d.places.size(); ++i) {
    // After a preposition it is where a speaker is ("a reporter in Quneitra said").
    const size_t at = place_tokens[i].first;
    if (!speaker(i) || (at > 0 && d.is(at - 1, extract::kPreposition))) continue;
    const kb::Place p = gazetteer->place(d.places[i].place);
    if (!is_well_known(p)) person_names.push_back(d.span(d.places[i].begin, d.places[i].end));
  }
  // Whether [b, e) overlaps a span of `spans` (sorted by begin), for
  // ascending b: spans that end before b are passed once, at `from`.
  auto overlaps_sorted = [](const auto& spans, size_t& from, uint32_t b, uint32_t e) {
    while (from < spans.size() && spans[from].end <= b) ++from;
    for (size_t k = from; k < spans.size() && spans[k].begin < e; ++k)
      if (spans[k].end > b) return true;
    return false;
  };
  thread_local std::vector<bool> drop;
  drop.assign(d.places.size(), false);
  size_t next_date = 0, next_number = 0;
  for (size_t i = 0; i < d.places.size(); ++i) {
    const kb::PlaceMention& m = d.places[i];
    // R10 (places): a place name inside a date ("Sat 24 Aug") or a number is not a place.
    if (overlaps_sorted(d.dates, next_date, m.begin, m.end) || overlaps_sorted(d.numbers, next_number, m.begin, m.end)) {
      drop[i] = true;
      continue;
    }
    // R10b: nor is a name inside a news agency's or monitor's ("SANA" is not
    // the Yemeni capital's transliteration, "Al Jazeera" not the Jazira).
    auto am = std::lower_bound(d.actors.begin(), d.actors.end(), m.begin,
                               [](const kb::ActorMention& x, uint32_t b) { return x.end <= b; });
    for (; am != d.actors.end() && am->begin < m.end; ++am) {
      const kb::ActorKind kind = actors->actors()[am->actor].kind;
      if (m.begin < am->end && (kind == kb::ActorKind::kMedia || kind == kb::ActorKind::kMonitor)) drop[i] = true;
    }
    if (drop[i]) continue;
    // R10f: a capitalised common English word ("Society", "Center", "Take")
    // is a place only by the name of a country, a region or a city of
    // 50,000 or more ("Turkey", "Van"): not by a village's name or an
    // alternate name or transliteration key that it happens to share.
    // R10e (above): nor is a speaker, nor a name the article gives a speaker.
    // R10g: nor a name in a credit line.
    drop[i] = (place_tokens[i].second == place_tokens[i].first + 1 && is_common_word(d, m, place_tokens[i].first)) ||
              speaker(i) || in_credit_line(d, place_tokens[i].first) ||
              std::find(person_names.begin(), person_names.end(), d.span(m.begin, m.end)) != person_names.end();
  }
  {
    size_t i = 0;
    std::erase_if(d.places, [&](const kb::PlaceMention&) { return drop[i++]; });
  }
  drop_places_outside_their_setting(d);
  // The country the article is about: the one its places name most often.
  // R11a: a town or region counts twice a country's own name (a country is
  // often named as an actor: "Russia has targeted hospitals").
  thread_local std::vector<std::pair<std::string_view, int>> votes;  // in order of first mention
  votes.clear();
  d.place_info.clear();
  for (const kb::PlaceMention& m : d.places) {
    const std::string_view country = gazetteer->country(m.place);
    const kb::PlacePrecision precision = gazetteer->precision(m.place);
    d.place_info.push_back(PlaceInfo{precision, country});
    auto it = std::find_if(votes.begin(), votes.end(), [&](const auto& v) { return v.first == country; });
    if (it == votes.end()) it = votes.insert(votes.end(), {country, 0});
    it->second += precision == kb::PlacePrecision::kCountry ? 1 : 2;
  }
  // R11e: "the Syrian town of Hassak", "an Iraqi village": the text puts a
  // place in a country, found in the gazetteer or not, so the demonym counts
  // as a town of that country.
  for (size_t t = 0; t + 1 < d.low.size(); ++t) {
    if (!(d.tok.tokens[t].flags & text::kCapitalized) || !is_place_kind(d.low[t + 1])) continue;
    const std::string_view w = d.low[t];
    // "syrian" -> "syria", "iraqi" -> "iraq", "jordanian" -> "jordan".
    for (size_t cut = 1; cut <= 3 && cut + 4 <= w.size(); ++cut) {
      const std::string_view stem = w.substr(0, w.size() - cut);
      if (!gazetteer->best_candidate_is_country(stem)) continue;
      const std::string_view country = gazetteer->country(*gazetteer->best_candidate(stem));
      auto it = std::find_if(votes.begin(), votes.end(), [&](const auto& v) { return v.first == country; });
      if (it == votes.end()) it = votes.insert(votes.end(), {country, 0});
      it->second += 2;
      break;
    }
  }
  // R11d: a tie goes to the theatre's country ("Turkey Coalition Kills 20
  // Daesh Terrorists in Northern Syria of Aleppo"), else to the first named.
  int best = 0;
  for (const auto& [country, n] : votes)
    if (n > best || (n == best && country == kTheatreCountry)) {
      best = n;
      d.focus_country = country;
    }
}

// R19 (backing): an act named as support for another ("backed by intense US
// airstrikes, an armed force crossed into Raqqa", "under the cover of
// shelling") is the background of the sentence, not its act.
bool is_backing(const Doc& d, size_t first, size_t i) {
  for (size_t k = i; k-- > first && k + 4 >= i;) {
    if (k + 1 >= i) continue;  // the cue and its preposition come before the act
    if ((d.is(k, extract::kBackingVerb) && d.low_is(k + 1, "by")) ||
        (d.is(k, extract::kBackingNoun) && d.low_is(k + 1, "of")))
      return true;
  }
  return false;
}

// R1 (trigger): the longest lexicon phrase starting at each token.
void Extractor::Impl::find_triggers(const Doc& d, size_t first, size_t end, std::vector<Trigger>& out) const {
  out.clear();
  // Only the tokens that start a phrase need a look; those inside a phrase found are passed.
  size_t next = first;
  for (auto it = std::lower_bound(d.trigger_starts.begin(), d.trigger_starts.end(), first);
       it != d.trigger_starts.end() && *it < end; ++it) {
    const size_t i = *it;
    if (i < next) continue;
    for (const extract::TriggerPhrase& p : d.info[i]->triggers) {
      if (i + p.words.size() > end) continue;
      bool ok = true;
      for (size_t k = 1; k < p.words.size() && ok; ++k) ok = d.low[i + k] == p.words[k];
      if (!ok) continue;
      if (is_backing(d, first, i)) break;
      out.push_back({i, p.words.size(), p.entry});
      next = i + p.words.size();
      break;
    }
  }
}

namespace {

// Words that may stand between victims and the verb: "were killed",
// "have reportedly been killed", "are also said to have died" is too far.
bool is_auxiliary(const Doc& d, size_t i) { return d.is(i, extract::kAuxiliary); }

const extract::VictimEntry* victim_entry(const Doc& d, size_t i) { return d.info[i]->victim; }

// One victim: "a woman", "Child Killed", "civilian was killed".
bool is_singular_victim(const Doc& d, size_t i) { return d.is(i, extract::kSingularVictim); }

// Words that end a victim noun phrase.
bool ends_noun_phrase(const Doc& d, size_t i) {
  const Token& t = d.tok.tokens[i];
  if (t.kind == TokenKind::kPunct) return d.span(t.begin, t.end) != "-";
  // Another number starts another group: "40 Civilians 25 YPG Fighters Killed".
  if (t.kind == TokenKind::kNumber) return true;
  return d.is(i, extract::kPhraseStop | extract::kAuxiliary | extract::kKillWord | extract::kInjureWord);
}

std::optional<Harm> harm_of(const Doc& d, size_t i);

// Kill words that are nouns of the dead: a figure only right after its number.
bool is_death_noun(std::string_view w) {
  return w == "deaths" || w == "lives" || w == "bodies" || w == "martyrs" || w == "fatalities" || w == "corpses";
}

// Past "including three children", "and four medical staff", "- among them
// two women -": numbers, victim words and the glue between them.
size_t skip_victim_list(const Doc& d, size_t k, size_t end) {
  size_t i = k;
  bool skipped_number = false;
  for (; i < end && i < k + 12; ++i) {
    const Token& t = d.tok.tokens[i];
    if (t.kind == TokenKind::kNumber) {
      skipped_number = true;
      continue;
    }
    if (t.kind == TokenKind::kPunct) {
      const std::string_view p = d.span(t.begin, t.end);
      if (p == "," || p == "-" || p == "\xE2\x80\x93" || p == "\xE2\x80\x94" || p == "(" || p == ")") continue;
      break;
    }
    if (d.is(i, extract::kGlueWord) || victim_entry(d, i)) continue;
    if (d.is(i, extract::kNumberWord)) {
      skipped_number = true;
      continue;
    }
    // After a number (in digits or words):
    const bool after_number =
        i > k && is_number_at(d, i - 1);
    // a qualifier of another group's victims: "40 Civilians 25 YPG Fighters Killed";
    if (after_number && ((i + 1 < end && victim_entry(d, i + 1)) || (i + 2 < end && victim_entry(d, i + 2))))
      continue;
    // a group the lexicon does not know, right before the verb: "leaving 23
    // civilians ... and 16 combattants dead", "including three commanders were killed".
    if (after_number && i + 1 < end && (is_auxiliary(d, i + 1) || harm_of(d, i + 1))) continue;
    break;
  }
  // Without a number the run is a description ("including women and
  // children"): skip it only when a verb follows.
  if (skipped_number || i == k) return i;
  return i < end && (is_auxiliary(d, i) || harm_of(d, i)) ? i : k;
}

// Whether the casualty starting at token `nb` is a second group joined to the
// one before it ("ten children and five women", "31 jihadists and eight civilians").
bool joined_to_previous(const Doc& d, const std::vector<Casualty>& out, size_t nb) {
  if (out.empty() || out.back().breakdown || out.back().victims_end <= out.back().victims_begin) return false;
  const size_t prev_end = d.token_at(out.back().victims_end);  // first token after its victims
  if (prev_end > nb || nb - prev_end > 2) return false;
  for (size_t k = prev_end; k < nb; ++k)
    if (!d.low_is(k, "and") && !d.low_is(k, ",")) return false;
  return true;
}

std::optional<Harm> harm_of(const Doc& d, size_t i) {
  if (d.is(i, extract::kKillWord)) return Harm::kKilled;
  if (d.is(i, extract::kInjureWord)) return Harm::kInjured;
  return std::nullopt;
}

}  // namespace

// R2g (one victim): "A woman was killed", "a child died", "Civilian killed 3
// injured": a singular victim noun, after "a"/"an" or opening a headline
// clause, followed by a kill or injure word counts as the number 1 (its text
// is the article, or the noun itself when there is none).
void add_singular_victims(Doc& d) {
  std::vector<text::NumberMatch> extra;
  for (const size_t i : d.victim_cues) {
    if (!is_singular_victim(d, i) || d.tok.tokens[i].kind != TokenKind::kWord) continue;
    const bool article = i > 0 && (d.low_is(i - 1, "a") || d.low_is(i - 1, "an"));
    // R2g': one more victim joined to a counted group ("killing five women
    // and a child"): the count of one is that group's partner (R2e adds them).
    const bool joined = article && i >= 4 && d.low_is(i - 2, "and") && victim_entry(d, i - 3) &&
                        is_number_at(d, i - 4);
    size_t v = i + 1;
    while (v < d.low.size() && v < i + 4 && is_auxiliary(d, v)) ++v;
    if (!joined && (v >= d.low.size() || !harm_of(d, v))) continue;
    // Without an article only a capitalised noun right before the verb
    // ("Child Killed", "Civilian killed"), not "the child was killed".
    const bool bare = !article && v == i + 1 && (d.tok.tokens[i].flags & text::kCapitalized) &&
                      (i == 0 || !d.low_is(i - 1, "the"));
    if (!article && !bare) continue;
    const Token& t = d.tok.tokens[article ? i - 1 : i];
    bool covered = false;
    for (const text::NumberMatch& n : d.numbers)
      if (n.begin < d.tok.tokens[i].end && t.begin < n.end) covered = true;
    if (covered) continue;
    extra.push_back(count_of_one(t.begin, t.end));
  }
  add_numbers(d, extra);
}

// R2 (casualty figure): a number tied to killing or injuring, with its victims.
//   R2a  NUMBER [victims] [were|have been ...] killed|dead|wounded ...
//   R2b  killed|killing|wounding ... NUMBER [victims]; "claimed the lives of NUMBER"
//   R2c  the death toll rose to|reached|of NUMBER
//   R2d  including|among them NUMBER children|women|civilians: a breakdown of the figure before
// Numbers that are years, ordinals or vague ("dozens") without a verb, and numbers not tied to
// a kill/injure word (a column of "more than 60 soldiers", "300,000 people") are not figures.
void Extractor::Impl::find_casualties(const Doc& d, size_t first, size_t end, uint32_t b, uint32_t e,
                                       std::vector<Casualty>& out) const {
  out.clear();
  for (const text::NumberMatch& n : Doc::beginning_in(d.numbers, b, e)) {
    if (n.begin < b || n.end > e || n.is_year || n.ordinal) continue;
    const size_t nb = d.token_at(n.begin, first, end);
    size_t ne = d.token_at(n.end, first, end);  // first token after the number
    Casualty c;
    c.number = &n;

    // A number before a capitalised "The" ends a sentence whose stop was
    // lost ("Get short URL 0 214 The number of civilians killed ..."): it is
    // no figure of what follows.
    if (ne < end && (d.span(d.tok.tokens[ne].begin, d.tok.tokens[ne].end) == "The")) continue;
    // The victim noun phrase after the number ("a number of civilians": after "of").
    if (ne < end && d.low_is(ne, "of") && !(ne + 1 < end && d.low_is(ne + 1, "them"))) ++ne;
    size_t k = ne;
    const extract::VictimEntry* head = nullptr;
    for (; k < end && k < ne + 6; ++k) {
      if (ends_noun_phrase(d, k)) {
        // "70 regime and rebel fighters": two modifiers of one victim noun.
        const bool modifiers_and = !head && d.low_is(k, "and") && k + 2 < end &&
                                   d.tok.tokens[k + 1].kind == TokenKind::kWord &&
                                   !ends_noun_phrase(d, k + 1) && victim_entry(d, k + 2);
        if (!modifiers_and) break;
        continue;
      }
      if (d.low_is(k, "of") && k + 1 < end && d.low_is(k + 1, "them")) {  // "three of them children"
        k += 2;
        continue;
      }
      // "seven people both militants and civilians": once "people" is the
      // head, later victim words describe them.
      const bool people = head && (head->word == "people" || head->word == "persons");
      if (const auto* v = victim_entry(d, k); v && !people) head = v;
    }
    if (head) {
      c.category = head->category;
      c.subgroup = head->subgroup;
      c.victims_begin = d.tok.tokens[ne].begin;
      c.victims_end = d.tok.tokens[k - 1].end;
    }

    // R2d: a breakdown ("including three children").
    if (nb > first) {
      const std::string_view prev = d.low[nb - 1];
      const bool including = same_word(prev, "including") || same_word(prev, "includes") ||
                             (same_word(prev, "them") && nb >= 2 && d.low_is(nb - 2, "among")) ||
                             (same_word(prev, "whom") && nb >= 2 &&
                              (d.low_is(nb - 2, "among") || d.low_is(nb - 2, "of")));
      if (including && head && !out.empty()) {
        c.breakdown = true;
        c.harm = out.back().harm;
        out.push_back(c);
        continue;
      }
    }

    // R2f: "11 children among 18 dead", "Ten children were among at least
    // 48 people killed": a part of the figure that follows.
    if (head) {
      size_t q = k;
      while (q < end && is_auxiliary(d, q)) ++q;
      if (q + 1 < end && d.low_is(q, "among")) {
        const uint32_t total_begin = d.tok.tokens[q + 1].begin;
        const text::NumberMatch* total = nullptr;
        for (const text::NumberMatch& m : d.numbers)
          if (m.begin == total_begin && !m.is_year && !m.ordinal) total = &m;
        if (total) {
          const size_t te = d.token_at(total->end);
          c.breakdown = true;
          c.harm = Harm::kKilled;
          for (size_t h = te; h < end && h < te + 4; ++h)
            if (auto hm = harm_of(d, h)) {
              c.harm = *hm;
              break;
            }
          out.push_back(c);
          continue;
        }
      }
    }

    // R2b first when a kill verb directly precedes the number: in "a suicide
    // bomber killed 30 people injured 90" the 30 were killed.
    // R2b': not after victims killed in a headline ("Child Killed 20 People
    // Injured", "Civilian killed 3 injured"): the number starts the next clause.
    const bool victims_killed = nb >= first + 2 && d.low_is(nb - 1, "killed") && victim_entry(d, nb - 2) &&
                                (is_singular_victim(d, nb - 2) ||
                                 (nb >= first + 3 && is_number_at(d, nb - 3)));
    if (nb > first && !victims_killed) {
      const std::string_view p = d.low[nb - 1];
      if (same_word(p, "killed") || same_word(p, "killing") || same_word(p, "kills") || same_word(p, "kill")) {
        c.harm = Harm::kKilled;
        c.joined = joined_to_previous(d, out, nb);
        out.push_back(c);
        continue;
      }
    }
    // R2a: a kill/injure word after the victims, past auxiliaries and past a
    // breakdown or a second group ("11 civilians including three children were
    // killed", "16 civilians and three children have been killed").
    size_t v = k;
    if (head) v = skip_victim_list(d, k, end);
    while (v < end && v < k + 14 && is_auxiliary(d, v)) ++v;
    // Without victim words the verb must follow the number itself ("29 dead",
    // "20 were killed"): in "One of Tuesday's air strikes ... killed eight",
    // "One" is not a casualty.
    const bool verb_follows_number = v == ne || (k == ne && !head);
    if (v < end && (head || verb_follows_number)) {
      if (auto h = harm_of(d, v)) {
        // Nouns of the dead count only as "N deaths", not "N people's lives".
        const bool noun_form = is_death_noun(d.low[v]);
        if (!noun_form || v == ne) {
          c.harm = *h;
          c.joined = joined_to_previous(d, out, nb);
          out.push_back(c);
          continue;
        }
      }
    }
    // R2a': "were among those killed", "were among the dead".
    if (v + 2 < end && d.low_is(v, "among") && (d.low_is(v + 1, "those") || d.low_is(v + 1, "the"))) {
      if (auto h = harm_of(d, v + 2); h && head) {
        c.harm = *h;
        out.push_back(c);
        continue;
      }
    }
    // R2e: a second group joined to a figure: "killed 31 jihadists and eight civilians".
    if (nb > first && (d.low_is(nb - 1, "and") || d.low_is(nb - 1, ",")) && !out.empty() && head &&
        !out.back().breakdown) {
      const size_t prev_end = d.token_at(out.back().number->end);
      if (prev_end + 4 >= nb && out.back().victims_end > out.back().victims_begin &&
          out.back().victims_end <= d.tok.tokens[nb - 1].begin) {
        c.harm = out.back().harm;
        c.joined = true;
        out.push_back(c);
        continue;
      }
    }
    // R2b: the verb before the number.
    if (nb > first) {
      size_t p = nb - 1;
      if (auto h = harm_of(d, p); h && !d.low_is(p, "dead") && !is_death_noun(d.low[p])) {
        c.harm = *h;
        out.push_back(c);
        continue;
      }
      if (p >= first + 3 && d.low_is(p, "of") && d.low_is(p - 1, "lives") && d.low_is(p - 2, "the") &&
          d.low_is(p - 3, "claimed")) {
        c.harm = Harm::kKilled;
        out.push_back(c);
        continue;
      }
      // R2b'': the act named as a noun: "led to the killing of one person and
      // the injury of 40 others", "the deaths of 12 civilians"; not an order
      // of magnitude ("caused the death of thousands of civilians" is rhetoric).
      if (p >= first + 1 && d.low_is(p, "of") && !n.vague) {
        const std::string_view act = d.low[p - 1];
        const bool killed = act == "killing" || act == "killings" || act == "death" || act == "deaths";
        const bool injured = act == "injury" || act == "wounding" || act == "injuring";
        if (killed || injured) {
          c.harm = killed ? Harm::kKilled : Harm::kInjured;
          out.push_back(c);
          continue;
        }
      }
      // R2c: "the death toll rose to 112", "a toll of 43"; not a toll foreseen
      // ("the death toll could reach as many as 200", "is expected to rise to 50").
      static constexpr std::string_view kForeseeing[] = {"could", "may",      "might",  "would",
                                                         "will",  "expected", "likely", "feared"};
      bool foreseen = false;
      // A toll that rose stands further from its subject: "Death toll in bomb
      // attack on Syria evacuees rises to 112".
      const bool rose = p > first && d.low_is(p, "to") && one_of(d.low[p - 1], extract::kRiseVerbs);
      const size_t reach = rose ? 14 : 8;
      for (size_t q = p + 1; q-- > first && q + reach > nb;) {
        if (d.low_is(q, "toll")) {
          if (foreseen) break;
          const bool injured_toll = q > first && (d.low_is(q - 1, "injury") || d.low_is(q - 1, "casualty"));
          c.harm = injured_toll ? Harm::kInjured : Harm::kKilled;
          out.push_back(c);
          break;
        }
        if (d.tok.tokens[q].kind == TokenKind::kNumber) break;
        foreseen = foreseen || one_of(d.low[q], kForeseeing);
      }
      // R2c': "the number of civilians killed by the airstrike ... has risen
      // to 20": a count of victims that rose to the figure.
      if (out.empty() || out.back().number != &n) {
        for (size_t q = first; rose && q + 3 < p; ++q) {
          if (!d.low_is(q, "number") || !d.low_is(q + 1, "of")) continue;
          const extract::VictimEntry* counted = victim_entry(d, q + 2);
          const auto h = harm_of(d, q + 3);
          if (!counted || !h) continue;
          c.harm = *h;
          c.category = counted->category;
          c.subgroup = counted->subgroup;
          c.victims_begin = d.tok.tokens[q + 2].begin;
          c.victims_end = d.tok.tokens[q + 2].end;
          out.push_back(c);
          break;
        }
      }
    }
  }
  // R3c: "killed 28 and wounded 30 Daesh militants": the victims named after
  // the second figure are the first figure's too.
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    Casualty& one = out[i];
    const Casualty& other = out[i + 1];
    if (one.victims_end > one.victims_begin || other.victims_end <= other.victims_begin || one.harm == other.harm)
      continue;
    const size_t one_end = d.token_at(one.number->end), other_begin = d.token_at(other.number->begin);
    if (other_begin < one_end + 2 || other_begin > one_end + 3 || !d.low_is(one_end, "and") ||
        !harm_of(d, other_begin - 1))
      continue;
    one.category = other.category;
    one.subgroup = other.subgroup;
    one.victims_begin = other.victims_begin;
    one.victims_end = other.victims_end;
  }
}

namespace {

// The figure of number `n` into `slot`, built there (and only) when the slot is empty.
void set_if_empty(std::optional<Figure>& slot, const Doc& d, const text::NumberMatch& n) {
  if (slot) return;
  Figure& f = slot.emplace();
  f.low = n.low;
  f.high = n.high;
  f.qualifier = qualifier_name(n.qualifier);
  f.text = d.span(n.begin, n.end);
}

// R3 (figures): casualties into the report's figure slots.
// Whether a casualty's victims are civilians at large ("16 civilians",
// "residents"), which may include the children or women named beside them.
bool is_civilians_at_large(const Doc& d, const Casualty& c) {
  static constexpr std::string_view kAtLarge[] = {"civilians", "civilian", "residents", "villagers"};
  const size_t last = d.token_at(c.victims_end) - 1;  // the victims' last word
  return one_of(d.low[last], kAtLarge);
}

void fill_figures(const Doc& d, const std::vector<Casualty>& cs, Report& r) {
  for (const Casualty& c : cs) {
    const text::NumberMatch& n = *c.number;
    if (c.harm == Harm::kInjured) {
      if (c.breakdown) continue;
      set_if_empty(r.figures.injured, d, n);
      if (c.category == "civilians") set_if_empty(r.figures.civilians_injured, d, n);
      continue;
    }
    if (c.subgroup == "children") set_if_empty(r.figures.children_killed, d, n);
    else if (c.subgroup == "women") set_if_empty(r.figures.women_killed, d, n);
    else if (c.category == "civilians") set_if_empty(r.figures.civilians_killed, d, n);
    else if (c.category == "fighters") set_if_empty(r.figures.fighters_killed, d, n);
    else if (c.category == "soldiers") set_if_empty(r.figures.soldiers_killed, d, n);
    if (!c.breakdown) set_if_empty(r.figures.killed, d, n);
    if (!r.victims && c.victims_end > c.victims_begin && !c.breakdown) {
      const std::string_view category = c.category == "people" || c.category.empty() ? "people" : c.category;
      r.victims = Victims{std::string(d.span(c.victims_begin, c.victims_end)), std::string(category)};
    }
  }
  // R3b: groups killed together ("ten children and five women", "31 jihadists
  // and eight civilians") add up: killed is their sum, civilians_killed the
  // sum of the civilian groups.
  // Only a run of joined groups adds up; the first run is the report's.
  std::vector<const Casualty*> groups;
  for (const Casualty& c : cs) {
    if (c.harm != Harm::kKilled || c.breakdown || c.victims_end <= c.victims_begin) continue;
    if (!c.joined && !groups.empty()) {
      if (groups.size() >= 2) break;
      groups.clear();
    }
    groups.push_back(&c);
  }
  if (groups.size() < 2) return;
  auto sum_of = [&](auto&& keep) -> std::optional<Figure> {
    Figure f;
    int n = 0;
    uint32_t b = UINT32_MAX, e = 0;
    for (const Casualty* c : groups) {
      if (!keep(*c)) continue;
      ++n;
      f.low += c->number->low;
      if (c->number->qualifier != text::Qualifier::kExact) f.qualifier = qualifier_name(c->number->qualifier);
      b = std::min(b, c->number->begin);
      e = std::max(e, c->victims_end);
    }
    if (n < 2) return std::nullopt;
    f.text = std::string(d.span(b, e));
    return f;
  };
  if (auto all = sum_of([](const Casualty&) { return true; })) r.figures.killed = std::move(all);
  // Civilian groups add up to the civilian figure ("ten children and five
  // women" is 15, "five children and four medical staff" 9), unless one is
  // civilians at large: "16 civilians and three children" keeps 16 (the
  // children may be among them).
  const bool at_large = std::any_of(groups.begin(), groups.end(), [&](const Casualty* c) {
    return c->category == "civilians" && c->subgroup.empty() && is_civilians_at_large(d, *c);
  });
  if (!at_large)
    if (auto civ = sum_of([](const Casualty& c) { return c.category == "civilians"; })) r.figures.civilians_killed = std::move(civ);
}

bool is_armed(const kb::Actor& a) {
  return a.kind == kb::ActorKind::kStateForce || a.kind == kb::ActorKind::kArmedGroup ||
         a.kind == kb::ActorKind::kGovernment;
}

// Whether an actor is generic ("warplanes", "the regime"), by its id.
bool is_generic(std::string_view actor_id) { return has_prefix(actor_id, "cameo:~"); }

ActorRef to_ref(const kb::Actor& a) {
  return ActorRef{a.name, a.id, kb::to_string(a.kind), a.side};
}

}  // namespace

namespace {

// A source as views into the text, the article's words or the actor
// dictionary: most sentences emit no report, so the Attribution's strings
// are built only for one that does.
struct SourceWords {
  std::string_view name, id, verb;
  Attribution attribution() const { return {std::string(name), std::string(id), std::string(verb)}; }
};

struct Roles {
  const kb::ActorMention* perpetrator = nullptr;
  std::optional<SourceWords> source;
  uint32_t source_begin = 0, source_end = 0;
  const kb::ActorMention* target = nullptr;  // "against pro-government forces"
};

bool overlaps(uint32_t b1, uint32_t e1, uint32_t b2, uint32_t e2) { return b1 < e2 && b2 < e1; }

// A generic source phrase ending at token `end` (exclusive), e.g. "activists said".
// A lexicon list split into words once (one static per list).
template <const auto& List>
const std::vector<std::pair<std::string_view, std::vector<std::string>>>& split_list() {
  static const auto split = [] {
    std::vector<std::pair<std::string_view, std::vector<std::string>>> out;
    for (std::string_view p : List) out.emplace_back(p, extract::words_of(p));
    return out;
  }();
  return split;
}

std::optional<std::pair<size_t, std::string_view>> generic_source_before(const Doc& d, size_t first,
                                                                         size_t end) {
  for (const auto& [g, w] : split_list<extract::kGenericSources>()) {
    if (end < first + w.size()) continue;
    size_t s = end - w.size();
    bool ok = true;
    for (size_t k = 0; k < w.size() && ok; ++k) ok = d.low[s + k] == w[k];
    if (ok) return std::make_pair(s, g);
  }
  return std::nullopt;
}

// R4 (source): "X said/told/reported", "said X", "according to X", "reports from X".
// The actor nearest the verb on its left, else on its right; "told AFP" names
// whom the source told, not the source.
void find_source(const Doc& d, size_t first, size_t end, const kb::ActorDictionary& actors,
                 Roles& roles) {
  auto actor_text = [&](const kb::ActorMention& m) -> const kb::Actor& { return actors.actors()[m.actor]; };
  // Only a reporting verb or "according" starts an attribution.
  for (auto it = std::lower_bound(d.source_cues.begin(), d.source_cues.end(), first);
       it != d.source_cues.end() && *it < end; ++it) {
    const size_t i = *it;
    const std::string_view w = d.low[i];
    const bool according = same_word(w, "according") && i + 1 < end && d.low_is(i + 1, "to");
    const bool verb = d.is(i, extract::kReportingVerb);
    if (!according && !verb) continue;
    const uint32_t vb = d.tok.tokens[i].begin, ve = d.tok.tokens[i].end;
    const kb::ActorMention* best = nullptr;
    // "..., he said": the speaker is a pronoun, not the nearest actor named before it.
    if (!according && i > first && d.is(i - 1, extract::kPronoun)) continue;
    if (!according) {
      // Left: the nearest actor ending within six tokens of the verb.
      const uint32_t window = i >= first + 6 ? d.tok.tokens[i - 6].begin : d.tok.tokens[first].begin;
      for (const kb::ActorMention& m : Doc::beginning_in(d.actors, window, vb))
        if (m.end <= vb) best = &m;
      if (!best) {
        if (auto g = generic_source_before(d, first, i)) {
          roles.source = SourceWords{d.span(d.tok.tokens[g->first].begin, d.tok.tokens[i - 1].end), "", w};
          roles.source_begin = d.tok.tokens[g->first].begin;
          roles.source_end = d.tok.tokens[i - 1].end;
          return;
        }
      }
    }
    if (!best && !same_word(w, "told")) {
      // Right: "said the Observatory", "according to activists", "reports from state media".
      const size_t limit = std::min(end, i + (according ? 7 : 4));
      const uint32_t window_end = d.tok.tokens[limit - 1].end;
      for (const kb::ActorMention& m : Doc::beginning_in(d.actors, ve, window_end)) {
        if (m.begin < window_end) {
          best = &m;
          break;
        }
      }
      if (!best && according) {
        size_t k = i + 2;
        if (k < end && d.low_is(k, "the")) ++k;
        for (size_t j = k + 1; j <= std::min(end, k + 4); ++j) {
          if (auto g = generic_source_before(d, k, j); g && g->first == k) {
            roles.source = SourceWords{d.span(d.tok.tokens[k].begin, d.tok.tokens[j - 1].end), "", "according to"};
            roles.source_begin = d.tok.tokens[k].begin;
            roles.source_end = d.tok.tokens[j - 1].end;
            return;
          }
        }
      }
    }
    // "reports from both Syrian government media and opposition sources that":
    // the sources are the words between "from" and "that".
    if ((same_word(w, "reports") || same_word(w, "reported")) && i + 1 < end && d.low_is(i + 1, "from")) {
      size_t j = i + 2;
      while (j < end && j < i + 14 && !d.low_is(j, "that") && d.tok.tokens[j].kind != TokenKind::kPunct) ++j;
      if (j > i + 2 && j < end && d.low_is(j, "that")) {
        size_t k = i + 2;
        if (d.low_is(k, "both")) ++k;
        const uint32_t sb = d.tok.tokens[k].begin, se = d.tok.tokens[j - 1].end;
        std::string_view id;
        for (const kb::ActorMention& m : Doc::beginning_in(d.actors, sb, se))
          if (m.end <= se) {
            id = actor_text(m).id;
            break;
          }
        roles.source = SourceWords{d.span(sb, se), id, "reports from"};
        roles.source_begin = sb;
        roles.source_end = se;
        return;
      }
    }
    if (best) {
      const kb::Actor& act = actor_text(*best);
      roles.source = SourceWords{act.name, act.id, according ? "according to" : w};
      roles.source_begin = best->begin;
      roles.source_end = best->end;
      return;
    }
  }
}

// Whether actor mention `m` is also the name of the article's country.
bool names_focus_country(const Doc& d, const kb::ActorMention& m) {
  auto p = std::lower_bound(d.places.begin(), d.places.end(), m.begin,
                            [](const kb::PlaceMention& x, uint32_t b) { return x.begin < b; });
  if (p == d.places.end() || p->begin != m.begin || p->end != m.end) return false;
  const PlaceInfo& info = d.info_of(*p);
  return info.precision == kb::PlacePrecision::kCountry && info.country == d.focus_country;
}

// Acts that may be one incident: the same type, or either untyped.
bool compatible_acts(IncidentType a, IncidentType b) {
  return a == b || a == IncidentType::kOther || b == IncidentType::kOther;
}

bool any_of_words(const Doc& d, size_t first, size_t end, uint32_t classes) {
  for (size_t i = first; i < end; ++i)
    if (d.is(i, classes)) return true;
  return false;
}

// Words that deny what follows: "No group has claimed", "never claimed".
constexpr std::string_view kNegations[] = {"no", "not", "nobody", "none", "never", "neither"};

// R14e: whether the article says that the agent is unknown: a claim of
// responsibility denied ("No group has claimed responsibility", "There was no
// immediate claim of responsibility") or "not (immediately) clear who".
bool says_agent_unknown(const Doc& d) {
  static constexpr std::string_view kClaim[] = {"claimed", "claim", "claims", "accepted", "announced", "admitted"};
  for (size_t i = 2; i < d.low.size(); ++i) {
    if (d.low_is(i, "responsibility")) {
      bool claim = false;
      for (size_t k = i; k-- > 0 && k + 7 > i;) {
        if (one_of(d.low[k], kClaim)) claim = true;
        else if (claim && one_of(d.low[k], kNegations)) return true;
      }
    } else if (d.low_is(i, "who") && (d.low_is(i - 1, "unclear") || (d.low_is(i - 1, "clear") &&
                                     (d.low_is(i - 2, "not") || (i >= 3 && d.low_is(i - 3, "not")))))) {
      return true;
    }
  }
  return false;
}

// R14c (claimed act): the named armed group that claims responsibility in
// the article ("The Daesh group claimed responsibility for the attack",
// "Al-Nusra Front claimed responsibility for Tuesday's attacks"). Not a claim
// denied ("No group has claimed responsibility") nor one for another act
// ("claimed responsibility for a bombing in January"); passive claims ("a
// blast ... claimed by DAESH") are left out, as they mostly recall past acts.
const kb::ActorMention* claimant(const Doc& d, const kb::ActorDictionary& actors) {
  static constexpr std::string_view kOtherActs[] = {"a",    "an",   "another", "previous", "earlier", "similar",
                                                    "past", "many", "several", "most",     "some",    "last"};
  // Words that may stand between the group's name and the verb.
  static constexpr std::string_view kBetween[] = {"group", "organisation", "organization", "has", "had",
                                                  "later", "also", "reportedly", "itself", "militants",
                                                  "militant", "jihadist", ")"};
  static constexpr std::string_view kClaimedActs[] = {"attack", "attacks",   "bombing",   "bombings", "blast",
                                                      "blasts", "explosion", "explosions", "assault"};
  static constexpr std::string_view kOwnMen[] = {"fighter", "fighters", "member", "members", "militant", "militants",
                                                 "bomber",  "bombers",  "suicide"};
  // A claim in other words: "IS claimed the attack", "The Islamic State group
  // said in a statement that one of its fighters had fired on a gathering".
  auto claims = [&](size_t k, size_t end) {
    // "claimed", "said" and "announced" are reporting verbs: the class bit spares most words the comparisons.
    if (!d.is(k, extract::kReportingVerb)) return false;
    if (d.low_is(k, "claimed"))
      return d.low_is(k + 1, "responsibility") ||
             (k + 2 < end && d.low_is(k + 1, "the") && one_of(d.low[k + 2], kClaimedActs));
    if (!d.low_is(k, "said") && !d.low_is(k, "announced")) return false;
    for (size_t i = k + 1; i + 1 < end && i < k + 8; ++i)
      if (d.low_is(i, "its") && one_of(d.low[i + 1], kOwnMen)) return true;
    return false;
  };
  for (const text::Sentence& s : d.tok.sentences) {
    const size_t first = s.first_token, end = s.end_token;
    for (size_t k = first + 1; k + 1 < end; ++k) {
      if (!claims(k, end)) continue;
      bool denied = false;
      for (size_t i = first; i < k && !denied; ++i) denied = one_of(d.low[i], kNegations);
      if (denied || (k + 3 < end && d.low_is(k + 2, "for") && one_of(d.low[k + 3], kOtherActs))) break;
      const uint32_t verb = d.tok.tokens[k].begin;
      auto m = std::lower_bound(d.actors.begin(), d.actors.end(), verb,
                                [](const kb::ActorMention& x, uint32_t b) { return x.begin < b; });
      // Back from the verb over the words that may stand between and generic
      // actors ("The Islamic State (IS) militant group said"): the named group.
      size_t until = k;
      while (m != d.actors.begin()) {
        --m;
        if (m->begin < s.begin) break;
        size_t t = d.token_at(m->end);
        while (t < until && one_of(d.low[t], kBetween)) ++t;
        if (t != until) break;
        const kb::Actor& act = actors.actors()[m->actor];
        if (is_generic(act.id)) {
          until = d.token_at(m->begin);
          continue;
        }
        if (is_armed(act)) return &*m;
        break;
      }
      break;
    }
  }
  return nullptr;
}

// R5 (perpetrator): the armed actor the sentence makes the agent: right before
// the act ("coalition strike", "Russian jets"), after "by" ("carried out by"),
// or before a verb of attack ("IS executed"). Not the victims, not the
// source, not a target ("against pro-government forces").
// Whether `rest` (lower case text right after an actor's name) starts with a
// word for a group's branch: " affiliate", " branch", " wing", ...
bool names_a_branch(std::string_view rest) {
  if (rest.empty() || rest[0] != ' ') return false;
  rest.remove_prefix(1);
  static constexpr std::string_view kBranches[] = {"affiliates", "affiliate", "branches", "branch",
                                                   "wing",       "offshoot",  "franchise", "arm"};
  // Their first letters: most words after a name start with none of them.
  if (rest.empty() || (rest[0] != 'a' && rest[0] != 'b' && rest[0] != 'f' && rest[0] != 'o' && rest[0] != 'w'))
    return false;
  for (std::string_view w : kBranches)
    if (rest[0] == w[0] && has_prefix(rest, w) && (rest.size() == w.size() || rest[w.size()] < 'a' || rest[w.size()] > 'z'))
      return true;
  return false;
}

// Whether `after`, the text right after an actor's name, makes it the holder
// of a place: "-held", "-controlled", " held", " controlled", "-run",
// "-besieged". The letter after the hyphen or space rules out most words.
bool holds_the_place(std::string_view after) {
  if (after.size() < 4 || (after[0] != '-' && after[0] != ' ')) return false;
  const bool hyphen = after[0] == '-';
  const std::string_view w = after.substr(1);
  switch (w[0]) {
    case 'h': return has_prefix(w, "held");
    case 'c': return has_prefix(w, "controlled");
    case 'r': return hyphen && has_prefix(w, "run");
    case 'b': return hyphen && has_prefix(w, "besieged");
    default: return false;
  }
}

// R14g: whether a sentence's own place `p` lies in another governorate than
// `than`. The capital and its countryside count as one ("near Damascus" is
// Rif Dimashq's Ghouta): news names the city for both.
bool elsewhere_than(const std::optional<ReportPlace>& p, const std::optional<ReportPlace>& than) {
  if (!p || !than || p->from != "sentence" || p->precision == "country" || than->precision == "country" ||
      p->admin1.empty() || than->admin1.empty() || p->admin1 == than->admin1)
    return false;
  auto capital_area = [](const std::string& admin1) { return admin1 == "Damascus" || admin1 == "Rif Dimashq"; };
  return !(capital_area(p->admin1) && capital_area(than->admin1));
}

// R5m: whether the actor ending before token `from` is the patient or a
// commentator of act `t` named right after it (sentence end `end`), not its
// agent: the act is a participle with its agent after it ("FSA officers
// executed by the jihadists"), or the words between are a passive or speech
// about the act (kNotAgentLinks), or civilians the actor's name qualifies
// ("Syrian refugees and displaced").
bool patient_or_commentator(const Doc& d, size_t from, const Trigger& t, size_t end) {
  const size_t after = t.token + t.length;
  if (after < end && d.low_is(after, "by")) return true;
  for (size_t k = from; k < t.token; ++k) {
    // "were hit" is a passive; "has been fighting", "were shelling" are not.
    if (d.is(k, extract::kNotAgentLink) && !(d.is(k, extract::kAuxiliary) && d.low[k + 1].ends_with("ing")))
      return true;
    const extract::VictimEntry* v = victim_entry(d, k);
    if (v && v->category == "civilians") return true;
  }
  return false;
}

void find_perpetrator(const Doc& d, size_t first, size_t end, const std::vector<Trigger>& triggers,
                      const std::vector<Casualty>& casualties, const kb::ActorDictionary& actors,
                      Roles& roles) {
  const Trigger* main_trigger = nullptr;
  for (const Trigger& t : triggers)
    if (!main_trigger || t.entry->rank > main_trigger->entry->rank) main_trigger = &t;
  // An actor merely named in the sentence is not its agent: it needs one of
  // the links below.
  int best_score = 1;
  // The article's mentions are sorted and disjoint: those in the sentence are
  // a run starting at the first one to begin inside it.
  const uint32_t sb = d.tok.tokens[first].begin, se = d.tok.tokens[end - 1].end;
  auto in_sentence = std::lower_bound(d.actors.begin(), d.actors.end(), sb,
                                      [](const kb::ActorMention& x, uint32_t b) { return x.begin < b; });
  size_t mb = first;  // the first token of the actor below, for ascending actors
  for (; in_sentence != d.actors.end() && in_sentence->begin < se; ++in_sentence) {
    const kb::ActorMention& m = *in_sentence;
    if (m.end > se) continue;
    const kb::Actor& act = actors.actors()[m.actor];
    if (!is_armed(act)) continue;
    if (roles.source && overlaps(m.begin, m.end, roles.source_begin, roles.source_end)) continue;
    bool victim = false;
    for (const Casualty& c : casualties)
      if (c.victims_end > c.victims_begin && overlaps(m.begin, m.end, c.victims_begin, c.victims_end))
        victim = true;
    // R5i: a state's name before a group's branch ("al-Qaeda's Syrian
    // affiliate", "IS's Syria branch") says where the branch is, not who acts.
    if ((act.kind == kb::ActorKind::kGovernment || act.kind == kb::ActorKind::kStateForce) &&
        names_a_branch(std::string_view(d.lower_text).substr(m.end, 12)))
      continue;
    // R5k: "anti-regime groups", "the anti-IS coalition" name X's enemies, not X.
    if (m.begin >= 5 && same_word(std::string_view(d.lower_text).substr(m.begin - 5, 5), "anti-")) continue;
    // "rebel-held town": the actor holds the place, it is not the agent.
    if (holds_the_place(d.text.substr(m.end, 12))) continue;
    // The actor's first token and the first token after it, walking on from
    // the last actor's (token_at(m.begin), token_at(m.end) in the sentence).
    while (mb < end && d.tok.tokens[mb].end <= m.begin) ++mb;
    size_t me = mb;
    while (me < end && d.tok.tokens[me].end <= m.end) ++me;
    // R5b: the article's own country by its name before the act ("Syria car
    // bomb", "16 dead in Syrias Idlib") says where, not who; its forces are
    // named otherwise ("Syrian", "the regime"), or after "by".
    if (!(mb > first && d.low_is(mb - 1, "by")) && names_focus_country(d, m)) continue;
    // A target cue right before the actor, or before its article ("against the regime").
    bool target = false;
    if (mb > first) {
      size_t k = mb - 1;
      if ((d.low_is(k, "the") || d.low_is(k, "a") || d.low_is(k, "an")) && k > first) --k;
      target = d.is(k, extract::kTargetCue);
    }
    // R5d: an actor of the same identity as the victims is not their killer
    // ("Terrorist Attack on Qalamoun Kills 10 Terrorists": the army did).
    for (const Casualty& c : casualties) {
      if (c.victims_end <= c.victims_begin || c.harm != Harm::kKilled) continue;
      auto o = std::lower_bound(d.actors.begin(), d.actors.end(), c.victims_begin,
                                [](const kb::ActorMention& x, uint32_t b) { return x.begin < b; });
      for (; o != d.actors.end() && o->begin < c.victims_end; ++o)
        if (o->actor == m.actor && &*o != &m && o->end <= c.victims_end) victim = true;
    }
    if (victim || target) {
      if (!roles.target && target) roles.target = &m;
      continue;
    }
    const bool named = !is_generic(act.id);
    int score = 0;
    for (const Trigger& t : triggers) {
      // A generic agent that is the weapon itself ("warplanes") is no link.
      if (!named && t.token >= mb && t.token < me) continue;
      // "coalition strike", "US-led air strikes"; the sentence's main act counts most.
      // R5e: not across a preposition ("members of the militants in an
      // offensive": the militants are not the offensive's agent).
      if (t.token >= mb && t.token <= me + 2 && !any_of_words(d, me, t.token, extract::kPreposition) &&
          !patient_or_commentator(d, me, t, end))
        score += &t == main_trigger ? 4 : 3;
      // R5f: the other party of a clash ("killed in clashes with the Daish
      // terrorist organization", "clashes between Faylaq al-Rahman and ...").
      if (t.entry->type == IncidentType::kArmedClash && mb >= t.token + t.length && mb <= t.token + t.length + 2 &&
          (d.low_is(t.token + t.length, "with") || d.low_is(t.token + t.length, "between")))
        score += 3;
    }
    // "the US carried out an airstrike", "IS launched an attack": the act is
    // the object of a light verb right after the actor.
    for (size_t k = me; k < end && k < me + 3; ++k) {
      if (!d.is(k, extract::kLightVerb)) continue;
      for (const Trigger& t : triggers)
        if (t.token > k && t.token <= k + 4) score += &t == main_trigger ? 4 : 3;
      break;
    }
    // "carried out by", "by the coalition"; but "controlled by rebels",
    // "besieged by government forces" name a holder (R5c), and "a deal
    // brokered by rebel backer Qatar" a party to talks (R5c').
    static constexpr std::string_view kByNamesNoAgent[] = {
        "held",     "controlled", "besieged", "run",      "surrounded", "encircled", "dominated",   "occupied",
        "seized",   "brokered",   "mediated", "sponsored", "negotiated", "endorsed", "proposed", "welcomed",
        "inaugurated"};
    for (size_t b = 1; b <= 2; ++b)
      if (mb >= first + b && d.low_is(mb - b, "by") &&
          !(mb >= first + b + 1 && one_of(d.low[mb - b - 1], kByNamesNoAgent)))
        score += 3;
    // "warplanes from the US-led coalition", "strikes of the coalition".
    for (size_t k = mb; k-- > first && k + 3 > mb;) {
      if (!d.low_is(k, "from") && !d.low_is(k, "of")) continue;
      for (const Trigger& t : triggers)
        if (t.token + t.length == k) score += 3;
    }
    // R5j: not across a toll ("Senior ISIS Commander 34 Terrorists Killed":
    // the verb's subject is the victims, the actor's commander among them).
    // Not a passive ("vehicles of Jabhat al-Nusra were destroyed"): its subject is the target.
    auto passive = [&](size_t k) {
      static constexpr std::string_view kBe[] = {"was", "were", "been", "being", "is", "are"};
      return k > 0 && one_of(d.low[k - 1], kBe);
    };
    for (size_t k = me; k < end && k < me + 4; ++k) {
      if (!d.is(k, extract::kAttackVerb) || passive(k)) continue;
      const uint32_t from = m.end, to = d.tok.tokens[k].begin;
      const bool across_toll = std::any_of(casualties.begin(), casualties.end(), [&](const Casualty& c) {
        return c.number->begin >= from && c.number->end <= to;
      });
      if (!across_toll) score += 2;
    }
    if (score <= 1) continue;  // no link to the act
    // A named actor over a generic one ("warplanes", "military") when both are
    // linked as well: "hit by warplanes from the US-led coalition".
    const int rank = score + (named ? 1 : 0);
    if (rank > best_score || (rank == best_score && named)) {
      best_score = rank;
      roles.perpetrator = &m;
    }
  }
}

// R7 (stance): denied when the sentence carries a denial, hedged when it
// carries a hedge ("reportedly", "it was not clear"), reported when it names a
// source, asserted otherwise (the outlet's own voice).
Stance stance_of(const Doc& d, size_t first, size_t end, const Roles& roles) {
  if (any_of_words(d, first, end, extract::kDenial)) return Stance::kDenied;
  if (any_of_words(d, first, end, extract::kHedge)) return Stance::kHedged;
  for (size_t i = first; i + 2 < end; ++i)
    if (d.low_is(i, "not") && d.low_is(i + 1, "clear")) return Stance::kHedged;
  return roles.source ? Stance::kReported : Stance::kAsserted;
}

// R6 (cumulative): a figure followed (or preceded) in its sentence by a
// period cue ("since 2014", "so far", "from 2014 till 2019"), or framed by the
// war itself, is a running total.
bool is_cumulative(const Doc& d, size_t first, size_t end) {
  // R6b: the war itself as the frame ("the war has killed more than
  // 300,000", "the death toll from the six-year conflict"), not "a war
  // monitor" or "war crimes".
  for (size_t i = first + 1; i < end; ++i) {
    if (!d.is(i, extract::kWar) || (i + 1 < end && d.is(i + 1, extract::kNotWarSense))) continue;
    // R6e: nor the war a monitor watches ("a group monitoring the conflict
    // said", "which monitors both sides of the conflict"): that names the
    // source, not the frame of the toll.
    bool watched = false;
    for (size_t k = i; k-- > first && k + 5 >= i;)
      if (d.low[k].starts_with("monitor")) watched = true;
    if (watched) continue;
    const std::string_view before = d.low[i - 1];
    // "the Syrian conflict", "the ongoing war": one word may stand between.
    const bool determiner = d.is(i - 1, extract::kWarDeterminer) || (i >= first + 2 && d.is(i - 2, extract::kWarDeterminer));
    // "Syria's war", "Syrias war" (the apostrophe lost in some copies).
    const bool possessive = before.ends_with("'s") || before.ends_with("\u2019s") ||
                            (before.ends_with("s") && (d.tok.tokens[i - 1].flags & text::kCapitalized));
    if (determiner || possessive || before.ends_with("-year") || before.ends_with("-year-old")) return true;
  }
  for (size_t i = first; i < end; ++i) {
    if (!d.is(i, extract::kCumulativeCueStart)) continue;  // most words start no cue
    for (const auto& [cue, w] : split_list<extract::kCumulativeCues>()) {
      bool ok = i + w.size() <= end;
      for (size_t k = 0; k < w.size() && ok; ++k) ok = d.low[i + k] == w[k];
      if (ok) return true;
    }
  }
  return false;
}

// R15d: whether a "since" stands before token `at` in its sentence, with
// no more than a clause's length of words between ("since rebels launched a
// campaign from Idlib to break a government siege of Aleppo's opposition
// districts on July 31").
bool opened_by_since(const Doc& d, size_t first, size_t at) {
  constexpr size_t kClause = 16;
  for (size_t i = at; i > first && at - i < kClause; --i)
    if (d.low_is(i - 1, "since")) return true;
  return false;
}

std::optional<ReportDate> to_report_date(const text::DateExpression& e, const char* from) {
  if (!e.start || !e.end_date) return std::nullopt;
  return ReportDate{*e.start, *e.end_date, e.precision, from};
}

// The place of mention `m` into `out`, built there (a ReportPlace move moves six strings).
void to_report_place(std::optional<ReportPlace>& out, const kb::Gazetteer& g, const kb::PlaceMention& m,
                     const char* from) {
  kb::Place p = g.place(m.place);
  out.emplace(std::move(p.name), std::move(p.id), p.lat, p.lon, std::move(p.admin1), std::move(p.country),
              kb::to_string(p.precision), from);
}

}  // namespace

// R12 (perpetrator identity): a country named as the agent of violence
// ("Syria", "Russian") means its armed forces; a generic agent ("regime",
// "military", "government", "police") means the state of the article's country.
ActorRef Extractor::Impl::resolve(const kb::Actor& act, const Doc& d) const {
  const auto& all = actors->actors();
  // The government of a country named as the agent of violence acts through its forces.
  if (act.kind == kb::ActorKind::kGovernment && !act.country.empty() && !is_generic(act.id)) {
    if (auto it = state_forces.find(act.country); it != state_forces.end()) return to_ref(all[it->second]);
  }
  if (act.id.starts_with("cameo:") && act.kind != kb::ActorKind::kArmedGroup) {
    const std::string& country = act.country.empty() && is_generic(act.id) ? d.focus_country
                                                                                     : act.country;
    if (auto it = state_forces.find(country); it != state_forces.end()) return to_ref(all[it->second]);
  }
  return to_ref(act);
}

namespace {

// Whether token `k` lies inside a date expression.
bool in_date(const Doc& d, size_t k) {
  const Token& t = d.tok.tokens[k];
  for (const text::DateExpression& e : d.dates)
    if (t.begin < e.end && e.begin < t.end) return true;
  return false;
}

// Whether the word of token `k` also appears in the article in lower case.
// A scan: R16 asks for a few phrases per article, fewer than the words a set
// of the article's lower-case words would hash.
bool written_lower_case(const Doc& d, size_t k) {
  const std::string_view w = d.low[k];
  for (size_t i = 0; i < d.low.size(); ++i)
    if (d.low[i].size() == w.size() && !(d.tok.tokens[i].flags & text::kCapitalized) && d.low[i] == w &&
        d.tok.tokens[i].kind == TokenKind::kWord)
      return true;
  return false;
}

// Whether a place mention of a country starts at token `k` ("Syrias": the
// gazetteer reads the lost possessive).
bool country_mention_at(const Doc& d, size_t k) {
  const uint32_t b = d.tok.tokens[k].begin;
  auto p = std::lower_bound(d.places.begin(), d.places.end(), b,
                            [](const kb::PlaceMention& x, uint32_t v) { return x.begin < v; });
  return p != d.places.end() && p->begin == b &&
         d.info_of(*p).precision == kb::PlacePrecision::kCountry;
}

}  // namespace

// "Syria", "Syria's", or "Syrias" with the apostrophe lost (but not "Homs").
bool Extractor::Impl::is_country_word(const Doc& d, size_t k) const {
  const std::string_view w = d.low[k];  // possessive 's already removed
  if (w.size() < 4) return false;
  return country_names.get(w, [this](std::string_view x) { return is_country_name(x); });
}

bool Extractor::Impl::is_country_name(std::string_view w) const {
  // The best candidate of the exact name, without the ranking geocode() does.
  if (gazetteer->best_candidate_is_country(w)) return true;
  // "Syrias" may also spell a village ("Sarisah"): the country stem wins.
  return w.back() == 's' && gazetteer->best_candidate_is_country(w.substr(0, w.size() - 1));
}

std::optional<ReportPlace> Extractor::Impl::place_after_preposition(const Doc& d, size_t first,
                                                                    size_t end) const {
  int tries = 0;
  for (size_t i = first; i + 1 < end; ++i) {
    if (!d.is(i, extract::kPlacePreposition)) continue;
    size_t k = i + 1;
    if (d.low_is(k, "the")) ++k;
    // "Syria's Deir Ezzor", "Syrias Aleppo": a country (or its possessive with
    // the apostrophe lost) before the place is not part of it.
    const std::string_view focus = d.focus_country;
    // R16b: the country word is skipped whatever follows ("in Syrias
    // opposition government" names no place: not "Sarisah").
    if (k < end && (d.tok.tokens[k].flags & text::kCapitalized) &&
        (country_mention_at(d, k) || (k + 1 < end && (d.tok.tokens[k + 1].flags & text::kCapitalized) &&
                                      is_country_word(d, k))))
      ++k;
    // R16c: a word of a date ("in March", "on Sunday") is no place. R16f:
    // nor a headline's capitalised verb of the act or of saying ("in Syria
    // Killing About 80", "in Aleppo Says Monitor"): the geocoder's loose keys
    // would take "Killing" for a village.
    constexpr uint32_t kVerbOfTheAct =
        extract::kKillWord | extract::kInjureWord | extract::kAttackVerb | extract::kReportingVerb;
    size_t j = k;
    while (j < end && j < k + 3 && (d.tok.tokens[j].flags & text::kCapitalized) &&
           d.tok.tokens[j].kind == TokenKind::kWord && !in_date(d, j) && !d.is(j, kVerbOfTheAct))
      ++j;
    if (j == k) continue;
    // R16e: a place fused to "-backed", "-based", "-led" ... names who backs
    // or hosts a party ("of the Damascus-backed militia", "by Aleppo-based
    // activists"), not where anything happened.
    bool affiliation = false;
    for (size_t w = k; w < j && !affiliation; ++w) affiliation = has_affiliation_suffix(d.low[w]);
    if (affiliation) continue;
    // Actors ("of the Syrian Observatory") are not places: the mention that
    // could hold the phrase's start is the last to begin at or before it (the
    // mentions are sorted and disjoint).
    const uint32_t pb = d.tok.tokens[k].begin;
    auto holder = std::upper_bound(d.actors.begin(), d.actors.end(), pb,
                                   [](uint32_t v, const kb::ActorMention& x) { return v < x.begin; });
    if (holder != d.actors.begin() && pb < std::prev(holder)->end) continue;
    // R16d: a phrase starting with a word the article also writes in lower
    // case starts with a common word capitalised by a headline ("Shelling in
    // Square Kills 8", "Attacks in Various Provinces"). A scan of the
    // article's tokens, so after the search above.
    if (written_lower_case(d, k)) continue;
    // Geocoding is costly, so a sentence gets a few tries at most.
    if (++tries > 3) break;
    kb::GeoContext ctx{std::string(focus.empty() ? kTheatreCountry : focus), {}};
    std::string key = ctx.country;
    key.push_back('\0');
    key.append(d.span(d.tok.tokens[k].begin, d.tok.tokens[j - 1].end));
    const auto index = phrase_places.get(key, [&](std::string_view) {
      return gazetteer->geocode(std::string_view(key).substr(ctx.country.size() + 1), ctx);
    });
    if (!index) continue;
    const kb::Place p = gazetteer->place(*index);
    if (p.country != ctx.country || p.precision == kb::PlacePrecision::kCountry) continue;
    return ReportPlace{p.name, p.id, p.lat, p.lon, p.admin1, p.country, kb::to_string(p.precision), "sentence"};
  }
  return std::nullopt;
}

std::vector<Report> Extractor::Impl::extract(const Article& a) const {
  thread_local Doc d;  // see Doc::reset
  d.reset();
  analyse(a, d);
  std::vector<Report> reports;
  reports.reserve(16);  // nearly every article's: growing moved each report twice on average
  const auto& sentences = d.tok.sentences;

  auto paragraph_of = [&](uint32_t b) -> size_t {
    for (size_t i = 0; i < a.paragraphs.size(); ++i)
      if (b >= a.paragraphs[i].begin && b < a.paragraphs[i].end) return i;
    return a.paragraphs.size();
  };

  // The lead region: the title, if the text has one, and the first three
  // paragraphs of the body.
  const size_t lead_paragraphs = !a.paragraphs.empty() && a.paragraphs[0].kind == ParagraphKind::kTitle ? 4 : 3;
  const uint32_t lead_region_end = a.paragraphs.size() >= lead_paragraphs ? a.paragraphs[lead_paragraphs - 1].end
                                                                          : static_cast<uint32_t>(a.text.size());

  // R11 (main place): the first place of the title and lead paragraph in the
  // article's country, finer than the country; else the finest such place anywhere.
  // R11c: a district or governorate counts as a town here ("airstrikes in
  // Hasakah province" before "Deir ez-Zor" in the lead): the first named wins.
  // So does a point (a neighbourhood, a dam): a neighbourhood's name is often
  // a namesake's ("al-Mayadin" is also a quarter of Damascus).
  std::optional<ReportPlace> main_place;
  {
    auto main_rank = [&](const kb::PlaceMention& m) {
      const int sc = d.score(m);
      return sc % 10 == 0 || sc % 10 == 2 || sc % 10 == 3 ? sc - sc % 10 + 1 : sc;
    };
    const uint32_t lead_end = lead_region_end;
    const kb::PlaceMention* best = nullptr;
    int best_score = 99;
    for (int pass = 0; pass < 2 && !best; ++pass) {
      for (const kb::PlaceMention& m : d.places) {
        if (pass == 0 && m.begin >= lead_end) break;
        const int sc = main_rank(m);
        if (sc < best_score) {
          best_score = sc;
          best = &m;
        }
      }
      if (best && best_score >= 4) best = nullptr;  // only a country: look further
    }
    if (!best && !d.places.empty()) {
      for (const kb::PlaceMention& m : d.places)
        if (!best || d.score(m) < d.score(*best))
          best = &m;
    }
    if (best) to_report_place(main_place, *gazetteer, *best, "article");
  }

  // What each sentence says of the act and its agent, emitted or not, for the
  // reports of the same paragraph or lead that leave them out.
  struct SentenceSummary {
    uint32_t begin = 0;
    size_t paragraph = 0;
    const extract::TriggerEntry* trigger = nullptr;
    bool toll = false;  // a casualty figure of its own
    const kb::ActorMention* perpetrator = nullptr;  // resolved only where R14 looks at it
  };
  // Scratch: thread_local, so they keep their capacity across articles.
  thread_local std::vector<SentenceSummary> summaries;
  summaries.clear();
  summaries.reserve(sentences.size());  // one per sentence
  thread_local std::vector<std::pair<uint32_t, ReportDate>> date_candidates;  // (begin, date), of one sentence at a time
  thread_local std::vector<Trigger> triggers;      // of one sentence at a time
  thread_local std::vector<Casualty> casualties;   // likewise

  std::optional<ReportDate> paragraph_date;
  std::optional<ReportPlace> paragraph_place;
  // The paragraph's place while it is a sentence's mention: most sentences
  // never emit a report, so its record is built only when read.
  const kb::PlaceMention* paragraph_mention = nullptr;
  auto build_paragraph_place = [&] {
    if (!paragraph_mention) return;
    to_report_place(paragraph_place, *gazetteer, *paragraph_mention, "sentence");
    paragraph_mention = nullptr;
  };
  size_t current_paragraph = SIZE_MAX;
  for (size_t si = 0; si < sentences.size(); ++si) {
    const text::Sentence& s = sentences[si];
    if (s.end_token <= s.first_token) continue;
    const size_t para = paragraph_of(s.begin);
    if (para != current_paragraph) {
      current_paragraph = para;
      paragraph_date.reset();
      paragraph_place.reset();
      paragraph_mention = nullptr;
    }
    const size_t first = s.first_token, end = s.end_token;

    // Sentence dates and places, remembered for the sentences after it.
    // R15 (sentence date): the first date the sentence names, passing over the
    // article's own dateline at the top of the text ("Published April 13 2017
    // An air strike on Tuesday ..." happened on Tuesday).
    std::optional<ReportDate> dateline_date;
    date_candidates.clear();
    for (const text::DateExpression& e : Doc::beginning_in(d.dates, s.begin, s.end)) {
      if (e.begin < s.begin || e.end > s.end) continue;
      auto rd = to_report_date(e, "sentence");
      if (!rd) continue;
      const bool is_dateline = !e.relative && d.article_date && e.begin < 300 && rd->start == *d.article_date;
      if (is_dateline) {
        if (!dateline_date) dateline_date = rd;
        continue;
      }
      // R15c: a day and month without a year that only fits the year before
      // ("in a controversial June 3 poll", written on May 23) is a coming day,
      // not the day of the act.
      if (e.relative && e.weekday < 0 && e.precision == DatePrecision::kDay && d.article_date &&
          text::day_number(*d.article_date) - text::day_number(rd->start) > 180)
        continue;
      date_candidates.emplace_back(e.begin, *rd);
    }
    find_triggers(d, first, end, triggers);
    find_casualties(d, first, end, s.begin, s.end, casualties);
    Roles roles;
    // A sentence with neither an act nor a toll emits no report and lends R14
    // nothing: its roles are never read (most sentences).
    if (!triggers.empty() || !casualties.empty()) {
      find_source(d, first, end, *actors, roles);
      find_perpetrator(d, first, end, triggers, casualties, *actors, roles);
    }

    const Trigger* main = nullptr;
    for (const Trigger& t : triggers)
      if (!main || t.entry->rank > main->entry->rank) main = &t;

    // R17 (sentence place): the most precise place of the article's country;
    // among equals, the one nearest the first casualty figure or the act
    // ("fighting IS in Deir al-Zour ..., in the al-Tanf area ..., the US
    // carried out an airstrike" is at al-Tanf).
    const kb::PlaceMention* sentence_mention = nullptr;
    {
      uint32_t anchor = s.begin;
      if (!casualties.empty()) anchor = casualties.front().number->begin;
      else if (main) anchor = d.tok.tokens[main->token].begin;
      int best_rank = 199;
      uint32_t best_dist = UINT32_MAX;
      const kb::PlaceMention* best = nullptr;
      size_t origin_end = SIZE_MAX;  // the token after the last place of origin
      for (const kb::PlaceMention& m : Doc::beginning_in(d.places, s.begin, s.end)) {
        if (m.begin < s.begin || m.end > s.end) continue;
        // R17b: a place after "from" is where people or fire came from ("51
        // martyrs from Kefraya ... escorted from the Military Hospital in
        // Aleppo"): among places of the same precision it comes last.
        // So is the place joined to it ("from Kefraya and al-Fouaa").
        const size_t at = d.token_at(m.begin, first, end);
        const bool origin =
            at > first && (d.low_is(at - 1, "from") ||
                           ((d.low_is(at - 1, "and") || d.low_is(at - 1, ",")) && at - 1 == origin_end));
        if (origin) origin_end = d.token_at(m.end, first, end);
        const int r = 2 * d.score(m) + (origin ? 1 : 0);
        const uint32_t dist = m.begin > anchor ? m.begin - anchor : anchor - m.begin;
        if (r < best_rank || (r == best_rank && dist < best_dist)) {
          best_rank = r;
          best_dist = dist;
          best = &m;
        }
      }
      // R17c: a village or quarter of another governorate than the one its
      // sentence names ("Khaled Bin al-Walid street in central Damascus"
      // read as a Hasakah village, "al-Karima town ... in Western Hama" as a
      // Latakia one) is a namesake the gazetteer chose: the sentence's
      // governorate stands for it.
      if (best && (d.info_of(*best).precision == kb::PlacePrecision::kLocality ||
                   d.info_of(*best).precision == kb::PlacePrecision::kPoint)) {
        const kb::Place bp = gazetteer->place(best->place);
        if (!is_well_known(bp))
          for (const kb::PlaceMention& m : Doc::beginning_in(d.places, s.begin, s.end)) {
            if (m.end > s.end || d.info_of(m).precision != kb::PlacePrecision::kRegion) continue;
            const kb::Place g = gazetteer->place(m.place);
            if (g.country == bp.country && !g.admin1.empty() && g.admin1 != bp.admin1) {
              best = &m;
              break;
            }
          }
      }
      sentence_mention = best;
    }
    bool has_casualty = false;
    for (const Casualty& c : casualties)
      if (!c.breakdown) has_casualty = true;

    // The date of the act: of the sentence's dates, the one nearest its first
    // casualty figure (else its act), so "killed 21 on Sunday ahead of the
    // June 3 election" is dated Sunday.
    std::optional<ReportDate> sentence_date;
    uint32_t sentence_date_begin = s.begin;  // of the chosen date, else of the sentence
    {
      uint32_t anchor = s.begin;
      if (!casualties.empty()) anchor = casualties.front().number->begin;
      else if (main) anchor = d.tok.tokens[main->token].begin;
      uint32_t best = UINT32_MAX;
      for (const auto& [begin, rd] : date_candidates) {
        const uint32_t dist = begin > anchor ? begin - anchor : anchor - begin;
        if (dist < best) {
          best = dist;
          sentence_date = rd;
          sentence_date_begin = begin;
        }
      }
      if (!sentence_date) sentence_date = dateline_date;
    }

    // R8 (report): a casualty figure, or a specific act anchored by an actor,
    // a place or a date of its own sentence.
    const bool anchored = roles.perpetrator || sentence_mention || sentence_date;
    const bool emit = has_casualty || (main && main->entry->rank >= 3 && anchored) ||
                      (main && main->entry->rank >= 1 && (sentence_mention || roles.perpetrator) &&
                       (main->entry->type == IncidentType::kDeployment ||
                        main->entry->type == IncidentType::kDisplacement ||
                        main->entry->type == IncidentType::kTerritoryChange));
    // R15b: a date more than a year before the article's is history ("the
    // 1988 gas attack on Halabja"): its sentence keeps it, but the sentences
    // after it do not inherit it.
    const bool history =
        sentence_date && d.article_date && text::day_number(*d.article_date) - text::day_number(sentence_date->end) > 366;
    // R15d: a date a "since" opens ("killed since November 15", "have
    // intensified since rebels launched a campaign on July 31") starts a
    // period; the sentences after it tell of later days, so they do not
    // inherit it either.
    const bool period_start = sentence_date && opened_by_since(d, first, d.token_at(sentence_date_begin, first, end));
    // R15e: a month or year that ends before the paragraph's day is
    // background ("attacked on Monday ... The town was captured in May. The
    // LCC said 27 people were killed"): the paragraph keeps its day. Not a
    // span of days ("at the weekend"), which dates acts.
    const bool background = sentence_date && paragraph_date && sentence_date->precision >= DatePrecision::kMonth &&
                            paragraph_date->precision <= DatePrecision::kDays &&
                            text::day_number(sentence_date->end) < text::day_number(paragraph_date->start);
    if (sentence_date && !history && !period_start && !background) paragraph_date = sentence_date;
    if (sentence_mention) paragraph_mention = sentence_mention;
    summaries.push_back({s.begin, para, main ? main->entry : nullptr, has_casualty, roles.perpetrator});
    if (!emit) continue;
    // The place record is built once, for the winner of a report's sentence.
    std::optional<ReportPlace> sentence_place;
    if (sentence_mention) {
      to_report_place(sentence_place, *gazetteer, *sentence_mention, "sentence");
      if (paragraph_mention == sentence_mention) {
        paragraph_place = sentence_place;
        paragraph_mention = nullptr;
      }
    }
    // R16 (place phrase): a report whose sentence names no place finer than a
    // country may still say where: the capitalised words after "in", "near",
    // "outside" ("in Syrias Deir Ezzor", "near Ramussa") are geocoded in the
    // article's country and kept when they resolve there. Only for reports:
    // geocoding is costly.
    if (!sentence_place || sentence_place->precision == "country") {
      if (auto p = place_after_preposition(d, first, end)) {
        paragraph_place = p;
        paragraph_mention = nullptr;
        sentence_place = std::move(p);
      }
    }

    // Built in place: moving a finished Report moves some 20 strings.
    Report& r = reports.emplace_back();
    r.article = a.id;
    r.type = main ? main->entry->type : IncidentType::kOther;
    if (main) {
      const Token& t0 = d.tok.tokens[main->token];
      const Token& t1 = d.tok.tokens[main->token + main->length - 1];
      r.trigger = std::string(d.span(t0.begin, t1.end));
    }
    fill_figures(d, casualties, r);
    // R6c: a toll of more than 20,000 is a war's running total, never one
    // incident ("More than 300,000 people have been killed and millions forced to flee").
    constexpr int64_t kLargestIncident = 20000;
    const bool war_scale = r.figures.killed && r.figures.killed->low > kLargestIncident;
    r.cumulative = has_casualty && (war_scale || is_cumulative(d, first, end));
    if (r.cumulative) r.type = IncidentType::kOther;
    if (roles.perpetrator) {
      r.perpetrator = resolve(actors->actors()[roles.perpetrator->actor], d);
    } else if (main && !main->entry->implies_actor.empty()) {
      if (const kb::Actor* implied = actors->by_id(main->entry->implies_actor)) r.perpetrator = to_ref(*implied);
    }
    if (!r.victims && roles.target) {
      const kb::Actor& t = actors->actors()[roles.target->actor];
      r.victims = Victims{std::string(d.span(roles.target->begin, roles.target->end)),
                          t.kind == kb::ActorKind::kStateForce ? "soldiers" : "fighters"};
    }
    if (roles.source) r.source = roles.source->attribution();
    r.stance = stance_of(d, first, end, roles);
    // R18 (definite act): "killed in the air strike" names an act told
    // before; without a date or place of its own the sentence takes those of
    // the article's previous report of a compatible act.
    const bool definite = main && main->token > first && d.low_is(main->token - 1, "the");
    if (definite && reports.size() > 1 && !sentence_date && !paragraph_date &&
        (!sentence_place || sentence_place->precision == "country")) {
      const Report& prev = reports[reports.size() - 2];  // the report before r
      if (prev.type == r.type || prev.type == IncidentType::kOther) {
        build_paragraph_place();
        if (prev.date) {
          paragraph_date = prev.date;
          paragraph_date->from = "paragraph";
        }
        if (prev.place && (!paragraph_place || paragraph_place->precision == "country")) {
          paragraph_place = prev.place;
          paragraph_place->from = "paragraph";
        }
      }
    }
    r.date = sentence_date ? sentence_date : paragraph_date;
    if (r.date && !sentence_date) r.date->from = "paragraph";
    if (!r.date && d.article_date) r.date = ReportDate{*d.article_date, *d.article_date, DatePrecision::kDay, "article"};
    // A sentence that names only a country takes the finer place its
    // paragraph or article gives in that country ("in Syria" -> Idlib).
    r.place = std::move(sentence_place);
    // R11b: a place outside the article's country ("negotiations in Geneva",
    // "Washington blames", a village of Iran the gazetteer took "Ramussa"
    // for) gives way likewise to the paragraph's or article's place in it.
    const auto finer = [&](const std::optional<ReportPlace>& p, const std::optional<ReportPlace>& than) {
      if (!p) return false;
      if (!than) return true;
      if (!d.focus_country.empty() && than->country != d.focus_country && p->country == d.focus_country &&
          p->precision != "country")
        return true;
      return than->precision == "country" && p->precision != "country" && p->country == than->country;
    };
    build_paragraph_place();
    if (finer(paragraph_place, r.place)) {
      r.place = paragraph_place;
      r.place->from = "paragraph";
    }
    if (finer(main_place, r.place)) r.place = main_place;
    r.span_begin = s.begin;
    r.span_end = s.end;
    r.quote = std::string(d.span(s.begin, s.end));
    r.id = hex64(XXH3_64bits_withSeed(a.id.data(), a.id.size(), (uint64_t{s.begin} << 32) | s.end));
  }

  // R13 (inherited act): a report whose sentence names no act ("20 civilians
  // were killed in the attack") takes the most specific act its paragraph
  // names (the highest rank; the first of equal rank).
  auto best_trigger = [&](auto&& in_scope) -> const extract::TriggerEntry* {
    const extract::TriggerEntry* best = nullptr;
    for (const SentenceSummary& sum : summaries)
      if (sum.trigger && in_scope(sum) && (!best || sum.trigger->rank > best->rank)) best = sum.trigger;
    return best;
  };
  for (Report& r : reports) {
    if (r.type != IncidentType::kOther || r.cumulative) continue;
    const size_t para = paragraph_of(r.span_begin);
    const extract::TriggerEntry* t =
        best_trigger([&](const SentenceSummary& sum) { return sum.paragraph == para; });
    if (!t && r.span_begin < lead_region_end)
      t = best_trigger([&](const SentenceSummary& sum) { return sum.begin < lead_region_end; });
    if (t && t->rank >= 3) {
      r.type = t->type;
      if (!r.perpetrator && !t->implies_actor.empty())
        if (const kb::Actor* implied = actors->by_id(t->implies_actor)) r.perpetrator = to_ref(*implied);
    }
  }

  // R9 (lead): the first report of the title or lead paragraph that has a
  // casualty figure, else the first incident report there, else the first
  // report that is not a running total.
  if (!reports.empty()) {
    const uint32_t lead_end = lead_region_end;
    Report* lead = nullptr;
    // R9c: a headline's figure is often rounded or partial ("More than 50
    // civilians killed" above "At least 51 civilians ... were killed"): the
    // body's first toll wins, the headline's only when the body has none.
    const uint32_t title_end = !a.paragraphs.empty() && a.paragraphs[0].kind == ParagraphKind::kTitle
                                   ? a.paragraphs[0].end : 0;
    for (const uint32_t from : {title_end, uint32_t{0}}) {
      for (Report& r : reports)
        if (!r.cumulative && r.span_begin >= from && r.span_begin < lead_end && !r.figures.empty()) {
          lead = &r;
          break;
        }
      if (lead) break;
    }
    if (!lead)
      for (Report& r : reports)
        if (!r.cumulative && r.span_begin < lead_end && r.type != IncidentType::kOther) {
          lead = &r;
          break;
        }
    if (!lead)
      for (Report& r : reports)
        if (!r.cumulative) {
          lead = &r;
          break;
        }
    if (!lead) lead = &reports.front();
    // R9b (refined toll): a lead whose toll is only an order of magnitude
    // ("dozens of civilians have been killed", "Scores of civilians ... were
    // killed") announces a toll the article gives later ("At least 51
    // civilians ... were killed"): the first later report of a compatible act
    // with a stated number is the lead. Its figures stay with their own quote.
    const auto vague = [](const Report& r) {
      return r.figures.killed && r.figures.killed->qualifier == "unknown";
    };
    // R9d: so does a rounded floor ("more than 30 people") that a later toll
    // states exactly above it ("At least 31 people have been killed").
    const auto rounded = [](const Report& r) {
      return r.figures.killed && r.figures.killed->qualifier == "more than" && r.figures.killed->low >= 10 &&
             r.figures.killed->low % 10 == 0;
    };
    const bool refine_rounded = rounded(*lead);
    if (vague(*lead) || refine_rounded) {
      for (Report& r : reports) {
        if (r.span_begin <= lead->span_begin || r.cumulative || !r.figures.killed || vague(r)) continue;
        if (refine_rounded && (rounded(r) || r.figures.killed->low <= lead->figures.killed->low ||
                               r.figures.killed->low * 2 > lead->figures.killed->low * 3))
          continue;
        if (r.type != lead->type && r.type != IncidentType::kOther && lead->type != IncidentType::kOther) continue;
        // Civilians announced are refined by a toll of civilians or people.
        const bool civilian = r.figures.civilians_killed ||
                              (r.victims && (r.victims->category == "civilians" || r.victims->category == "people"));
        if (lead->figures.civilians_killed && !civilian) continue;
        lead = &r;
        break;
      }
    }
    lead->lead = true;
    // R14 (lead agent): the title and lead paragraph describe the lead
    // incident, so a lead that does not name its agent takes theirs.
    // R14b: only the agent of a compatible act (same type, or either
    // untyped): in a car bombing's lead, the regime's shelling told beside it
    // is another incident. A sentence that names no act at all counts only
    // with a toll of its own ("Syrian troops killed 20 fighters"): an agent
    // tied to a bare verb elsewhere in a long lead is too loose a link.
    // R14e: an article that says nobody knows who did it ("No group has
    // claimed responsibility", "It was not immediately clear who carried out
    // the attack") leaves its bombing without an agent.
    const bool unclaimed_bombing = (lead->type == IncidentType::kExplosion || lead->type == IncidentType::kOther) &&
                                   says_agent_unknown(d);
    if (unclaimed_bombing) lead->perpetrator.reset();
    if (!lead->perpetrator && !unclaimed_bombing && lead->span_begin < lead_region_end) {
      // R14f: nor the agent the lead's victims belong to ("24 Daesh terrorists
      // were killed" is no act of Daesh), as R5d within a sentence: a group or
      // a force named in the victims, not a country's name ("Syria Rebels Dead").
      std::vector<std::string> victims_side;
      if (lead->victims)
        for (const kb::ActorMention& m : Doc::beginning_in(d.actors, lead->span_begin, lead->span_end)) {
          const kb::ActorKind kind = actors->actors()[m.actor].kind;
          if (m.end <= lead->span_end && (kind == kb::ActorKind::kArmedGroup || kind == kb::ActorKind::kStateForce) &&
              lead->victims->name.find(d.span(m.begin, m.end)) != std::string::npos)
            victims_side.push_back(resolve(actors->actors()[m.actor], d).id);
        }
      auto victims_own = [&](const ActorRef& p) {
        return std::find(victims_side.begin(), victims_side.end(), p.id) != victims_side.end();
      };
      for (const SentenceSummary& sum : summaries) {
        if (sum.begin >= lead_region_end || !sum.perpetrator ||
            !(sum.trigger ? compatible_acts(sum.trigger->type, lead->type) : sum.toll))
          continue;
        // R14g: nor from a sentence whose own report is placed in another
        // governorate: another incident ("... which also saw 33 civilians
        // killed in Aleppo when government aircraft bombed a market" beside a
        // car bombing in Hama).
        const bool elsewhere = std::any_of(reports.begin(), reports.end(), [&](const Report& o) {
          return o.span_begin == sum.begin && elsewhere_than(o.place, lead->place);
        });
        if (elsewhere) continue;
        ActorRef p = resolve(actors->actors()[sum.perpetrator->actor], d);
        if (victims_own(p)) continue;
        lead->perpetrator = std::move(p);
        break;
      }
    }
    if (!unclaimed_bombing && (!lead->perpetrator || is_generic(lead->perpetrator->id)))
      if (const kb::ActorMention* m = claimant(d, *actors)) lead->perpetrator = resolve(actors->actors()[m->actor], d);
  }
  return reports;
}

}  // namespace sitrep
