#include "ingest/dedup.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <bit>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "sitrep/ingest.h"

namespace sitrep::ingest {
namespace {

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

std::vector<uint64_t> word_hashes(std::string_view text) {
  std::vector<uint64_t> out;
  std::string word;
  for (size_t i = 0; i <= text.size(); ++i) {
    const unsigned char c = i < text.size() ? static_cast<unsigned char>(text[i]) : ' ';
    if (is_word_byte(c)) {
      word.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    } else if (!word.empty()) {
      out.push_back(XXH3_64bits(word.data(), word.size()));
      word.clear();
    }
  }
  return out;
}

}  // namespace

uint64_t simhash(std::string_view text) {
  const std::vector<uint64_t> words = word_hashes(text);
  std::array<int32_t, 64> votes{};
  auto vote = [&](uint64_t h) {
    for (int b = 0; b < 64; ++b) votes[static_cast<size_t>(b)] += (h >> b) & 1 ? 1 : -1;
  };
  if (words.size() < 3) {
    for (uint64_t w : words) vote(w);
  } else {
    for (size_t i = 0; i + 2 < words.size(); ++i) {
      const uint64_t shingle[3] = {words[i], words[i + 1], words[i + 2]};
      vote(XXH3_64bits(shingle, sizeof shingle));
    }
  }
  uint64_t h = 0;
  for (int b = 0; b < 64; ++b)
    if (votes[static_cast<size_t>(b)] > 0) h |= uint64_t{1} << b;
  return h;
}

}  // namespace sitrep::ingest

namespace sitrep {
namespace {

// Earlier publication first, undated last, then smaller id.
bool represents_before(const Article& a, const Article& b) {
  const bool da = a.published.has_value(), db = b.published.has_value();
  if (da != db) return da;
  if (da) {
    const std::string ia = a.published->date.iso(), ib = b.published->date.iso();
    if (ia != ib) return ia < ib;
  }
  return a.id < b.id;
}

}  // namespace

void mark_near_duplicates(std::vector<Article*>& articles) {
  const size_t n = articles.size();
  std::vector<size_t> parent(n);
  std::iota(parent.begin(), parent.end(), size_t{0});
  auto find = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  // Pigeonhole: hashes within 3 bits agree on at least one of four 16-bit bands.
  static_assert(ingest::kNearDuplicateBits < 4);
  for (int band = 0; band < 4; ++band) {
    std::vector<std::pair<uint16_t, size_t>> keys(n);
    for (size_t i = 0; i < n; ++i)
      keys[i] = {static_cast<uint16_t>(articles[i]->simhash >> (16 * band)), i};
    std::sort(keys.begin(), keys.end());
    for (size_t lo = 0; lo < n;) {
      size_t hi = lo + 1;
      while (hi < n && keys[hi].first == keys[lo].first) ++hi;
      for (size_t a = lo; a < hi; ++a)
        for (size_t b = a + 1; b < hi; ++b) {
          const size_t i = keys[a].second, j = keys[b].second;
          if (std::popcount(articles[i]->simhash ^ articles[j]->simhash) <= ingest::kNearDuplicateBits)
            parent[find(i)] = find(j);
        }
      lo = hi;
    }
  }
  std::map<size_t, size_t> best;  // root -> representative index
  for (size_t i = 0; i < n; ++i) {
    const size_t r = find(i);
    auto it = best.find(r);
    if (it == best.end() || represents_before(*articles[i], *articles[it->second])) best[r] = i;
  }
  for (size_t i = 0; i < n; ++i) {
    const size_t rep = best[find(i)];
    if (rep == i) articles[i]->duplicate_of.reset();
    else articles[i]->duplicate_of = articles[rep]->id;
  }
}

}  // namespace sitrep
