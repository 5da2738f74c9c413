// LiteralMatcher: many literal patterns found in one pass over a text, with
// Hyperscan's literal mode. Compiled once, serialised to disk, loaded fast.
// The database holds the literals as they look in a copy of the text whose
// letters say where words end (see literal_matcher.cc), so that a literal is
// not reported inside a longer word ("syria" in "syrian").
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/status.h"

namespace sitrep::kb {

// The longest literal compile() takes (Hyperscan's own limit is lower): a
// match's length fits 16 bits, which ActorDictionary::find packs into its sort key.
inline constexpr size_t kMaxLiteralBytes = 0xFFFF;

struct LiteralPattern {
  std::string literal;  // bytes to find (UTF-8)
  uint32_t id = 0;      // returned with each match; several patterns may share an id
  bool caseless = true; // ASCII case-insensitive
};

// One occurrence: the pattern id and the byte span [begin, end).
struct LiteralMatch {
  uint32_t id = 0, begin = 0, end = 0;
};

// Called for each match: the pattern id and the byte span [begin, end).
using MatchCallback = std::function<void(uint32_t id, uint32_t begin, uint32_t end)>;

// Thread-safe and logically immutable once built: scan() may run on many
// threads at once (each thread keeps its own scratch space).
class LiteralMatcher {
 public:
  static Result<std::unique_ptr<LiteralMatcher>> compile(const std::vector<LiteralPattern>& patterns);
  static Result<std::unique_ptr<LiteralMatcher>> deserialize(std::string_view bytes);
  ~LiteralMatcher();

  Result<std::string> serialize() const;

  // Reports every occurrence whose both ends fall on word boundaries (the
  // byte before `begin` and the byte at `end` are not ASCII letters or
  // digits, nor UTF-8 letters), in order of end offset, then start offset.
  void scan(std::string_view text, const MatchCallback& on_match) const;
  // The same occurrences appended to `out`, cheaper: in no fixed order, and
  // a span found by two patterns of one id is there twice.
  void collect(std::string_view text, std::vector<LiteralMatch>& out) const;

 private:
  struct Impl;
  explicit LiteralMatcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The slow, obviously correct twin used only by tests: tries every pattern at
// every position, with the same word-boundary and case rules and the same
// report order.
class NaiveLiteralMatcher {
 public:
  explicit NaiveLiteralMatcher(std::vector<LiteralPattern> patterns) : patterns_(std::move(patterns)) {}
  void scan(std::string_view text, const MatchCallback& on_match) const;

 private:
  std::vector<LiteralPattern> patterns_;
};

}  // namespace sitrep::kb
