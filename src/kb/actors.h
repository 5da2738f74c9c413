// Actors: states, armed groups, monitors, media and agencies, from the
// CAMEO/Phoenix dictionaries plus a curated conflict supplement.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kb/literal_matcher.h"
#include "sitrep/status.h"
#include "text/tokens.h"

namespace sitrep::kb {

enum class ActorKind : uint8_t {
  kStateForce,     // an army, air force, police: "Syrian army", "Russian jets", "US-led coalition"
  kArmedGroup,     // non-state: IS, SDF, YPG, HTS, FSA, "rebels"
  kMonitor,        // SOHR, Airwars, the Syrian Network for Human Rights, activists' groups
  kMedia,          // AFP, Reuters, SANA, state TV
  kGovernment,     // a state or its civilian offices: "Syria's foreign ministry", "the Pentagon"
  kInternational,  // UN and its offices, ICRC, NGOs such as the IRC or the White Helmets
  kCivilian,       // "civilians", "residents", "children" (victim categories)
  kOther,
};
const char* to_string(ActorKind k);

struct Actor {
  std::string id;       // stable: "sy.army", "isis", "sohr", "cameo:SYRMIL"
  std::string name;     // display name: "Syrian government forces"
  ActorKind kind = ActorKind::kOther;
  std::string country;  // ISO 3166-1 alpha-2 or "" ("SY", "US", "RU")
  std::string side;     // "" or a side in the war: "government", "opposition", "isis",
                        // "kurdish", "coalition", "turkey", "hts"
  std::string cameo;    // CAMEO actor code when known ("SYRMIL", "IMGMUSISI")
};

struct ActorMention {
  uint32_t begin = 0, end = 0;  // byte span in the text
  uint32_t actor = 0;           // index into ActorDictionary::actors()
};

// The most actors a dictionary holds: find() sorts matches with the actor
// index in 16 bits.
inline constexpr size_t kMaxActors = 0x10000;

// Immutable once loaded; thread-safe.
class ActorDictionary {
 public:
  // Loads the compiled dictionary (see compile_actors) from `path`.
  static Result<std::unique_ptr<ActorDictionary>> load(const std::string& path);
  ~ActorDictionary();

  const std::vector<Actor>& actors() const;
  // Longest non-overlapping mentions in text order ("the Syrian Observatory
  // for Human Rights" is one mention, not "Syrian" + "Observatory").
  std::vector<ActorMention> find(std::string_view text) const;
  // The actor with this id, or nullptr.
  const Actor* by_id(std::string_view id) const;

 private:
  struct Impl;
  explicit ActorDictionary(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// What find() keeps of the matcher's `matches` (any order): those of an
// actor index below `n_actors`, the longest first, each unless it overlaps
// one kept before, in text order.
std::vector<ActorMention> select_mentions(const std::vector<LiteralMatch>& matches, size_t n_actors);

// Reads the actor sources in `source_dir` (data/kb: the TSVs made from the
// Phoenix/CAMEO dictionaries and the curated supplement) and writes the
// compiled dictionary (actor table + serialised matcher) to `out_path`.
Status compile_actors(const std::string& source_dir, const std::string& out_path);

}  // namespace sitrep::kb
