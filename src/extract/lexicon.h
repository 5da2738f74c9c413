// Word lists behind the extraction rules. Each list is a dictionary class the
// rules in extractor.cc refer to by name; phrases are lower-case words
// separated by single spaces and match whole tokens.
#pragma once

#include <string_view>

#include "sitrep/report.h"

namespace sitrep::extract {

// Words that describe the act, with the incident type they give and a rank:
// when a sentence has several, the most specific (highest rank) wins.
struct TriggerEntry {
  std::string_view phrase;
  IncidentType type;
  int rank;
  std::string_view implies_actor;  // an actor id the weapon implies, or ""
};

inline constexpr TriggerEntry kTriggers[] = {
    // Chemical weapons.
    {"chemical attack", IncidentType::kChemicalAttack, 9, ""},
    {"chemical attacks", IncidentType::kChemicalAttack, 9, ""},
    {"chemical weapons", IncidentType::kChemicalAttack, 9, ""},
    {"chemical weapons attack", IncidentType::kChemicalAttack, 9, ""},
    {"chemical", IncidentType::kChemicalAttack, 8, ""},
    {"gas attack", IncidentType::kChemicalAttack, 9, ""},
    {"toxic gas", IncidentType::kChemicalAttack, 9, ""},
    {"poison gas", IncidentType::kChemicalAttack, 9, ""},
    {"poisonous gas", IncidentType::kChemicalAttack, 9, ""},
    {"chlorine", IncidentType::kChemicalAttack, 9, ""},
    {"sarin", IncidentType::kChemicalAttack, 9, ""},
    {"nerve agent", IncidentType::kChemicalAttack, 9, ""},
    {"suffocation", IncidentType::kChemicalAttack, 8, ""},
    {"toxic", IncidentType::kChemicalAttack, 7, ""},
    // Executions and abductions.
    {"executed", IncidentType::kExecution, 8, ""},
    {"executes", IncidentType::kExecution, 8, ""},
    {"execute", IncidentType::kExecution, 8, ""},
    {"execution", IncidentType::kExecution, 8, ""},
    {"executions", IncidentType::kExecution, 8, ""},
    {"beheaded", IncidentType::kExecution, 8, ""},
    {"beheads", IncidentType::kExecution, 8, ""},
    {"beheading", IncidentType::kExecution, 8, ""},
    {"beheadings", IncidentType::kExecution, 7, ""},
    {"firing squad", IncidentType::kExecution, 8, ""},
    {"kidnapped", IncidentType::kAbduction, 7, ""},
    {"kidnapping", IncidentType::kAbduction, 7, ""},
    {"abducted", IncidentType::kAbduction, 7, ""},
    {"abduction", IncidentType::kAbduction, 7, ""},
    {"taken hostage", IncidentType::kAbduction, 7, ""},
    // Bombs that are not dropped from the air.
    {"car bomb", IncidentType::kExplosion, 7, ""},
    {"car bombs", IncidentType::kExplosion, 7, ""},
    {"car bombing", IncidentType::kExplosion, 7, ""},
    {"car bomber", IncidentType::kExplosion, 7, ""},
    {"truck bomb", IncidentType::kExplosion, 7, ""},
    {"suicide bomber", IncidentType::kExplosion, 7, ""},
    {"suicide bombers", IncidentType::kExplosion, 7, ""},
    {"suicide bombing", IncidentType::kExplosion, 7, ""},
    {"suicide attack", IncidentType::kExplosion, 7, ""},
    {"suicide attacks", IncidentType::kExplosion, 7, ""},
    {"suicide blast", IncidentType::kExplosion, 7, ""},
    {"bomb attack", IncidentType::kExplosion, 6, ""},
    {"twin bombing", IncidentType::kExplosion, 7, ""},
    {"double bombing", IncidentType::kExplosion, 7, ""},
    {"triple bombing", IncidentType::kExplosion, 7, ""},
    {"bombings", IncidentType::kExplosion, 5, ""},
    {"bomb blast", IncidentType::kExplosion, 6, ""},
    {"roadside bomb", IncidentType::kExplosion, 7, ""},
    {"explosive device", IncidentType::kExplosion, 7, ""},
    {"ied", IncidentType::kExplosion, 7, ""},
    {"landmine", IncidentType::kExplosion, 6, ""},
    {"landmines", IncidentType::kExplosion, 6, ""},
    {"explosion", IncidentType::kExplosion, 6, ""},
    {"explosions", IncidentType::kExplosion, 6, ""},
    {"blast", IncidentType::kExplosion, 6, ""},
    {"blasts", IncidentType::kExplosion, 6, ""},
    {"exploded", IncidentType::kExplosion, 6, ""},
    {"detonated", IncidentType::kExplosion, 6, ""},
    {"bomb", IncidentType::kExplosion, 5, ""},
    {"bomber", IncidentType::kExplosion, 6, ""},
    {"bombers", IncidentType::kExplosion, 5, ""},
    {"bombs", IncidentType::kExplosion, 4, ""},
    // From the air.
    {"barrel bomb", IncidentType::kAirStrike, 7, "sy.army"},
    {"barrel bombs", IncidentType::kAirStrike, 7, "sy.army"},
    {"air strike", IncidentType::kAirStrike, 6, ""},
    {"air strikes", IncidentType::kAirStrike, 6, ""},
    {"airstrike", IncidentType::kAirStrike, 6, ""},
    {"airstrikes", IncidentType::kAirStrike, 6, ""},
    {"air raid", IncidentType::kAirStrike, 6, ""},
    {"air raids", IncidentType::kAirStrike, 6, ""},
    {"air attack", IncidentType::kAirStrike, 6, ""},
    {"air attacks", IncidentType::kAirStrike, 6, ""},
    {"missile strike", IncidentType::kAirStrike, 6, ""},
    {"missile strikes", IncidentType::kAirStrike, 6, ""},
    {"drone strike", IncidentType::kAirStrike, 6, ""},
    {"bombing raids", IncidentType::kAirStrike, 6, ""},
    {"warplanes", IncidentType::kAirStrike, 5, ""},
    {"jets", IncidentType::kAirStrike, 5, ""},
    {"bombed", IncidentType::kAirStrike, 5, ""},
    {"bombing", IncidentType::kAirStrike, 4, ""},
    {"bombardment", IncidentType::kShelling, 4, ""},
    {"raids", IncidentType::kAirStrike, 4, ""},
    {"raid", IncidentType::kAirStrike, 3, ""},
    {"strike", IncidentType::kAirStrike, 3, ""},
    {"strikes", IncidentType::kAirStrike, 3, ""},
    // From the ground.
    {"shelling", IncidentType::kShelling, 5, ""},
    {"shelled", IncidentType::kShelling, 5, ""},
    {"shells", IncidentType::kShelling, 5, ""},
    {"shell", IncidentType::kShelling, 5, ""},
    {"mortar", IncidentType::kShelling, 5, ""},
    {"mortars", IncidentType::kShelling, 5, ""},
    {"artillery", IncidentType::kShelling, 5, ""},
    {"rocket", IncidentType::kShelling, 5, ""},
    {"rockets", IncidentType::kShelling, 5, ""},
    {"missiles", IncidentType::kShelling, 4, ""},
    {"missile", IncidentType::kShelling, 4, ""},
    // People attacked directly.
    {"massacre", IncidentType::kAttackOnCivilians, 4, ""},
    {"shot dead", IncidentType::kAttackOnCivilians, 5, ""},
    {"sniper", IncidentType::kAttackOnCivilians, 5, ""},
    {"gunmen", IncidentType::kAttackOnCivilians, 4, ""},
    {"opened fire", IncidentType::kAttackOnCivilians, 4, ""},
    {"shooting", IncidentType::kAttackOnCivilians, 4, ""},
    // Fighting and ground taken.
    {"clashes", IncidentType::kArmedClash, 3, ""},
    {"clashed", IncidentType::kArmedClash, 3, ""},
    {"fighting", IncidentType::kArmedClash, 2, ""},
    {"battles", IncidentType::kArmedClash, 2, ""},
    {"ambush", IncidentType::kArmedClash, 3, ""},
    {"offensive", IncidentType::kArmedClash, 2, ""},
    {"counteroffensive", IncidentType::kArmedClash, 2, ""},
    {"assault", IncidentType::kArmedClash, 2, ""},
    // An attack of unnamed kind: it links an agent to the act ("a Daesh
    // attack") but gives no type.
    {"attack", IncidentType::kOther, 2, ""},
    // "hit a regime convoy": an attack of unnamed kind that makes a report
    // when the sentence anchors it (an actor, a place or a date of its own).
    {"hit", IncidentType::kOther, 3, ""},
    {"attacks", IncidentType::kOther, 2, ""},
    {"captured", IncidentType::kTerritoryChange, 2, ""},
    {"recaptured", IncidentType::kTerritoryChange, 2, ""},
    {"seized", IncidentType::kTerritoryChange, 2, ""},
    {"retook", IncidentType::kTerritoryChange, 2, ""},
    {"took control", IncidentType::kTerritoryChange, 2, ""},
    {"gained ground", IncidentType::kTerritoryChange, 2, ""},
    {"broke into", IncidentType::kTerritoryChange, 2, ""},
    // Forces sent and people fleeing.
    {"deploy", IncidentType::kDeployment, 1, ""},
    {"deployed", IncidentType::kDeployment, 1, ""},
    {"send", IncidentType::kDeployment, 1, ""},
    {"reinforcements", IncidentType::kDeployment, 1, ""},
    {"fled", IncidentType::kDisplacement, 1, ""},
    {"fleeing", IncidentType::kDisplacement, 1, ""},
    {"flee", IncidentType::kDisplacement, 1, ""},
    {"escape", IncidentType::kDisplacement, 1, ""},
    {"displaced", IncidentType::kDisplacement, 1, ""},
    {"evacuated", IncidentType::kDisplacement, 1, ""},
    {"refugees", IncidentType::kDisplacement, 1, ""},
};

// Kill and injure words that tie a number to casualties.
inline constexpr std::string_view kKillWords[] = {
    "killed", "dead",  "died",  "slain",   "massacred", "perished", "kill",
    "kills",  "killing", "deaths", "executed", "beheaded", "bodies",  "lives",
    "murdered", "slaughtered", "assassinated", "dies", "drowned", "suffocated",
    // State media's words for the same: "the army eliminated 75 terrorists",
    // "a civilian was martyred".
    "eliminated", "eliminates", "eliminating", "martyred",
    // Nouns of the dead, counted only right after their number ("51 martyrs").
    "martyrs", "fatalities", "corpses"};
inline constexpr std::string_view kInjureWords[] = {
    "wounded", "injured", "wounding", "injuring", "hurt", "injuries", "wounds", "injures"};

// Victim nouns and their category.
struct VictimEntry {
  std::string_view word;
  std::string_view category;  // civilians | people | fighters | soldiers
  std::string_view subgroup;  // children | women | "" (for breakdowns)
};
inline constexpr VictimEntry kVictims[] = {
    {"civilians", "civilians", ""},   {"civilian", "civilians", ""},
    {"people", "people", ""},         {"persons", "people", ""},
    {"person", "people", ""},         {"residents", "civilians", ""},
    {"villagers", "civilians", ""},   {"children", "civilians", "children"},
    {"child", "civilians", "children"}, {"kids", "civilians", "children"},
    {"babies", "civilians", "children"}, {"infants", "civilians", "children"},
    {"boys", "civilians", "children"}, {"girls", "civilians", "children"},
    {"women", "civilians", "women"},  {"woman", "civilians", "women"},
    {"men", "people", ""},            {"students", "civilians", ""},
    {"worshippers", "civilians", ""}, {"workers", "civilians", ""},
    {"volunteers", "civilians", ""},  {"medics", "civilians", ""},
    {"doctors", "civilians", ""},     {"nurses", "civilians", ""},
    {"rescuers", "civilians", ""},    {"journalists", "civilians", ""},
    {"refugees", "civilians", ""},    {"displaced", "civilians", ""},
    {"shoppers", "civilians", ""},    {"passengers", "civilians", ""},
    {"family", "civilians", ""},      {"relatives", "civilians", ""},
    {"fighters", "fighters", ""},     {"militants", "fighters", ""},
    {"rebels", "fighters", ""},       {"jihadists", "fighters", ""},
    {"insurgents", "fighters", ""},   {"terrorists", "fighters", ""},
    {"gunmen", "fighters", ""},       {"extremists", "fighters", ""},
    {"combatants", "fighters", ""},   {"militiamen", "fighters", ""},
    {"members", "fighters", ""},      {"soldiers", "soldiers", ""},
    {"troops", "soldiers", ""},       {"servicemen", "soldiers", ""},
    {"officers", "soldiers", ""},     {"personnel", "soldiers", ""},
    {"policemen", "soldiers", ""},    {"guards", "soldiers", ""},
    {"pilots", "soldiers", ""},       {"recruits", "soldiers", ""},
    {"staff", "civilians", ""},       {"patients", "civilians", ""},
    {"minors", "civilians", "children"}, {"teenagers", "civilians", "children"},
    {"pupils", "civilians", "children"}, {"schoolchildren", "civilians", "children"},
    {"toddlers", "civilians", "children"}, {"newborns", "civilians", "children"},
    {"teachers", "civilians", ""},    {"farmers", "civilians", ""},
    {"shepherds", "civilians", ""},   {"worshipers", "civilians", ""},
    {"fishermen", "civilians", ""},   {"employees", "civilians", ""},
    {"engineers", "civilians", ""},   {"paramedics", "civilians", ""},
    {"firefighters", "civilians", ""}, {"mourners", "civilians", ""},
    {"protesters", "civilians", ""},  {"demonstrators", "civilians", ""},
    {"citizens", "civilians", ""},    {"locals", "civilians", ""},
    {"inhabitants", "civilians", ""}, {"pedestrians", "civilians", ""},
    {"bystanders", "civilians", ""},  {"traders", "civilians", ""},
    {"merchants", "civilians", ""},   {"guests", "civilians", ""},
    {"mothers", "civilians", "women"},
    // "killing nine children and 14 others": another group of the same toll.
    {"others", "people", ""},
    // Singular after a number in headlines that lost their plural: "25 Terrorist Killed".
    {"terrorist", "fighters", ""},    {"militant", "fighters", ""},
    {"jihadist", "fighters", ""},     {"rebel", "fighters", ""},
};

// Reporting verbs: "X said", "according to X".
inline constexpr std::string_view kReportingVerbs[] = {
    "said",      "says",    "told",      "reported",  "reports",   "announced", "claimed",
    "stated",    "confirmed", "added",   "estimated", "warned",    "accused",   "denied",
    "documented", "recorded", "counted", "tallied",   "quoted",    "cited",     "insisted",
    "alleged"};

// Words that put the outlet at a distance from what it reports.
inline constexpr std::string_view kHedges[] = {
    "reportedly", "allegedly", "purportedly", "unconfirmed", "suspected", "apparently",
    "possibly",   "claimed",   "claims",      "alleged",     "rumours",   "unverified"};
inline constexpr std::string_view kDenials[] = {
    "denied", "denies", "deny", "rejected", "refuted", "dismissed", "fabricated"};

// Cues that a figure is a running total over a period, not one incident.
inline constexpr std::string_view kCumulativeCues[] = {
    "since", "so far", "to date", "in total", "altogether", "over the past", "throughout", "till"};

// Generic sources a sentence can name without a known actor.
inline constexpr std::string_view kGenericSources[] = {
    "a monitor", "the monitor", "a monitoring group", "the monitoring group", "activists",
    "local activists", "witnesses", "residents", "medics", "doctors", "officials",
    "local officials", "sources", "local sources", "a source", "a spokesman", "the spokesman",
    "a military source", "a security source", "state media", "state television", "state tv",
    "the ministry", "rescuers"};

// The small word lists the rules test (WordTable turns each into a class bit).
// R19: "backed by", "under the cover of" make the act that follows a backing.
inline constexpr std::string_view kBackedBy[] = {"backed", "supported", "accompanied", "aided", "helped"};
inline constexpr std::string_view kSupportOf[] = {"support", "cover", "backing"};
// Words that may stand between victims and the verb: "were killed",
// "have reportedly been killed".
inline constexpr std::string_view kAuxiliaries[] = {
    "were", "was", "have", "has", "had", "been", "are", "is", "being", "reportedly", "also", "all",
    "allegedly", "apparently", "later", "left", "confirmed"};
// A count that rose to its figure: "the toll rose to 112", "the number of
// civilians killed has risen to 20" (R2c, R2c').
inline constexpr std::string_view kRiseVerbs[] = {"rose",  "rises",  "risen",    "climbed",
                                                  "climbs", "jumped", "increased"};
inline constexpr std::string_view kNumberWords[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "dozens", "dozen", "several", "hundreds", "scores", "thirteen", "fourteen",
    "fifteen", "twenty"};
// One victim (R2g): "a woman", "Child Killed", "civilian was killed".
inline constexpr std::string_view kSingularVictims[] = {"civilian", "child", "woman", "man", "person",
                                                        "boy", "girl", "baby", "soldier", "fighter"};
// Words that end a victim noun phrase.
inline constexpr std::string_view kPhraseStops[] = {
    "in", "on", "at", "by", "and", "or", "as", "when", "after", "while", "from", "to", "who",
    "that", "which", "near", "during", "including", "with", "among"};
// The glue of a victim list: "including three children", "among them two women".
inline constexpr std::string_view kVictimGlue[] = {
    "including", "among", "them", "whom", "of", "and", "at", "least", "a", "the", "other",
    "others", "young", "medical", "most", "mostly", "many"};
// "..., he said": a pronoun speaker.
inline constexpr std::string_view kPronouns[] = {"he", "she", "it", "they", "we", "i"};
inline constexpr std::string_view kAttackVerbs[] = {
    "killed", "kill", "kills", "killing", "shelled", "bombed", "targeted", "attacked", "hit",
    "struck", "launched", "carried", "executed", "executes", "fired", "dropped", "pounded",
    "raided", "stormed", "shot", "bombarded", "blew", "detonated", "claimed", "massacred",
    "eliminated", "eliminates", "destroyed", "advanced", "clashed", "ambushed", "repelled", "thwarted"};
// A cue right before an actor that makes it the target: "against the regime".
inline constexpr std::string_view kTargetCues[] = {"against", "on", "targeting", "at", "toward",
                                                   "towards", "hit", "struck", "attacked"};
// R5m: words between an actor and an act named after it that make the actor
// the act's patient or its commentator, not its agent: a passive ("terrorists
// were hit", "a government stronghold was captured", "IS is under attack") or
// words about the act ("Turkey condemned the chemical attack", "the government
// blamed Saturday's attack on terrorists"; but not a denial: "the Assad regime
// denying the attack" is its accused agent).
inline constexpr std::string_view kNotAgentLinks[] = {
    "was", "were", "been", "being", "under", "said", "says", "described", "describes",
    "condemned", "condemns", "discussed", "blamed", "blames", "blaming"};
// "the US carried out an airstrike": a light verb between agent and act.
inline constexpr std::string_view kLightVerbs[] = {"carried", "launched", "conducted", "staged", "mounted"};
// R6b: the war itself as the frame of a figure, not "a war monitor".
inline constexpr std::string_view kWars[] = {"war", "conflict", "uprising", "revolution"};
inline constexpr std::string_view kNotTheWar[] = {"monitor", "monitoring", "crimes", "crime", "criminals",
                                                  "planes", "plane", "zone", "correspondent", "reporter"};
inline constexpr std::string_view kTheWar[] = {"the", "this", "civil", "its", "their"};
// R16: prepositions before a place phrase.
// Prepositions that separate an actor from an act named after it (R5e).
inline constexpr std::string_view kPrepositions[] = {"in",   "on",   "at",      "during", "near",   "after",
                                                     "with", "from", "of",      "since",  "outside", "around", "across",
                                                     "against", "into", "inside", "amid"};

inline constexpr std::string_view kPlacePrepositions[] = {"in", "near", "outside", "around", "across",
                                                          "of", "at"};

}  // namespace sitrep::extract
