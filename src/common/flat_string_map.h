// FlatStringMap: a hash map from short strings to values, for the word lists
// the hot loops test (stop words, lexicon classes). Open addressing in one
// array with a power-of-two size, so a lookup is a hash of a few words and
// usually one probe: several times cheaper than
// std::unordered_set<std::string_view> (a division and a node per lookup).
//
// A key of up to 16 bytes is identified by its length and its first and last
// eight bytes (zero-padded below eight), which each slot keeps inline: the
// lookup loads those words once, hashes them with two multiplies and compares
// them with the slot's, never touching the stored key's bytes. Longer keys
// keep a full hash in the first word and are compared byte by byte.
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
  FlatStringMap() { slots_.resize(size_t{1} << kMinBits); }
  FlatStringMap(std::initializer_list<std::string_view> keys) : FlatStringMap() {
    for (std::string_view k : keys) (*this)[k];
  }

  // The value of `key`, inserted value-initialised when absent.
  V& operator[](std::string_view key) {
    if ((size_ + 1) * 4 > slots_.size()) grow();
    const Words k = words_of(key);
    Slot& s = slots_[index_of(key, k)];
    if (s.len == kEmpty) {
      s.len = key.size();
      s.w0 = k.w0;
      s.w1 = k.w1;
      s.data = key.data();
      ++size_;
    }
    return s.value;
  }

  // The value of `key`, or nullptr. Inlined: the hot loops call it once per
  // word, and a call's register saves cost as much as the lookup.
  [[gnu::always_inline]] const V* find(std::string_view key) const {
    const Slot& s = slots_[index_of(key, words_of(key))];
    return s.len == kEmpty ? nullptr : &s.value;
  }
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  size_t size() const { return size_; }

  // Hash of a string (its length mixed in), 8 bytes at a time (the slot words of a key over
  // 16 bytes; out of line, as such keys are rare).
  [[gnu::noinline]] static uint64_t hash(std::string_view key) {
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
  static constexpr size_t kEmpty = ~size_t{0};  // the len of an empty slot
  static constexpr int kMinBits = 4;

  // A key's slot words: its first and last eight bytes (up to 16 bytes), or
  // its hash and 0.
  struct Words {
    uint64_t w0 = 0, w1 = 0;
  };
  [[gnu::always_inline]] static Words words_of(std::string_view key) {
    const char* p = key.data();
    const size_t n = key.size();
    Words k;
    if (n > 16) {
      k.w0 = hash(key);
    } else if (n >= 8) {
      std::memcpy(&k.w0, p, 8);
      std::memcpy(&k.w1, p + n - 8, 8);
    } else if (n > 0) {
      k.w0 = load_tail_le(p, n);
    }
    return k;
  }
  // The probe start: the high bits of a product, which depend on every bit of the words.
  size_t home(const Words& k, size_t n) const {
    const uint64_t h = (k.w0 + n) * 0x9e3779b97f4a7c15ULL ^ k.w1 * 0xff51afd7ed558ccdULL;
    return static_cast<size_t>((h * 0xc4ceb9fe1a85ec53ULL) >> shift_);
  }

  struct Slot {
    uint64_t w0 = 0, w1 = 0;  // Words of the key
    size_t len = kEmpty;
    const char* data = nullptr;  // the key's bytes, compared only for keys over 16 bytes
    V value{};
  };

  // The index of the slot holding `key`, or of the empty slot where it would go.
  size_t index_of(std::string_view key, const Words& k) const {
    const size_t n = key.size();
    const size_t mask = slots_.size() - 1;
    for (size_t i = home(k, n);; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.len == n && s.w0 == k.w0 && s.w1 == k.w1 && (n <= 16 || std::memcmp(s.data, key.data(), n) == 0))
        return i;
      if (s.len == kEmpty) return i;
    }
  }

  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    --shift_;
    for (Slot& s : old)
      if (s.len != kEmpty) slots_[index_of(std::string_view(s.data, s.len), Words{s.w0, s.w1})] = std::move(s);
  }

  std::vector<Slot> slots_;  // size a power of two, at most a quarter full: most probes end at once
  int shift_ = 64 - kMinBits;  // 64 - log2(slots_.size())
  size_t size_ = 0;
};

using FlatStringSet = FlatStringMap<char>;

}  // namespace sitrep
