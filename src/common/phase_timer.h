#pragma once

#include <ctime>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace sitrep {

// With SITREP_TIMINGS set in the environment, note_phase("name") prints to
// stderr the wall and process CPU seconds since the previous note, so a user
// can see where a long `sitrep run` spends its time. Called from one thread.
inline void note_phase(const char* name) {
  static const bool enabled = std::getenv("SITREP_TIMINGS") != nullptr;
  if (!enabled) return;
  using Clock = std::chrono::steady_clock;
  static Clock::time_point last_wall = Clock::now();
  static std::clock_t last_cpu = std::clock();
  const Clock::time_point wall = Clock::now();
  const std::clock_t cpu = std::clock();
  std::fprintf(stderr, "sitrep: timing %-22s %7.3f s wall %7.3f s CPU\n", name,
               std::chrono::duration<double>(wall - last_wall).count(),
               static_cast<double>(cpu - last_cpu) / CLOCKS_PER_SEC);
  last_wall = wall;
  last_cpu = cpu;
}

}  // namespace sitrep
