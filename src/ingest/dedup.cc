#include "ingest/dedup.h"

// XXH3 inlined: a call per word and per shingle into the shared library
// cost more than the short hashes themselves.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <emmintrin.h>

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "common/ascii.h"
#include "sitrep/ingest.h"

namespace sitrep::ingest {
namespace {

// Calls add(hash) for each word, lower-cased (ASCII), in order. Words are runs
// of ASCII letters and digits and of bytes from 0x80 up. The text is
// lower-cased into a copy once and its word bytes found 16 at a time; each
// word is hashed where it lies in the copy.
template <typename Add>
void for_each_word_hash(std::string_view text, Add&& add) {
  thread_local std::string lower;
  lower.assign(text);
  ascii_lower_in_place(lower);
  const size_t n = lower.size();
  lower.append(16, '\0');  // the last block's bytes past n are not word bytes
  const char* p = lower.data();
  size_t start = 0;       // of the word being read
  uint32_t in_word = 0;   // 1 when the byte before the block is a word byte
  for (size_t base = 0; base < n; base += 16) {
    const AsciiMasks16 m = ascii_masks16(p + base);
    // Bytes from 0x80 up have their top bit set: the movemask is their mask.
    const auto high =
        static_cast<uint32_t>(_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + base))));
    const uint32_t word = m.letter | m.digit | high;
    // A set bit where a word starts or ends.
    for (uint32_t edges = (word ^ ((word << 1) | in_word)) & 0xFFFFu; edges != 0; edges &= edges - 1) {
      const size_t at = base + static_cast<size_t>(__builtin_ctz(edges));
      if (word & (edges & -edges)) {
        start = at;
      } else {
        add(XXH3_64bits(p + start, at - start));
      }
    }
    in_word = (word >> 15) & 1;
  }
  if (in_word) add(XXH3_64bits(p + start, n - start));
}

}  // namespace

std::vector<uint32_t> minhash(std::string_view text) {
  // Each bin keeps its smallest value; an empty bin holds 0xFFFFFFFF, which
  // min() leaves as it is, and `full` says which bins a hash reached.
  std::vector<uint32_t> sig(kMinHashSize, 0xFFFFFFFFu);
  static_assert(kMinHashSize == 64, "one bit of `full` a bin");
  uint64_t full = 0;
  auto add = [&](uint64_t h) {
    // High bits choose the bin, low bits are the value.
    const size_t bin = static_cast<size_t>(h >> 58);
    sig[bin] = std::min(sig[bin], static_cast<uint32_t>(h));
    full |= uint64_t{1} << bin;
  };
  // The shingles are hashed as the words come, from the last three word
  // hashes; a text of fewer than three words hashes its words.
  uint64_t shingle[3];
  size_t words = 0;
  for_each_word_hash(text, [&](uint64_t w) {
    if (words >= 2) {
      shingle[2] = w;
      add(XXH3_64bits(shingle, sizeof shingle));
      shingle[0] = shingle[1];
      shingle[1] = w;
    } else {
      shingle[words] = w;
    }
    ++words;
  });
  if (words < 3)
    for (size_t i = 0; i < words; ++i) add(shingle[i]);
  if (words == 0 || full == ~uint64_t{0}) return sig;
  // Densify: an empty bin takes the value of the next full bin to its right,
  // mixed with the distance so that borrowed values rarely collide by chance.
  std::array<uint32_t, kMinHashSize> kept;
  std::copy(sig.begin(), sig.end(), kept.begin());
  for (size_t b = 0; b < kMinHashSize; ++b) {
    if (full >> b & 1) continue;
    for (size_t d = 1; d < kMinHashSize; ++d) {
      const size_t from = (b + d) % kMinHashSize;
      if (full >> from & 1) {
        sig[b] = kept[from] ^ static_cast<uint32_t>(0x9E3779B9u * d);
        break;
      }
    }
  }
  return sig;
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
