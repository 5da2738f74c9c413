// Report: one claim of one incident in one article (DESIGN.md, output contract).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/article.h"

namespace sitrep {

enum class IncidentType : uint8_t {
  kAirStrike, kShelling, kExplosion, kChemicalAttack, kArmedClash, kTerritoryChange,
  kAttackOnCivilians, kExecution, kAbduction, kDeployment, kDisplacement, kOther,
};
const char* to_string(IncidentType t);  // "air_strike", "shelling", ...

// A count as the text gives it: "at least 21" -> {21, open, kAtLeast}.
struct Figure {
  int64_t low = 0;
  std::optional<int64_t> high;  // nullopt: open-ended
  std::string qualifier = "exact";  // exact | at least | more than | up to | about | unknown
  std::string text;                 // the words in the article
};

struct Figures {
  std::optional<Figure> killed, injured;
  std::optional<Figure> civilians_killed, children_killed, women_killed;
  std::optional<Figure> fighters_killed, soldiers_killed;
  std::optional<Figure> civilians_injured;
  bool empty() const {
    return !killed && !injured && !civilians_killed && !children_killed && !women_killed &&
           !fighters_killed && !soldiers_killed && !civilians_injured;
  }
};

// The figures in the output contract's order: each one's JSON key and member.
struct FigureField {
  std::string_view name;
  std::optional<Figure> Figures::*member;
};
inline constexpr FigureField kFigureFields[] = {
    {"killed", &Figures::killed},
    {"injured", &Figures::injured},
    {"civilians_killed", &Figures::civilians_killed},
    {"children_killed", &Figures::children_killed},
    {"women_killed", &Figures::women_killed},
    {"fighters_killed", &Figures::fighters_killed},
    {"soldiers_killed", &Figures::soldiers_killed},
    {"civilians_injured", &Figures::civilians_injured},
};

struct ReportDate {
  Date start, end;  // inclusive range
  DatePrecision precision = DatePrecision::kDay;
  std::string from;  // sentence | paragraph | article
};

struct ReportPlace {
  std::string name, id;
  double lat = 0, lon = 0;
  std::string admin1, country;
  std::string precision;  // point | locality | district | region | country
  std::string from;       // sentence | paragraph | article
};

struct ActorRef {
  std::string name, id;
  std::string kind, side;
};

struct Victims {
  std::string name;      // words used: "civilians", "pro-regime troops"
  std::string category;  // civilians | fighters | soldiers | people | unknown
};

struct Attribution {
  std::string name;  // "Syrian Observatory for Human Rights", "activists"
  std::string id;    // actor id when the source is a known actor, else ""
  std::string verb;  // said | told | reported | according to | claimed | ...
};

enum class Stance : uint8_t { kAsserted, kReported, kHedged, kDenied };
const char* to_string(Stance s);

struct Report {
  std::string id;          // stable: hash of article id and span
  std::string article;     // article id
  bool lead = false;
  IncidentType type = IncidentType::kOther;
  std::optional<ReportDate> date;
  std::optional<ReportPlace> place;
  std::optional<ActorRef> perpetrator;
  std::optional<Victims> victims;
  Figures figures;
  std::optional<Attribution> source;
  Stance stance = Stance::kAsserted;
  bool cumulative = false;  // a running total ("3,800 killed since 2014"), not one incident
  std::string quote;        // the sentence as written in the clean text
  uint32_t span_begin = 0, span_end = 0;
  std::string trigger;      // the words that gave the type ("air strikes"), for checking
};

// The blocking key of a report, "<country>/<ISO week of date.start>", e.g.
// "SY/2017-W23": reports of one incident almost always share it, so linking
// can run per group (docs/streaming.md). The country is the place's ISO code,
// "XX" without one; "undated" stands for the week without a date. A month or
// year date counts from its first day.
std::string grouping_key(const Report& r);

}  // namespace sitrep
