// FlatStringMap against std::unordered_map on the same insertions and lookups.
#include "common/flat_string_map.h"

#include <gtest/gtest.h>

#include <deque>
#include <random>
#include <string>
#include <unordered_map>

namespace sitrep {
namespace {

TEST(FlatStringMap, AgreesWithUnorderedMap) {
  std::mt19937 rng(7);
  std::deque<std::string> storage;  // keys are views: keep their bytes
  auto word = [&](size_t max_len) {
    std::string w(rng() % (max_len + 1), ' ');
    for (char& c : w) c = static_cast<char>('a' + rng() % 4);  // few letters: many near collisions
    storage.push_back(w);
    return std::string_view(storage.back());
  };
  FlatStringMap<int> flat;
  std::unordered_map<std::string, int> ref;
  for (int i = 0; i < 5000; ++i) {
    const std::string_view k = word(i % 3 == 0 ? 20 : 6);
    flat[k] += i;
    ref[std::string(k)] += i;
  }
  EXPECT_EQ(flat.size(), ref.size());
  for (const auto& [k, v] : ref) {
    const int* got = flat.find(k);
    ASSERT_NE(got, nullptr) << k;
    EXPECT_EQ(*got, v) << k;
  }
  for (int i = 0; i < 5000; ++i) {
    const std::string_view k = word(24);
    EXPECT_EQ(flat.contains(k), ref.count(std::string(k)) != 0) << k;
  }
}

TEST(FlatStringMap, SetFromListAndEdgeKeys) {
  const FlatStringSet set = {"the", "a", "", "al-raqqa", "a much longer key than eight bytes", "the"};
  EXPECT_EQ(set.size(), 5u);
  EXPECT_TRUE(set.contains("the"));
  EXPECT_TRUE(set.contains(""));
  EXPECT_TRUE(set.contains("a much longer key than eight bytes"));
  EXPECT_FALSE(set.contains("a much longer key than eight byte"));
  EXPECT_FALSE(set.contains("The"));
  EXPECT_FALSE(set.contains("th"));
  EXPECT_FALSE(set.contains(std::string_view("the\0", 4)));
}

// Keys up to 16 bytes are told apart by their length and first and last eight
// bytes, longer ones by hash and bytes: keys of every length around those
// bounds that differ in a single byte, at each position, are all distinct.
TEST(FlatStringMap, KeysDifferingInOneByteAtAnyPosition) {
  std::deque<std::string> storage;
  FlatStringMap<size_t> flat;
  for (size_t len = 0; len <= 25; ++len) {
    storage.push_back(std::string(len, 'x'));
    flat[storage.back()] = storage.size();
    for (size_t pos = 0; pos < len; ++pos) {
      std::string k(len, 'x');
      k[pos] = '\0';
      storage.push_back(k);
      flat[storage.back()] = storage.size();
    }
  }
  EXPECT_EQ(flat.size(), storage.size());
  for (size_t i = 0; i < storage.size(); ++i) {
    const size_t* got = flat.find(storage[i]);
    ASSERT_NE(got, nullptr) << i;
    EXPECT_EQ(*got, i + 1);
    EXPECT_FALSE(flat.contains(storage[i] + "y"));
    std::string other = storage[i];
    for (char& c : other) c = c == 'x' ? 'X' : 'y';
    if (!other.empty()) {
      EXPECT_FALSE(flat.contains(other));
    }
  }
}

}  // namespace
}  // namespace sitrep
