// FlatStringMap: a hash map from short strings to values, for the word lists
// the hot loops test (stop words, lexicon classes). Open addressing in one
// array with a power-of-two size and a multiply-shift hash, so a lookup is a
// hash of a few words and usually one probe: several times cheaper than
// std::unordered_set<std::string_view> (a division and a node per lookup).
//
// Keys are views: the bytes must outlive the map (string literals, or data
// the owner keeps). Built by insertions, then read; const lookups are safe
// from many threads at once.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "common/load_bytes.h"

namespace sitrep {

template <typename V>
class FlatStringMap {
 public:
  FlatStringMap() { slots_.resize(16); }
  FlatStringMap(std::initializer_list<std::string_view> keys) : FlatStringMap() {
    for (std::string_view k : keys) (*this)[k];
  }

  // The value of `key`, inserted value-initialised when absent.
  V& operator[](std::string_view key) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const uint64_t h = hash(key);
    Slot& s = slots_[index_of(key, h)];
    if (!s.used) {
      s.used = true;
      s.key = key;
      s.hash = h;
      ++size_;
    }
    return s.value;
  }

  // The value of `key`, or nullptr.
  const V* find(std::string_view key) const {
    const Slot& s = slots_[index_of(key)];
    return s.used ? &s.value : nullptr;
  }
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  size_t size() const { return size_; }

  // Seeded hash of a short string, 8 bytes at a time.
  static uint64_t hash(std::string_view key) {
    constexpr uint64_t kMul = 0x9e3779b97f4a7c15ULL;
    uint64_t h = key.size() * kMul;
    const char* p = key.data();
    size_t n = key.size();
    while (n >= 8) {
      uint64_t v;
      std::memcpy(&v, p, 8);
      h = (h ^ v) * kMul;
      h ^= h >> 29;
      p += 8;
      n -= 8;
    }
    if (n > 0) h = (h ^ load_tail_le(p, n)) * kMul;
    h ^= h >> 32;
    h *= 0xff51afd7ed558ccdULL;
    return h ^ (h >> 29);
  }

 private:
  struct Slot {
    std::string_view key;
    uint64_t hash = 0;  // hash(key): most probes of another key end here, without comparing bytes
    bool used = false;
    V value{};
  };

  // The index of the slot holding `key`, or of the empty slot where it would go.
  size_t index_of(std::string_view key) const { return index_of(key, hash(key)); }
  size_t index_of(std::string_view key, uint64_t h) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (!s.used || (s.hash == h && same_short_bytes(s.key, key))) return i;
    }
  }

  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (Slot& s : old)
      if (s.used) {
        slots_[index_of(s.key, s.hash)] = std::move(s);
      }
  }

  std::vector<Slot> slots_;  // size a power of two, at most half full
  size_t size_ = 0;
};

using FlatStringSet = FlatStringMap<char>;

}  // namespace sitrep
