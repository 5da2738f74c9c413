// SharedMemo: answers of a pure, costly function of a string, kept as they
// are asked for and shared by all threads (RE2 keeps its lazily built DFA
// states the same way). The function must depend only on the key and on
// immutable data, so what is kept never changes an answer, and output never
// depends on the order threads ask in.
//
// Thread-safe: lookups take a shared lock, a new answer is computed outside
// any lock and inserted under an exclusive one. Bounded: past `max_entries`
// answers are computed and not kept.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sitrep {

template <typename V>
class SharedMemo {
 public:
  explicit SharedMemo(size_t max_entries = 1 << 16) : max_entries_(max_entries) {}

  // compute(key) the first time a key is asked for, the kept answer after.
  template <typename Compute>
  V get(std::string_view key, Compute&& compute) const {
    {
      std::shared_lock lock(mutex_);
      if (auto it = answers_.find(key); it != answers_.end()) return it->second;
    }
    V value = compute(key);
    std::unique_lock lock(mutex_);
    if (answers_.size() < max_entries_) answers_.try_emplace(std::string(key), value);
    return value;
  }

  size_t size() const {
    std::shared_lock lock(mutex_);
    return answers_.size();
  }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  size_t max_entries_;
  mutable std::shared_mutex mutex_;
  mutable std::unordered_map<std::string, V, Hash, std::equal_to<>> answers_;
};

}  // namespace sitrep
