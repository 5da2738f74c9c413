// The layout of actors.bin, written by compile_actors (actors_compile.cc) and
// read by ActorDictionary::load (actors.cc):
//   "SRAC", version (u32), actor count (u32), then per actor its kind (u8) and
//   the strings id, name, country, side, cameo (u32 length + bytes each), then
//   the serialised LiteralMatcher (u64 length + bytes) whose ids are actor
//   indices. Little-endian.
#pragma once

#include <cstdint>

namespace sitrep::kb::actors_format {

inline constexpr char kMagic[4] = {'S', 'R', 'A', 'C'};
inline constexpr uint32_t kVersion = 2;

}  // namespace sitrep::kb::actors_format
