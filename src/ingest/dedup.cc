#include "ingest/dedup.h"

// XXH3 inlined: a call per word and per shingle into the shared library
// cost more than the short hashes themselves.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "sitrep/ingest.h"

namespace sitrep::ingest {
namespace {

constexpr bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

constexpr std::array<bool, 256> kWordByte = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = is_word_byte(static_cast<unsigned char>(c));
  return t;
}();

// The hash of each word, lower-cased (ASCII). Words are lower-cased into a
// buffer on the stack, or a string for the rare word longer than it.
std::vector<uint64_t> word_hashes(std::string_view text) {
  std::vector<uint64_t> out;
  out.reserve(text.size() / 5 + 1);
  char buf[64];
  std::string long_word;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    if (!kWordByte[p[i]]) {
      ++i;
      continue;
    }
    const size_t b = i;
    while (i < n && kWordByte[p[i]]) ++i;
    const size_t len = i - b;
    char* w = buf;
    if (len > sizeof buf) {
      long_word.resize(len);
      w = long_word.data();
    }
    for (size_t k = 0; k < len; ++k) {
      const unsigned char c = p[b + k];
      w[k] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    out.push_back(XXH3_64bits(w, len));
  }
  return out;
}

}  // namespace

std::vector<uint32_t> minhash(std::string_view text) {
  const std::vector<uint64_t> words = word_hashes(text);
  constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  std::vector<uint32_t> sig(kMinHashSize, kEmpty);
  std::vector<bool> full(kMinHashSize, false);
  auto add = [&](uint64_t h) {
    // High bits choose the bin, low bits are the value.
    const size_t bin = static_cast<size_t>(h >> 58) % kMinHashSize;
    const uint32_t v = static_cast<uint32_t>(h);
    if (!full[bin] || v < sig[bin]) sig[bin] = v;
    full[bin] = true;
  };
  if (words.size() < 3) {
    for (uint64_t w : words) add(w);
  } else {
    for (size_t i = 0; i + 2 < words.size(); ++i) {
      const uint64_t shingle[3] = {words[i], words[i + 1], words[i + 2]};
      add(XXH3_64bits(shingle, sizeof shingle));
    }
  }
  if (words.empty()) return sig;
  // Densify: an empty bin takes the value of the next full bin to its right,
  // mixed with the distance so that borrowed values rarely collide by chance.
  std::vector<uint32_t> dense(sig);
  for (size_t b = 0; b < kMinHashSize; ++b) {
    if (full[b]) continue;
    for (size_t d = 1; d < kMinHashSize; ++d) {
      const size_t from = (b + d) % kMinHashSize;
      if (full[from]) {
        dense[b] = sig[from] ^ static_cast<uint32_t>(0x9E3779B9u * d);
        break;
      }
    }
  }
  return dense;
}

double estimated_jaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.size() != b.size() || a.empty()) return 0.0;
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
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
  // LSH: 16 bands of 4 values. A pair at Jaccard 0.7 shares a band with
  // probability 1 - (1 - 0.7^4)^16 = 0.99; candidates are then checked.
  constexpr size_t kRows = 4;
  constexpr size_t kBands = kMinHashSize / kRows;
  for (size_t band = 0; band < kBands; ++band) {
    std::vector<std::pair<uint64_t, size_t>> keys;
    keys.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      if (articles[i]->minhash.size() != kMinHashSize) continue;
      keys.emplace_back(
          XXH3_64bits(articles[i]->minhash.data() + band * kRows, kRows * sizeof(uint32_t)), i);
    }
    std::sort(keys.begin(), keys.end());
    for (size_t lo = 0; lo < keys.size();) {
      size_t hi = lo + 1;
      while (hi < keys.size() && keys[hi].first == keys[lo].first) ++hi;
      for (size_t a = lo; a < hi; ++a)
        for (size_t b = a + 1; b < hi; ++b) {
          const size_t i = keys[a].second, j = keys[b].second;
          if (find(i) != find(j) &&
              ingest::estimated_jaccard(articles[i]->minhash, articles[j]->minhash) >=
                  ingest::kNearDuplicateJaccard)
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
    if (rep == i)
      articles[i]->duplicate_of.reset();
    else
      articles[i]->duplicate_of = articles[rep]->id;
  }
}

}  // namespace sitrep
