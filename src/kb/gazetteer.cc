// Gazetteer runtime: the compiled file format, the name keys shared with the
// compiler (gazetteer_compile.cc), loading by mmap, ranking and find().
#include "kb/gazetteer.h"
#include "kb/gazetteer_format.h"

#include "common/ascii.h"
#include "common/flat_string_map.h"
#include "common/load_bytes.h"
#include "common/shared_memo.h"
#include "common/utf8.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <span>
#include <unordered_map>
#include <unordered_set>

namespace sitrep::kb {

const char* to_string(PlacePrecision p) {
  switch (p) {
    case PlacePrecision::kPoint: return "point";
    case PlacePrecision::kLocality: return "locality";
    case PlacePrecision::kDistrict: return "district";
    case PlacePrecision::kRegion: return "region";
    case PlacePrecision::kCountry: return "country";
  }
  return "locality";
}

namespace gazetteer_detail {

// ---- Name keys ---------------------------------------------------------------
// One normalisation for the compiler and every query path: NFKD, combining
// marks removed, lower case, apostrophes and ayn/hamza signs removed, other
// punctuation a space, spaces collapsed. Arabic-script letter variants
// (Persian yeh and kaf, teh marbuta, alef forms) are folded as
// scripts/build_gazetteer.py folds them when it deduplicates names.

namespace {

bool is_apostrophe(UChar32 c) {
  switch (c) {
    case '\'': case '`': case 0x2018: case 0x2019: case 0x201B: case 0x02BB: case 0x02BC:
    case 0x02BD: case 0x02BE: case 0x02BF: case 0x00B4: case 0x02B9: case 0x2032: case 0x0640:
    case 0x02C8: case 0x02CA: case 0x02CB: case 0x055A: case 0xFF07:
      return true;
    default:
      return false;
  }
}

UChar32 fold_arabic(UChar32 c) {
  switch (c) {
    case 0x06CC: case 0x0649: return 0x064A;                 // yeh forms
    case 0x06A9: return 0x0643;                              // keheh -> kaf
    case 0x0629: case 0x06C1: case 0x06D5: return 0x0647;    // teh marbuta, heh forms
    case 0x0623: case 0x0625: case 0x0622: case 0x0671: return 0x0627;  // alef forms
    default: return c;
  }
}

// Latin letters NFKD does not decompose.
const char* latin_special(UChar32 c) {
  switch (c) {
    case 0x0131: return "i";   // dotless i
    case 0x00F8: case 0x00D8: return "o";
    case 0x0142: case 0x0141: return "l";
    case 0x0111: case 0x0110: case 0x00F0: case 0x00D0: return "d";
    case 0x00DF: return "ss";
    case 0x00E6: case 0x00C6: return "ae";
    case 0x0153: case 0x0152: return "oe";
    case 0x00FE: case 0x00DE: return "th";
    case 0x0127: case 0x0126: return "h";
    default: return nullptr;
  }
}

void push_space(std::string& out) {
  if (!out.empty() && out.back() != ' ') out.push_back(' ');
}

}  // namespace

namespace {

// What normalize_ascii makes of a byte: a letter (lower-cased) or digit, ' '
// for other punctuation, 0 for an apostrophe (dropped), 1 for a non-ASCII byte.
constexpr std::array<char, 256> kAsciiNorm = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 0x80) t[c] = 1;
    else if (c >= 'A' && c <= 'Z') t[c] = static_cast<char>(c + 32);
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) t[c] = static_cast<char>(c);
    else if (c == '\'' || c == '`') t[c] = 0;
    else t[c] = ' ';
  }
  return t;
}();

}  // namespace

bool normalize_ascii(std::string_view s, std::string& out) {
  // Written through a pointer into a buffer as long as `s` (the result is
  // never longer): find() normalises every capitalised word.
  out.resize(s.size());
  char* const begin = out.data();
  char* o = begin;
  for (char ch : s) {
    const char m = kAsciiNorm[static_cast<unsigned char>(ch)];
    if (m > ' ') {
      *o++ = m;
    } else if (m == ' ') {
      if (o != begin && o[-1] != ' ') *o++ = ' ';
    } else if (m == 1) {
      out.clear();
      return false;
    }
  }
  if (o != begin && o[-1] == ' ') --o;
  out.resize(static_cast<size_t>(o - begin));
  return true;
}

std::string normalize_name(std::string_view s) {
  std::string out;
  if (normalize_ascii(s, out)) return out;
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(err);
  if (U_FAILURE(err)) return out;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString d = nfkd->normalize(u, err);
  if (U_FAILURE(err)) return out;
  out.clear();
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (is_apostrophe(c)) continue;
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) continue;
    if (const char* sp = latin_special(c)) {
      out += sp;
      continue;
    }
    if (!u_isalnum(c)) {
      push_space(out);
      continue;
    }
    c = fold_arabic(u_tolower(c));
    char buf[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, c);
    out.append(buf, static_cast<size_t>(n));
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

namespace {

bool is_article(std::string_view w) {
  if (w.size() > 3) return false;  // the longest is "ash"; most words are longer
  static constexpr std::array<std::string_view, 20> kArticles = {
      "al", "el", "ar", "as", "ad", "at", "an", "az", "ash", "ath",
      "adh", "ed", "es", "et", "ez", "er", "en", "ul", "il", "l"};
  return std::find(kArticles.begin(), kArticles.end(), w) != kArticles.end();
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Whether pred holds for every word of a normalised name (single spaces
// between them), in order, stopping at the first that fails.
template <typename Pred>
bool all_name_words(std::string_view norm, Pred pred) {
  for (size_t p = 0; p < norm.size();) {
    size_t q = norm.find(' ', p);
    if (q == std::string_view::npos) q = norm.size();
    if (q > p && !pred(norm.substr(p, q - p))) return false;
    p = q + 1;
  }
  return true;
}

// The words of a normalised name.
std::vector<std::string_view> name_words(std::string_view norm) {
  std::vector<std::string_view> words;
  all_name_words(norm, [&words](std::string_view w) {
    words.push_back(w);
    return true;
  });
  return words;
}

// Calls f on each word of a normalised name but the Arabic articles, unless
// the name is only articles (then on each). No vector: find() takes the
// skeleton key of most capitalised words.
template <typename F>
void for_each_content_word(std::string_view norm, F f) {
  const bool only_articles = all_name_words(norm, is_article);
  all_name_words(norm, [&](std::string_view w) {
    if (only_articles || !is_article(w)) f(w);
    return true;
  });
}

// Its words without the Arabic articles, unless the name is only articles.
std::vector<std::string_view> content_words(std::string_view norm) {
  std::vector<std::string_view> words;
  for_each_content_word(norm, [&words](std::string_view w) { words.push_back(w); });
  return words;
}

// One word's skeleton. Upper-case letters stand for digraphs. With `vowels`,
// each run of vowels (y and w count as vowels after the first letter: Dayr =
// Deir = Der) is one 'V'; without, vowels are dropped.
void skeleton_word(std::string_view w, std::string& out, bool vowels) {
  // Sun-letter assimilation written as one word: "arraqqa", "assuwayda", "ezzor".
  if (w.size() > 4 && (w[0] == 'a' || w[0] == 'e') && w[1] == w[2] && std::strchr("tdrzsn", w[1]) != nullptr) {
    w.remove_prefix(1);
  }
  // A final h after a vowel is the teh marbuta or a long vowel: Raqqah = Raqqa.
  if (w.size() > 2 && w.back() == 'h' && is_vowel(w[w.size() - 2])) w.remove_suffix(1);
  // The word with its digraphs folded (m), then its skeleton (k): neither is
  // longer than the word, and names' words are short (on the stack; find()
  // takes the skeleton of many capitalised words).
  char m_stack[64], k_stack[64];
  std::unique_ptr<char[]> heap;
  char* m = m_stack;
  char* k = k_stack;
  if (w.size() > sizeof m_stack) {
    heap = std::make_unique<char[]>(2 * w.size());
    m = heap.get();
    k = m + w.size();
  }
  size_t mn = 0, kn = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    const char n = i + 1 < w.size() ? w[i + 1] : '\0';
    if (n == 'h' && (c == 's' || c == 'c' || c == 'k' || c == 'g' || c == 't' || c == 'd' ||
                     c == 'z' || c == 'p')) {
      switch (c) {
        case 's': case 'c': m[mn++] = 'S'; break;  // sh, French ch
        case 'k': m[mn++] = 'X'; break;            // kh
        case 'g': m[mn++] = 'G'; break;            // gh
        case 't': m[mn++] = 't'; break;            // th ~ t
        case 'd': case 'z': m[mn++] = 'z'; break;  // dh ~ z
        case 'p': m[mn++] = 'f'; break;
      }
      ++i;
      continue;
    }
    if (c == 'd' && n == 'j') continue;  // French dj = j
    if (c == 'c' && n == 'k') continue;
    switch (c) {
      case 'q': case 'c': m[mn++] = 'k'; break;
      default: m[mn++] = c;
    }
  }
  if (mn == 0) return;
  // A leading vowel (alif or ayn) is one sign whatever its spelling: Ain = Ayn = Ein.
  size_t i = 0;
  if (is_vowel(m[0])) {
    k[kn++] = vowels ? 'V' : 'a';
    while (i < mn && (is_vowel(m[i]) || m[i] == 'y' || m[i] == 'w')) ++i;
  } else {
    k[kn++] = m[0];
    i = 1;
  }
  for (; i < mn; ++i) {
    const char c = m[i];
    if (c == 'h' && i + 1 == mn) continue;
    if (is_vowel(c) || c == 'y' || c == 'w') {
      if (vowels && k[kn - 1] != 'V') k[kn++] = 'V';
      continue;
    }
    if (k[kn - 1] == c) continue;
    k[kn++] = c;
  }
  out.append(k, kn);
}

}  // namespace

std::string skeleton_key(std::string_view normalized, bool vowels) {
  std::string out;
  for (unsigned char c : normalized)
    if (c >= 0x80) return out;
  for_each_content_word(normalized, [&](std::string_view w) {
    const size_t before = out.size();
    skeleton_word(w, out, vowels);
    // Doubled across a word boundary: "Tall Lubb" ~ "Tallub".
    if (before > 0 && out.size() > before && out[before] == out[before - 1]) out.erase(before, 1);
  });
  return out;
}

// Seeded 64-bit hash of a key, 8 bytes at a time (keys are short; find()
// hashes a few per capitalised word). The compiler picks the seed so that no
// two keys share a bucket and tag (see Header::seed).
uint64_t key_hash(std::string_view key, uint32_t kind, uint32_t seed) {
  constexpr uint64_t kMul = 0x9e3779b97f4a7c15ULL;
  uint64_t h = (uint64_t{seed} << 32 | kind) * kMul ^ (key.size() * 0xc2b2ae3d27d4eb4fULL);
  const char* p = key.data();
  size_t n = key.size();
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * kMul;
    h ^= h >> 32;
    p += 8;
    n -= 8;
  }
  if (n) {
    h = (h ^ load_tail_le(p, n)) * kMul;
    h ^= h >> 32;
  }
  h *= 0xff51afd7ed558ccdULL;
  return h ^ (h >> 33);
}

// ---- File format ----------------------------------------------------------------
// Little-endian, all sections 8-byte aligned:
//   Header | PlaceRec[n_places] | uint32 tables[n_admin1 + n_features] |
//   uint32 buckets[n_buckets + 1] | KeyRec[n_keys + 1] | uint32 postings[n_postings] |
//   string pool (NUL-terminated UTF-8) | uint64 filter[n_filter_words]
// A key is known by its 64-bit hash only (the key texts are not stored): the
// low bits pick a bucket, keys[buckets[b] .. buckets[b + 1]) are that bucket's
// keys and their tag is the high 32 bits. With ~2^20 buckets a key absent from
// the file matches by chance about once in 10^9 lookups. A key may be an exact
// name key, a skeleton key (hashed as another kind), or only the word-prefix of
// longer exact keys (no postings, kPrefixBit set) so that find() can stop
// extending an n-gram as soon as no name starts with it.
// The filter (a blocked Bloom filter of every key's hash, about 8 bits per
// key in one 64-bit word per key) answers most lookups of absent keys, over
// half of find()'s, from 1 MB instead of two cache misses in the 10 MB index.

constexpr char kMagic[8] = {'S', 'R', 'G', 'A', 'Z', 'E', 'T', '\0'};
constexpr uint32_t kVersion = 3;  // 3: the key filter

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t n_places;
  uint32_t n_keys;
  uint32_t n_buckets;  // power of two
  uint32_t n_postings;
  uint32_t seed;       // of key_hash
  uint32_t n_admin1, n_features;
  uint32_t n_filter_words;  // power of two
  uint64_t off_places, off_tables, off_buckets, off_keys, off_postings, off_strings, size_strings, off_filter,
      file_size;
};
static_assert(sizeof(Header) == 120);

// The filter's word for a key hash, and the three bits the key sets in it.
// (The bucket takes the hash's low bits and the tag its high 32: the filter
// mixes the whole hash again.)
struct FilterProbe {
  uint32_t word;
  uint64_t bits;
};
inline FilterProbe filter_probe(uint64_t hash, uint32_t n_words) {
  const uint64_t m = hash * 0x9e3779b97f4a7c15ULL;
  return {static_cast<uint32_t>(m >> 40) & (n_words - 1),
          uint64_t{1} << (m & 63) | uint64_t{1} << (m >> 6 & 63) | uint64_t{1} << (m >> 12 & 63)};
}

constexpr uint32_t kNumericId = 0x80000000u;  // PlaceRec::id: "gn:<low 31 bits>", not a pool offset
// Above this population only a place's display name has transliteration keys
// (1,000,000 and 300,000: 56.1 / 63.6; 30,000: 56.0 / 63.6 on the recall sets).
constexpr int64_t kSkeletonAlternatesPopulation = 1000000;

struct PlaceRec {
  float lat, lon;
  uint32_t id;    // string pool offset, or kNumericId | geonameid
  uint32_t name;  // string pool offset
  uint32_t population;
  uint16_t admin1;  // index into the admin-1 table
  char country[2];
  uint8_t feature;  // index into the feature table
  uint8_t kind;     // FeatureKind
  uint8_t precision;
  uint8_t activity;  // conflict prior: UCDP events nearby (see build_gazetteer.py), capped at 255
};
static_assert(sizeof(PlaceRec) == 28);

// Key kinds: the exact normalised name, its consonant skeleton, its
// vowel-marked skeleton (each hashed with its kind).
enum KeyKind : uint32_t { kExact = 0, kSkeleton = 1, kVowelSkeleton = 2 };
constexpr uint32_t kPrimary = 0x80000000u;    // on a posting: the key is the place's display name
constexpr uint32_t kPrefixBit = 0x80000000u;  // on KeyRec::post: longer exact keys start with this one

struct KeyRec {
  uint32_t tag;   // high 32 bits of the hash
  uint32_t post;  // first posting | kPrefixBit; the next KeyRec's post ends the list
};
static_assert(sizeof(KeyRec) == 8);

enum class FeatureKind : uint8_t {
  kOther, kCountry, kRegion, kDistrict, kCity, kTown, kVillage, kNeighbourhood, kAbandoned,
  kRiver, kLake, kDam, kAirbase, kCrossing, kCamp, kField, kBase, kMountain,
};

FeatureKind feature_kind(std::string_view f) {
  static const std::unordered_map<std::string_view, FeatureKind> kMap = {
      {"country", FeatureKind::kCountry}, {"region", FeatureKind::kRegion},
      {"district", FeatureKind::kDistrict}, {"city", FeatureKind::kCity},
      {"town", FeatureKind::kTown}, {"village", FeatureKind::kVillage},
      {"settlement", FeatureKind::kVillage}, {"neighbourhood", FeatureKind::kNeighbourhood},
      {"abandoned", FeatureKind::kAbandoned}, {"river", FeatureKind::kRiver},
      {"lake", FeatureKind::kLake}, {"dam", FeatureKind::kDam},
      {"airbase", FeatureKind::kAirbase}, {"airport", FeatureKind::kAirbase},
      {"crossing", FeatureKind::kCrossing}, {"camp", FeatureKind::kCamp},
      {"oil field", FeatureKind::kField}, {"gas field", FeatureKind::kField},
      {"military base", FeatureKind::kBase}, {"garrison", FeatureKind::kBase},
      {"mountain", FeatureKind::kMountain}, {"hill", FeatureKind::kMountain},
  };
  auto it = kMap.find(f);
  return it == kMap.end() ? FeatureKind::kOther : it->second;
}

PlacePrecision parse_precision(std::string_view s) {
  if (s == "point") return PlacePrecision::kPoint;
  if (s == "district") return PlacePrecision::kDistrict;
  if (s == "region") return PlacePrecision::kRegion;
  if (s == "country") return PlacePrecision::kCountry;
  return PlacePrecision::kLocality;
}

bool is_focus_country(std::string_view cc) {
  // Two-letter codes compared as one 16-bit number (ranking asks for every candidate).
  if (cc.size() != 2) return false;
  const auto code = [](char a, char b) {
    return static_cast<uint16_t>(static_cast<uint8_t>(a) << 8 | static_cast<uint8_t>(b));
  };
  switch (code(cc[0], cc[1])) {
    case code('S', 'Y'):
    case code('I', 'Q'):
    case code('L', 'B'):
    case code('J', 'O'):
    case code('I', 'L'):
    case code('P', 'S'):
    case code('T', 'R'):
    case code('I', 'R'):
      return true;
    default:
      return false;
  }
}

namespace {

size_t align8(std::string& buf) {
  while (buf.size() % 8) buf.push_back('\0');
  return buf.size();
}

bool is_ascii_latin(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// "gn:172955" -> 172955 when it fits in 31 bits, else 0.
uint32_t numeric_gn(std::string_view id) {
  if (id.size() < 4 || id.size() > 13 || id.substr(0, 3) != "gn:" || id[3] == '0') return 0;
  uint64_t v = 0;
  for (char c : id.substr(3)) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v < kNumericId ? static_cast<uint32_t>(v) : 0;
}

}  // namespace

// Builds the compiled file from places, their alternate names and their
// conflict prior; writes it atomically (temporary file, then rename).
Status write_compiled(const std::vector<Place>& places, const std::vector<std::vector<std::string>>& names,
                      const std::vector<uint32_t>& activity, const std::string& out_path) {
  std::string pool(1, '\0');
  std::unordered_map<std::string, uint32_t> interned;
  auto intern = [&](const std::string& s) -> uint32_t {
    auto [it, fresh] = interned.try_emplace(s, static_cast<uint32_t>(pool.size()));
    if (fresh) {
      pool += s;
      pool.push_back('\0');
    }
    return it->second;
  };
  std::vector<uint32_t> admin1_table, feature_table;
  std::unordered_map<std::string, uint32_t> admin1_index, feature_index;
  auto table_index = [&](const std::string& s, std::vector<uint32_t>& table,
                         std::unordered_map<std::string, uint32_t>& index) {
    auto [it, fresh] = index.try_emplace(s, static_cast<uint32_t>(table.size()));
    if (fresh) table.push_back(intern(s));
    return it->second;
  };

  std::vector<PlaceRec> recs;
  recs.reserve(places.size());
  // (kind, key text) -> postings
  std::unordered_map<std::string, std::vector<uint32_t>> keys;
  std::unordered_set<std::string> prefixes;
  keys.reserve(places.size() * 4);
  for (size_t i = 0; i < places.size(); ++i) {
    const Place& p = places[i];
    PlaceRec r{};
    r.lat = static_cast<float>(p.lat);
    r.lon = static_cast<float>(p.lon);
    const uint32_t gn = numeric_gn(p.id);
    r.id = gn ? (kNumericId | gn) : intern(p.id);
    r.name = intern(p.name);
    r.admin1 = static_cast<uint16_t>(table_index(p.admin1, admin1_table, admin1_index));
    r.feature = static_cast<uint8_t>(table_index(p.feature, feature_table, feature_index));
    if (admin1_table.size() > 0xFFFF || feature_table.size() > 0xFF)
      return invalid_input("gazetteer: too many distinct admin-1 names or features");
    r.population = static_cast<uint32_t>(std::clamp<int64_t>(p.population, 0, UINT32_MAX));
    r.country[0] = p.country.size() > 0 ? p.country[0] : ' ';
    r.country[1] = p.country.size() > 1 ? p.country[1] : ' ';
    r.precision = static_cast<uint8_t>(p.precision);
    r.kind = static_cast<uint8_t>(feature_kind(p.feature));
    r.activity = static_cast<uint8_t>(std::min<uint32_t>(i < activity.size() ? activity[i] : 0, 255));
    recs.push_back(r);

    const bool skeletons = (is_focus_country(p.country) || p.id.rfind("sup:", 0) == 0 ||
                            p.id.rfind("ne:", 0) == 0) && p.feature != "country";
    std::unordered_set<std::string> mine;
    // Postings of the display name carry kPrimary: "Sarmin" is Sarmīn's own
    // name and only an alternate of Şurmān.
    uint32_t posting = static_cast<uint32_t>(i) | kPrimary;
    auto add_name = [&](const std::string& n) {
      std::string k = normalize_name(n);
      if (k.empty()) return;
      if (mine.insert(k).second) keys[std::string(1, '\0') + k].push_back(posting);
      // Word prefixes of multi-word names, for find().
      for (size_t sp = k.find(' '); sp != std::string::npos; sp = k.find(' ', sp + 1))
        prefixes.insert(k.substr(0, sp));
      // A city of a million is found by its own names: transliteration keys
      // of its many exonyms ("Éseutamu" for Istanbul, "Berea" for Aleppo)
      // only catch villages' names ("Asthma", "Al-Bara"); its display name keeps them.
      if (skeletons && is_ascii_latin(k) &&
          ((posting & kPrimary) || p.population < kSkeletonAlternatesPopulation)) {
        for (const uint32_t kind : {kSkeleton, kVowelSkeleton}) {
          std::string s = std::string(1, static_cast<char>(kind)) + skeleton_key(k, kind == kVowelSkeleton);
          if (s.size() >= 3 && mine.insert(s).second) keys[s].push_back(posting);
        }
      }
    };
    add_name(p.name);
    posting &= ~kPrimary;
    for (const std::string& n : names[i]) add_name(n);
  }
  for (const std::string& pre : prefixes) keys.try_emplace(std::string(1, '\0') + pre);

  std::vector<std::string> key_list;
  key_list.reserve(keys.size());
  for (auto& kv : keys) key_list.push_back(kv.first);
  std::sort(key_list.begin(), key_list.end());  // deterministic output

  uint32_t n_buckets = 1;
  while (n_buckets * 2 <= key_list.size()) n_buckets <<= 1;
  // (bucket, tag, key index), sorted; a seed under which no two keys collide.
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> order(key_list.size());
  uint32_t seed = 0;
  for (;; ++seed) {
    if (seed == 64) return internal_error("gazetteer: no collision-free key hash seed");
    for (size_t i = 0; i < key_list.size(); ++i) {
      const std::string& k = key_list[i];
      const uint64_t h = key_hash(std::string_view(k).substr(1), static_cast<unsigned char>(k[0]), seed);
      order[i] = {static_cast<uint32_t>(h) & (n_buckets - 1), static_cast<uint32_t>(h >> 32),
                  static_cast<uint32_t>(i)};
    }
    std::sort(order.begin(), order.end());
    bool clash = false;
    for (size_t i = 1; i < order.size() && !clash; ++i)
      clash = std::get<0>(order[i]) == std::get<0>(order[i - 1]) && std::get<1>(order[i]) == std::get<1>(order[i - 1]);
    if (!clash) break;
  }

  uint32_t n_filter_words = 1;
  while (uint64_t{n_filter_words} * 8 < key_list.size()) n_filter_words <<= 1;
  std::vector<uint64_t> filter(n_filter_words, 0);
  for (const std::string& k : key_list) {
    const FilterProbe fp =
        filter_probe(key_hash(std::string_view(k).substr(1), static_cast<unsigned char>(k[0]), seed), n_filter_words);
    filter[fp.word] |= fp.bits;
  }

  std::vector<uint32_t> buckets(n_buckets + 1, 0);
  std::vector<KeyRec> key_recs;
  std::vector<uint32_t> postings;
  key_recs.reserve(order.size() + 1);
  for (const auto& [bucket, tag, ki] : order) {
    const std::string& k = key_list[ki];
    const auto& post = keys[k];
    ++buckets[bucket + 1];
    const bool prefix = k[0] == '\0' && prefixes.count(k.substr(1));
    key_recs.push_back({tag, static_cast<uint32_t>(postings.size()) | (prefix ? kPrefixBit : 0u)});
    postings.insert(postings.end(), post.begin(), post.end());
  }
  if (postings.size() >= kPrefixBit) return invalid_input("gazetteer: too many postings");
  key_recs.push_back({0, static_cast<uint32_t>(postings.size())});
  for (uint32_t b = 0; b < n_buckets; ++b) buckets[b + 1] += buckets[b];

  std::string buf;
  Header h{};
  std::memcpy(h.magic, kMagic, 8);
  h.version = kVersion;
  h.n_places = static_cast<uint32_t>(recs.size());
  h.n_keys = static_cast<uint32_t>(order.size());
  h.n_buckets = n_buckets;
  h.n_postings = static_cast<uint32_t>(postings.size());
  h.seed = seed;
  h.n_admin1 = static_cast<uint32_t>(admin1_table.size());
  h.n_features = static_cast<uint32_t>(feature_table.size());
  h.n_filter_words = n_filter_words;
  auto append = [&buf](const auto& v) {
    buf.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(v[0]));
  };
  buf.resize(sizeof(Header));
  h.off_places = align8(buf);
  append(recs);
  h.off_tables = align8(buf);
  append(admin1_table);
  append(feature_table);
  h.off_buckets = align8(buf);
  append(buckets);
  h.off_keys = align8(buf);
  append(key_recs);
  h.off_postings = align8(buf);
  append(postings);
  h.off_strings = align8(buf);
  buf += pool;
  h.size_strings = pool.size();
  h.off_filter = align8(buf);
  append(filter);
  h.file_size = align8(buf);
  std::memcpy(buf.data(), &h, sizeof(Header));

  const std::string tmp = out_path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return io_error("cannot write " + tmp + ": " + std::strerror(errno));
  const bool ok = std::fwrite(buf.data(), 1, buf.size(), f) == buf.size();
  if (std::fclose(f) != 0 || !ok) {
    std::remove(tmp.c_str());
    return io_error("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), out_path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return io_error("cannot rename " + tmp + " to " + out_path + ": " + std::strerror(errno));
  }
  return Status::ok();
}

}  // namespace gazetteer_detail

using namespace gazetteer_detail;  // NOLINT(google-build-using-namespace): this file's own internals

// ---- Loaded gazetteer ---------------------------------------------------------

struct Scored {
  uint32_t place;
  float score;
};

// A candidate place of a name in find(): everything of its score but the
// distance to the article's other places, which find() adds per article.
struct NameCandidate {
  uint32_t place;
  float base, lat, lon;
  double coslat;
  uint16_t admin1;
};

// A key found in the file: its postings and whether longer names start with it.
struct Key {
  uint32_t index = UINT32_MAX;  // KeyRec index, UINT32_MAX when absent
  uint32_t post_begin = 0, post_count = 0;
  bool prefix = false;
  explicit operator bool() const { return index != UINT32_MAX; }
};

namespace {
struct Variant;  // a key rank() tries for a query (below)
}  // namespace

struct Gazetteer::Impl {
  const char* base = nullptr;
  size_t size = 0;
  bool mapped = false;
  std::string owned;  // when mmap is not possible
  const Header* h = nullptr;
  const PlaceRec* places = nullptr;
  const uint32_t* admin1 = nullptr;    // string pool offsets
  const uint32_t* features = nullptr;  // string pool offsets
  const uint32_t* buckets = nullptr;
  const KeyRec* keys = nullptr;
  const uint32_t* postings = nullptr;
  const char* strings = nullptr;
  const uint64_t* filter = nullptr;
  // find()'s candidates of a name, a pure function of the name, the kind of
  // place wanted and the article country, asked for in article after article
  // ("Syria", "Aleppo"): best base first (see find()).
  SharedMemo<std::shared_ptr<const std::vector<NameCandidate>>> name_candidates;

  ~Impl() {
    if (mapped) munmap(const_cast<char*>(base), size);
  }

  const char* str(uint32_t off) const { return off < h->size_strings ? strings + off : ""; }

  // Distinguishes loaded gazetteers in the threads' lookup caches.
  uint64_t generation = 0;

  // Whether a place that key `k` reaches (as its display name only, when
  // `display_only`) is one `pred` accepts.
  template <typename Pred>
  bool any_place(const Key& k, bool display_only, Pred&& pred) const {
    for (uint32_t j = 0; j < k.post_count; ++j) {
      const uint32_t posting = postings[k.post_begin + j];
      const uint32_t p = posting & ~kPrimary;
      if ((display_only && !(posting & kPrimary)) || p >= h->n_places) continue;
      if (pred(places[p])) return true;
    }
    return false;
  }

  Key lookup(std::string_view key, uint32_t kind) const {
    const uint64_t hash = key_hash(key, kind, h->seed);
    // The thread's recent answers: the same words come back article after
    // article, and the index is scattered over 10 MB (a lookup was two cache
    // misses). The answer is a function of the hash alone. 16,384 slots
    // (512 KB): a few hundred articles ask for more distinct keys than 4,096.
    // Two ways a set, in one cache line, the one read last first: a second
    // pass over 537 articles probed the index 1,460 times (direct mapped: 3,120).
    struct Slot {
      uint64_t hash;
      Key key;
      bool filled;
    };
    struct alignas(64) Set {
      Slot way[2];
    };
    thread_local std::array<Set, 8192> cache;
    thread_local uint64_t cache_generation = 0;
    if (cache_generation != generation) {
      cache.fill(Set{});
      cache_generation = generation;
    }
    Slot* const way = cache[(hash >> 32) & (cache.size() - 1)].way;
    if (way[0].filled && way[0].hash == hash) return way[0].key;
    if (way[1].filled && way[1].hash == hash) {
      std::swap(way[0], way[1]);
    } else {
      way[1] = way[0];
      way[0] = {hash, probe(hash), true};
    }
    return way[0].key;
  }

  Key probe(uint64_t hash) const {
    const FilterProbe fp = filter_probe(hash, h->n_filter_words);
    if ((filter[fp.word] & fp.bits) != fp.bits) return Key{};  // no key has this hash
    const uint32_t b = static_cast<uint32_t>(hash) & (h->n_buckets - 1);
    const uint32_t tag = static_cast<uint32_t>(hash >> 32);
    for (uint32_t k = buckets[b], e = std::min(buckets[b + 1], h->n_keys); k < e; ++k) {
      if (keys[k].tag != tag) continue;
      Key out;
      out.index = k;
      out.post_begin = keys[k].post & ~kPrefixBit;
      const uint32_t end = keys[k + 1].post & ~kPrefixBit;
      out.post_count = end >= out.post_begin && end <= h->n_postings ? end - out.post_begin : 0;
      out.prefix = (keys[k].post & kPrefixBit) != 0;
      return out;
    }
    return Key{};
  }

  // Candidates of a place string with their score under `ctx`, best first.
  // `consonant`: also the loosest key, the consonant skeleton.
  // `focus_only`: only places of the 8 focus countries.
  std::vector<Scored> rank(std::string_view query, const GeoContext& ctx, size_t limit,
                           bool skeletons = true, bool consonant = true,
                           bool focus_only = false) const;
  // Calls f(variant, key, kind) for the keys rank() looks up for the variants
  // of a query: each one's exact key, then (with `skeletons`) its vowel and
  // (with `consonant`) consonant skeleton keys.
  template <typename F>
  void for_each_key(const std::vector<Variant>& vs, bool skeletons, bool consonant, F&& f) const;
  std::optional<uint32_t> best_part(std::string_view name, const GeoContext& ctx) const;
  std::optional<uint32_t> resolve_pair(std::string_view first, std::string_view second,
                                       bool setting, const GeoContext& ctx) const;
  // Scores every place posted under `key` (see rank()), calling sink(place, score).
  template <typename Sink>
  void score_each(const Key& key, uint32_t kind, float quality, int want, const GeoContext& ctx, Sink&& sink) const;
  // The two parts of a score: everything but the distance to the context's
  // points, then that term added last (so caching the first gives the same floats).
  float base_score(uint32_t posting, const PlaceRec& r, uint32_t kind, float quality, int want,
                   const GeoContext& ctx) const;
  static float with_near(float s, float lat, float lon, double coslat, const GeoContext& ctx);
  // with_near(s, ...) <= s + kMaxNearBonus (the bonus is 4 exp(-d / 40) with d >= 0).
  static constexpr float kMaxNearBonus = 4.0f;
};

Gazetteer::Gazetteer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gazetteer::~Gazetteer() = default;

Result<std::unique_ptr<Gazetteer>> Gazetteer::load(const std::string& path) {
  static std::atomic<uint64_t> loads{0};
  auto impl = std::make_unique<Impl>();
  impl->generation = ++loads;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return io_error("gazetteer " + path + ": " + std::strerror(errno) +
                    " (build it with sitrep-kbc, or set SITREP_KB_DIR)");
  struct stat st{};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return io_error("gazetteer " + path + ": cannot stat");
  }
  impl->size = static_cast<size_t>(st.st_size);
  if (impl->size < sizeof(Header)) {
    ::close(fd);
    return invalid_input("gazetteer " + path + ": file too short to be a compiled gazetteer");
  }
  void* m = ::mmap(nullptr, impl->size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (m == MAP_FAILED) {
    impl->owned.resize(impl->size);
    const ssize_t got = ::pread(fd, impl->owned.data(), impl->size, 0);
    ::close(fd);
    if (got != static_cast<ssize_t>(impl->size)) return io_error("gazetteer " + path + ": read failed");
    impl->base = impl->owned.data();
  } else {
    ::close(fd);
    impl->base = static_cast<const char*>(m);
    impl->mapped = true;
  }
  const auto* h = reinterpret_cast<const Header*>(impl->base);
  if (std::memcmp(h->magic, kMagic, 8) != 0)
    return invalid_input("gazetteer " + path + ": not a compiled gazetteer (bad magic)");
  if (h->version != kVersion)
    return invalid_input("gazetteer " + path + ": format version " + std::to_string(h->version) +
                         ", this build reads version " + std::to_string(kVersion) +
                         " (rebuild the knowledge base)");
  auto within = [&](uint64_t off, uint64_t bytes) { return off <= impl->size && bytes <= impl->size - off; };
  bool ok = h->file_size == impl->size && within(h->off_places, uint64_t{h->n_places} * sizeof(PlaceRec)) &&
            within(h->off_tables, (uint64_t{h->n_admin1} + h->n_features) * 4) &&
            within(h->off_buckets, (uint64_t{h->n_buckets} + 1) * 4) &&
            within(h->off_keys, (uint64_t{h->n_keys} + 1) * sizeof(KeyRec)) &&
            within(h->off_postings, uint64_t{h->n_postings} * 4) && within(h->off_strings, h->size_strings) &&
            within(h->off_filter, uint64_t{h->n_filter_words} * 8) && h->off_filter % 8 == 0 &&
            h->n_filter_words > 0 && (h->n_filter_words & (h->n_filter_words - 1)) == 0 &&
            h->size_strings > 0 && h->n_buckets > 0 && (h->n_buckets & (h->n_buckets - 1)) == 0 &&
            h->off_places % 8 == 0 && h->off_tables % 4 == 0 && h->off_buckets % 4 == 0 &&
            h->off_keys % 4 == 0 && h->off_postings % 4 == 0 &&
            impl->base[h->off_strings + h->size_strings - 1] == '\0';
  if (ok) {
    // Checked here in O(1): the ends of the key index. Bucket ranges, posting
    // numbers and string offsets are checked where they are used, so that
    // loading does not touch every page of the file.
    const auto* buckets = reinterpret_cast<const uint32_t*>(impl->base + h->off_buckets);
    const auto* keys = reinterpret_cast<const KeyRec*>(impl->base + h->off_keys);
    ok = buckets[0] == 0 && buckets[h->n_buckets] == h->n_keys &&
         (keys[h->n_keys].post & ~kPrefixBit) == h->n_postings;
  }
  if (!ok) return invalid_input("gazetteer " + path + ": truncated or corrupt file");
  impl->h = h;
  impl->places = reinterpret_cast<const PlaceRec*>(impl->base + h->off_places);
  impl->admin1 = reinterpret_cast<const uint32_t*>(impl->base + h->off_tables);
  impl->features = impl->admin1 + h->n_admin1;
  impl->buckets = reinterpret_cast<const uint32_t*>(impl->base + h->off_buckets);
  impl->keys = reinterpret_cast<const KeyRec*>(impl->base + h->off_keys);
  impl->postings = reinterpret_cast<const uint32_t*>(impl->base + h->off_postings);
  impl->strings = impl->base + h->off_strings;
  impl->filter = reinterpret_cast<const uint64_t*>(impl->base + h->off_filter);
  return std::unique_ptr<Gazetteer>(new Gazetteer(std::move(impl)));
}

size_t Gazetteer::size() const { return impl_->h->n_places; }

PlacePrecision Gazetteer::precision(uint32_t index) const {
  if (index >= impl_->h->n_places) return Place{}.precision;
  return static_cast<PlacePrecision>(impl_->places[index].precision);
}

std::string_view Gazetteer::country(uint32_t index) const {
  if (index >= impl_->h->n_places) return {};
  const std::string_view cc(impl_->places[index].country, 2);
  return cc == "  " ? std::string_view() : cc;
}

Place Gazetteer::place(uint32_t index) const {
  Place p;
  if (index >= impl_->h->n_places) return p;
  const PlaceRec& r = impl_->places[index];
  if (r.id & kNumericId) {
    // Written in place: the extractor asks for a place per report it writes.
    char id[16] = {'g', 'n', ':'};
    p.id.assign(id, std::to_chars(id + 3, id + sizeof id, r.id & ~kNumericId).ptr);
  } else {
    p.id = impl_->str(r.id);
  }
  p.name = impl_->str(r.name);
  p.lat = std::round(static_cast<double>(r.lat) * 1e5) / 1e5;
  p.lon = std::round(static_cast<double>(r.lon) * 1e5) / 1e5;
  p.precision = static_cast<PlacePrecision>(r.precision);
  p.feature = r.feature < impl_->h->n_features ? impl_->str(impl_->features[r.feature]) : "";
  p.admin1 = r.admin1 < impl_->h->n_admin1 ? impl_->str(impl_->admin1[r.admin1]) : "";
  p.country.assign(r.country, 2);
  if (p.country == "  ") p.country.clear();
  p.population = r.population;
  return p;
}

// ---- Query analysis and ranking ------------------------------------------------

namespace {

// Equirectangular distance: within 1% of the great circle at the distances
// that matter for ranking (tens of km), and no trigonometry per candidate
// beyond one cosine.
// `coslat` is the cosine of either latitude: ranking only cares about tens of
// km, where the two differ by well under 1%.
// The square of approx_km / 111.195: the part before the square root.
double approx_km_squared(double lat1, double lon1, double lat2, double lon2, double coslat) {
  const double dlat = lat2 - lat1;
  double dlon = std::fabs(lon2 - lon1);
  if (dlon > 180) dlon = 360 - dlon;
  const double x = dlon * coslat;
  return dlat * dlat + x * x;
}

double approx_km(double lat1, double lon1, double lat2, double lon2, double coslat) {
  return 111.195 * std::sqrt(approx_km_squared(lat1, lon1, lat2, lon2, coslat));
}

// What the words around a name say about the place wanted.
enum class Want : uint8_t { kAny, kSettlement, kRegion, kDistrict, kNeighbourhood, kRiver, kLake,
                            kDam, kAirbase, kCrossing, kCamp, kField, kBase, kMountain, kCountry };

struct Variant {
  std::string key;   // normalised name to look up
  Want want = Want::kAny;
  float quality = 0;  // how much of the query the key keeps
};

bool fits(Want w, FeatureKind k) {
  switch (w) {
    case Want::kAny: return true;
    case Want::kSettlement:
      return k == FeatureKind::kCity || k == FeatureKind::kTown || k == FeatureKind::kVillage ||
             k == FeatureKind::kAbandoned;
    case Want::kRegion: return k == FeatureKind::kRegion;
    case Want::kDistrict: return k == FeatureKind::kDistrict;
    case Want::kNeighbourhood: return k == FeatureKind::kNeighbourhood;
    case Want::kRiver: return k == FeatureKind::kRiver;
    case Want::kLake: return k == FeatureKind::kLake || k == FeatureKind::kDam;
    case Want::kDam: return k == FeatureKind::kDam;
    case Want::kAirbase: return k == FeatureKind::kAirbase;
    case Want::kCrossing: return k == FeatureKind::kCrossing;
    case Want::kCamp: return k == FeatureKind::kCamp;
    case Want::kField: return k == FeatureKind::kField;
    case Want::kBase: return k == FeatureKind::kBase || k == FeatureKind::kAirbase;
    case Want::kMountain: return k == FeatureKind::kMountain;
    case Want::kCountry: return k == FeatureKind::kCountry;
  }
  return true;
}

struct Descriptor {
  std::string_view words;
  Want want;
};

// Trailing words that name the kind of place. Longest first.
constexpr Descriptor kTrailing[] = {
    {"military airbase", Want::kAirbase}, {"military airport", Want::kAirbase},
    {"air base", Want::kAirbase}, {"airbase", Want::kAirbase}, {"airport", Want::kAirbase},
    {"airfield", Want::kAirbase}, {"border crossing", Want::kCrossing},
    {"crossing", Want::kCrossing}, {"idp camp", Want::kCamp}, {"refugee camp", Want::kCamp},
    {"camp", Want::kCamp}, {"oil field", Want::kField}, {"oil fields", Want::kField},
    {"oilfield", Want::kField}, {"gas field", Want::kField}, {"field", Want::kField},
    {"dam", Want::kDam}, {"lake", Want::kLake}, {"reservoir", Want::kLake}, {"river", Want::kRiver},
    {"garrison", Want::kBase}, {"military base", Want::kBase}, {"base", Want::kBase},
    {"mountain", Want::kMountain}, {"mountains", Want::kMountain}, {"hill", Want::kMountain},
    {"province", Want::kRegion}, {"governorate", Want::kRegion}, {"gov", Want::kRegion},
    {"region", Want::kRegion}, {"countryside", Want::kRegion}, {"desert", Want::kRegion},
    {"subdistrict", Want::kDistrict}, {"sub district", Want::kDistrict},
    {"district", Want::kAny}, {"neighbourhood", Want::kNeighbourhood},
    {"neighborhood", Want::kNeighbourhood}, {"quarter", Want::kNeighbourhood},
    {"suburb", Want::kNeighbourhood}, {"suburbs", Want::kNeighbourhood},
    {"area", Want::kAny}, {"city", Want::kSettlement}, {"town", Want::kSettlement},
    {"village", Want::kSettlement}, {"villages", Want::kSettlement},
    {"hamlet", Want::kSettlement}, {"farm", Want::kSettlement}, {"farms", Want::kSettlement},
    {"locality", Want::kSettlement}, {"outskirts", Want::kSettlement},
    {"center", Want::kSettlement}, {"centre", Want::kSettlement},
    // Arabic qualifiers of one village among several ("Kabish Gharbi", "Masloum
    // Tahtani"): when the qualified name is missing, the village itself.
    {"gharbi", Want::kAny}, {"sharqi", Want::kAny}, {"shamali", Want::kAny},
    {"janubi", Want::kAny}, {"janoubi", Want::kAny}, {"foqani", Want::kAny},
    {"fawqani", Want::kAny}, {"fouqani", Want::kAny}, {"tahtani", Want::kAny},
    {"kabir", Want::kAny}, {"kebir", Want::kAny}, {"saghir", Want::kAny}, {"sagheer", Want::kAny},
    {"jadid", Want::kAny}, {"jdideh", Want::kAny},
};

// Leading words.
constexpr Descriptor kLeading[] = {
    {"the outskirts of", Want::kSettlement}, {"outskirts of", Want::kSettlement},
    {"the countryside of", Want::kRegion}, {"countryside of", Want::kRegion},
    {"the village of", Want::kSettlement}, {"village of", Want::kSettlement},
    {"the town of", Want::kSettlement}, {"town of", Want::kSettlement},
    {"the city of", Want::kSettlement}, {"city of", Want::kSettlement},
    {"the province of", Want::kRegion}, {"province of", Want::kRegion},
    {"the governorate of", Want::kRegion}, {"governorate of", Want::kRegion},
    {"the neighbourhood of", Want::kNeighbourhood}, {"neighbourhood of", Want::kNeighbourhood},
    {"the area of", Want::kAny}, {"area of", Want::kAny}, {"lake", Want::kLake},
    {"rural", Want::kRegion}, {"the", Want::kAny}, {"greater", Want::kAny},
    {"eastern", Want::kAny}, {"western", Want::kAny}, {"northern", Want::kAny},
    {"southern", Want::kAny}, {"central", Want::kAny}, {"east", Want::kAny}, {"west", Want::kAny},
    {"north", Want::kAny}, {"south", Want::kAny}, {"northeastern", Want::kAny},
    {"northwestern", Want::kAny}, {"southeastern", Want::kAny}, {"southwestern", Want::kAny},
    {"downtown", Want::kSettlement},
};

bool strip_prefix(std::string& s, std::string_view w) {
  if (s.size() > w.size() && s.compare(0, w.size(), w) == 0 && s[w.size()] == ' ') {
    s.erase(0, w.size() + 1);
    return true;
  }
  return false;
}

bool strip_suffix(std::string& s, std::string_view w) {
  if (s.size() > w.size() && s.compare(s.size() - w.size(), w.size(), w) == 0 &&
      s[s.size() - w.size() - 1] == ' ') {
    s.resize(s.size() - w.size() - 1);
    return true;
  }
  return false;
}

// The first Arabic qualifier of kTrailing.
const Descriptor* const kQualifiers = [] {
  for (const Descriptor& d : kTrailing)
    if (d.words == "gharbi") return &d;
  return std::end(kTrailing);
}();

// The quality of a query key without the qualifier that picks one village of
// several ("Kabish Gharbi", "Western Kabish"): a guess, below a
// transliteration match of the whole string. 0.4 and 0.6 measure the same on
// both recall sets, 0.9 lower (see data/kb/SOURCE.md); at 0.6 an exact bare
// name still beats the qualified village's transliteration key.
constexpr float kUnqualifiedQuality = 0.4f;

// The keys to try for a normalised query: the whole string (and, after an
// English direction, the Arabic qualifier it stands for), then with
// descriptive words removed (at most a few rounds), each with the kind of
// place those words ask for.
std::vector<Variant> variants(const std::string& norm) {
  std::vector<Variant> out;
  out.push_back({norm, Want::kAny, 1.0f});
  // "Western X" is often the English of "X al Gharbiyah" / "X Gharbi": the
  // Arabic qualifier, found through the transliteration keys.
  static constexpr std::pair<std::string_view, std::string_view> kDirections[] = {
      {"eastern", "sharqi"}, {"east", "sharqi"}, {"western", "gharbi"}, {"west", "gharbi"},
      {"northern", "shamali"}, {"north", "shamali"}, {"southern", "janubi"}, {"south", "janubi"},
      {"upper", "fawqani"}, {"lower", "tahtani"}, {"greater", "kabir"}, {"little", "saghir"}};
  bool directional = false;
  for (const auto& [en, ar] : kDirections) {
    if (norm.size() > en.size() + 1 && norm.compare(0, en.size(), en) == 0 && norm[en.size()] == ' ') {
      out.push_back({norm.substr(en.size() + 1) + " " + std::string(ar), Want::kAny, 1.0f});
      directional = true;
      break;
    }
  }
  std::string s = norm;
  Want want = Want::kAny;
  float quality = 0.9f;
  for (int round = 0; round < 4; ++round) {
    bool changed = false;
    for (const Descriptor& d : kLeading) {
      if (strip_prefix(s, d.words)) {
        if (d.want != Want::kAny) want = d.want;
        if (directional && round == 0) quality = kUnqualifiedQuality;
        changed = true;
        break;
      }
    }
    for (const Descriptor& d : kTrailing) {
      if (strip_suffix(s, d.words)) {
        if (d.want != Want::kAny && want == Want::kAny) want = d.want;
        if (&d >= kQualifiers) quality = std::min(quality, kUnqualifiedQuality);
        changed = true;
        break;
      }
    }
    if (!changed) break;
    out.push_back({s, want, quality});
  }
  return out;
}

}  // namespace

namespace {

constexpr float kPopWeight = 0.35f;
// The conflict prior: log10(1 + UCDP events within 5 km) of a place, weighted
// so that a place with ~10 events outranks an equal one with none by about
// the display-name bonus plus a village's feature bonus (0.5 chosen from 0,
// 0.5, 1, 1.5 on both recall sets; see data/kb/SOURCE.md).
constexpr float kActivityWeight = 0.5f;

const std::array<float, 256> kLog10 = [] {
  std::array<float, 256> t{};
  for (int i = 0; i < 256; ++i) t[i] = std::log10(1.0f + static_cast<float>(i));
  return t;
}();
constexpr float kSkeletonCountryScale = 1.0f;
// See rank(): 1.0 (2.0 measures the same; 3.0 sends "Kiev", "Fez" and
// "Grozny" to villages of the region).
constexpr float kForeignAlternatePenalty = 1.0f;

// Without an article country, the engine's own war is the prior: Syria, then
// its neighbours. Most Syrian villages have no population figure, so this
// prior, not population, must carry "Ariha" to Idlib rather than Jericho.
float country_bonus(std::string_view cc, const GeoContext& ctx) {
  if (!ctx.country.empty()) return cc == ctx.country ? 3.0f : 0.0f;
  if (cc == "SY") return 3.0f;
  if (cc == "IQ" || cc == "TR" || cc == "LB" || cc == "JO") return 1.5f;
  if (cc == "IL" || cc == "PS" || cc == "IR") return 1.0f;
  return 0.0f;
}

// A focus country other than Syria (country_bonus gives it 1.0 or 1.5).
bool cc_is_neighbour(const char* cc) {
  return !(cc[0] == 'S' && cc[1] == 'Y') && is_focus_country(std::string_view(cc, 2));
}
// 0.3 (1: 55.8 / 63.4; 0.5: 55.9 / 63.5; 0: 56.0 / 63.5 on the recall sets);
// lowering the neighbours' prior for every place instead (0.5 for IQ TR LB JO)
// sends Irbid to a Syrian 'Arbid and Hit to a Syrian Hit.
constexpr float kNeighbourVillageScale = 0.3f;

float feature_bonus(FeatureKind k) {
  switch (k) {
    case FeatureKind::kCountry: return 3.0f;
    case FeatureKind::kCity: return 1.0f;
    case FeatureKind::kTown: return 0.7f;
    case FeatureKind::kVillage: return 0.3f;
    case FeatureKind::kAbandoned: return -0.6f;
    case FeatureKind::kRegion: return -1.0f;
    case FeatureKind::kDistrict: return -1.5f;
    case FeatureKind::kNeighbourhood: return 0.0f;
    default: return 0.4f;  // named features (rivers, dams, bases): chosen for a reason
  }
}

}  // namespace

template <typename Sink>
void Gazetteer::Impl::score_each(const Key& key, uint32_t kind, float quality, int want_int, const GeoContext& ctx,
                                 Sink&& sink) const {
  if (!key) return;
  for (uint32_t j = 0; j < key.post_count; ++j) {
    const uint32_t posting = postings[key.post_begin + j];
    const uint32_t p = posting & ~kPrimary;
    if (p >= h->n_places) continue;
    const PlaceRec& r = places[p];
    float s = base_score(posting, r, kind, quality, want_int, ctx);
    if (!ctx.near.empty()) s = with_near(s, r.lat, r.lon, std::cos(r.lat * (M_PI / 180)), ctx);
    sink(p, s);
  }
}

float Gazetteer::Impl::base_score(uint32_t posting, const PlaceRec& r, uint32_t kind, float quality, int want_int,
                                  const GeoContext& ctx) const {
  const Want want = static_cast<Want>(want_int);
  // Exact names are trusted; transliteration keys collide more, so they lean
  // on the country prior more and on population less.
  const float match = kind == kExact ? 3.0f : kind == kVowelSkeleton ? 2.0f : 1.0f;
  const float pop_weight = kind == kExact ? kPopWeight : kPopWeight / 3;
  const FeatureKind k = static_cast<FeatureKind>(r.kind);
  float s = match * quality;
  if (posting & kPrimary) s += 0.3f;
  float cb = country_bonus(std::string_view(r.country, 2), ctx);
  // Without an article country, a village of a neighbouring country keeps
  // only kNeighbourVillageScale of the neighbours' prior: a bare village name
  // in this engine's news is more often the Syrian namesake, while the
  // neighbours' towns and cities ("Irbid", "Hit", "Ramadi") keep theirs.
  if (ctx.country.empty() && cc_is_neighbour(r.country) &&
      (k == FeatureKind::kVillage || k == FeatureKind::kAbandoned))
    cb *= kNeighbourVillageScale;
  s += cb * (kind == kExact ? 1.0f : kSkeletonCountryScale);
  // A district's population is the sum of its places': no measure of how
  // often a bare name means the district ("Ras al Ain" is the town, not the
  // district of 177,000 around it). Regions keep theirs: "Aleppo province".
  if (k != FeatureKind::kDistrict)
    s += pop_weight * std::log10(1.0f + static_cast<float>(r.population));
  s += feature_bonus(k);
  s += kActivityWeight * kLog10[r.activity];
  if (want != Want::kAny) s += fits(want, k) ? 3.0f : -3.0f;
  return s;
}

// The context's points pull places near them up (the last term of a score).
float Gazetteer::Impl::with_near(float s, float lat, float lon, double coslat, const GeoContext& ctx) {
  // The nearest point by squared distance, then one square root: sqrt and the
  // scaling are monotonic, so this is approx_km's minimum, to the bit.
  double q = 1e18;
  for (const auto& [nlat, nlon] : ctx.near) q = std::min(q, approx_km_squared(nlat, nlon, lat, lon, coslat));
  const double d = ctx.near.empty() ? 1e9 : 111.195 * std::sqrt(q);
  if (d < 400) s += static_cast<float>(kMaxNearBonus * std::exp(-d / 40.0));
  return s;
}

namespace {

// The spelling term of rank(): a transliteration match loses up to this much
// as its display name's spelling moves away from the query's (2 chosen from
// 0.5, 1, 1.5, 2, 2.5, 3 on both recall sets), the spelling compared without
// the articles and, with weight 0.3 (from 0, 0.3, 0.5, 1), with them.
constexpr float kSpellingWeight = 2.0f;
constexpr float kSpellingArticles = 0.3f;
// A transliteration match whose display name has the query's loose_form
// gains this much: the vowel key's 2.0 becomes an exact name's 3.0 (0.5:
// 55.6 / 63.3; 1.5: 55.7 / 63.3 on the recall sets).
constexpr float kLooseExactBonus = 1.0f;

// A normalised name for spelling comparison: words joined, articles dropped
// unless `articles` (or the name is only articles).
std::string spelling_form(std::string_view norm, bool articles) {
  std::string out;
  for (std::string_view w : articles ? name_words(norm) : content_words(norm)) out += w;
  return out;
}

// A normalised name with the spelling choices of transliteration that keep
// the letters folded: articles dropped (unless the name is only articles), a
// final h after a vowel, doubled letters, ou/oo as u, ee/ie as i.
std::string loose_form(std::string_view norm) {
  std::string joined;
  for (std::string_view w : content_words(norm)) {
    if (w.size() > 2 && w.back() == 'h' && is_vowel(w[w.size() - 2])) w.remove_suffix(1);
    joined += w;
    joined.push_back(' ');
  }
  std::string out;
  for (size_t i = 0; i < joined.size(); ++i) {
    char c = joined[i];
    const char n = i + 1 < joined.size() ? joined[i + 1] : '\0';
    if ((c == 'o' && (n == 'u' || n == 'o')) || (c == 'e' && n == 'e') || (c == 'i' && n == 'e')) {
      c = c == 'o' ? 'u' : 'i';
      ++i;
    }
    if (c == ' ' || (!out.empty() && out.back() == c)) continue;
    out.push_back(c);
  }
  return out;
}

// 1 - Levenshtein distance / longer length, on bytes.
float spelling_similarity(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0;
  std::array<uint16_t, 128> row{};
  if (b.size() >= row.size()) return 0;
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<uint16_t>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    uint16_t diag = row[0];
    row[0] = static_cast<uint16_t>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const uint16_t up = row[j];
      row[j] = std::min<uint16_t>({static_cast<uint16_t>(up + 1), static_cast<uint16_t>(row[j - 1] + 1),
                                   static_cast<uint16_t>(diag + (a[i - 1] != b[j - 1]))});
      diag = up;
    }
  }
  return 1.0f - static_cast<float>(row[b.size()]) / static_cast<float>(std::max(a.size(), b.size()));
}

}  // namespace

template <typename F>
void Gazetteer::Impl::for_each_key(const std::vector<Variant>& vs, bool skeletons, bool consonant, F&& f) const {
  for (const Variant& v : vs) {
    f(v, lookup(v.key, kExact), kExact);
    if (!skeletons) continue;
    for (const uint32_t kind : {kVowelSkeleton, kSkeleton}) {
      if (kind == kSkeleton && !consonant) continue;
      if (const std::string sk = skeleton_key(v.key, kind == kVowelSkeleton); sk.size() >= 2) f(v, lookup(sk, kind), kind);
    }
  }
}

std::vector<Scored> Gazetteer::Impl::rank(std::string_view query, const GeoContext& ctx,
                                          size_t limit, bool skeletons, bool consonant,
                                          bool focus_only) const {
  std::vector<Scored> out;
  const std::string norm = normalize_name(query);
  if (norm.empty()) return out;
  // Sorted vectors, not hash tables: a query reaches tens to hundreds of places.
  std::vector<Scored> best;        // each place once with its best score over the keys, by place
  std::vector<uint32_t> exact;     // places one of whose names is a query key, sorted
  std::vector<uint32_t> own_name;  // places whose display name is a query key, sorted
  auto has = [](const std::vector<uint32_t>& set, uint32_t p) { return std::binary_search(set.begin(), set.end(), p); };
  auto best_of = [&best](uint32_t p) -> float& {
    return std::lower_bound(best.begin(), best.end(), p, [](const Scored& x, uint32_t q) { return x.place < q; })->score;
  };
  const std::vector<Variant> vs = variants(norm);
  auto abroad = [this](uint32_t p) {
    return !is_focus_country(std::string_view(places[p].country, 2));
  };
  // A place abroad found only through one of its other names (see below).
  auto foreign_alternate = [&](uint32_t p) {
    return abroad(p) && !has(own_name, p) &&
           places[p].kind != static_cast<uint8_t>(FeatureKind::kCountry);
  };
  for_each_key(vs, skeletons, consonant, [&](const Variant& v, const Key& k, uint32_t kind) {
    score_each(k, kind, v.quality, static_cast<int>(v.want), ctx, [&best](uint32_t p, float s) { best.push_back({p, s}); });
    if (kind != kExact) return;
    for (uint32_t j = 0; j < k.post_count; ++j) {
      const uint32_t posting = postings[k.post_begin + j];
      if ((posting & ~kPrimary) >= h->n_places) continue;  // as score_each skips it
      exact.push_back(posting & ~kPrimary);
      if (posting & kPrimary) own_name.push_back(posting & ~kPrimary);
    }
  });
  // By place, the best score of each first: the first of each place is kept.
  std::sort(best.begin(), best.end(), [](const Scored& a, const Scored& b) {
    return a.place != b.place ? a.place < b.place : a.score > b.score;
  });
  best.erase(std::unique(best.begin(), best.end(), [](const Scored& a, const Scored& b) { return a.place == b.place; }),
             best.end());
  for (std::vector<uint32_t>* set : {&exact, &own_name}) {
    std::sort(set->begin(), set->end());
    set->erase(std::unique(set->begin(), set->end()), set->end());
  }
  if (focus_only) {
    std::erase_if(best, [&](const Scored& ps) { return abroad(ps.place); });
    std::erase_if(exact, abroad);
  }
  if (best.size() > exact.size()) {
    // Transliteration matches: the display name spelt most like the query
    // wins among them: "Maarat" prefers a "Ma'arrat" to a "Murat".
    // Exact matches keep their score: their own spelling is the query's.
    // The term lowers a score by at most kSpellingWeight, and the loose-form
    // bonus below lifts it by at most kLooseExactBonus (only when no place
    // has the query as a name). When one answer is wanted, candidates are
    // taken best first and one that cannot reach the best adjusted score so
    // far is left as it is: it cannot win.
    const bool loose_on = exact.empty();
    const float lift = loose_on ? kLooseExactBonus : 0.0f;
    std::vector<std::pair<float, uint32_t>> order;
    order.reserve(best.size());
    for (const auto& [p, sc] : best)
      if (!has(exact, p)) order.emplace_back(sc, p);
    std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
      return x.first != y.first ? x.first > y.first : x.second < y.second;
    });
    // A lower bound of a score after the foreign-alternate rule below.
    auto settled = [&](uint32_t p, float sc) {
      return foreign_alternate(p) ? sc - kForeignAlternatePenalty : sc;
    };
    float top_adjusted = -1e30f;
    if (limit == 1)
      for (uint32_t p : exact) top_adjusted = std::max(top_adjusted, settled(p, best_of(p)));
    std::vector<std::pair<std::string, std::string>> qs;
    std::vector<std::pair<std::string, float>> loose;  // loose_form of each variant, its quality
    for (const Variant& v : vs) {
      qs.emplace_back(spelling_form(v.key, false), spelling_form(v.key, true));
      if (loose_on) loose.emplace_back(loose_form(v.key), v.quality);
    }
    for (const auto& [sc0, p] : order) {
      if (limit == 1 && sc0 + lift < top_adjusted) break;
      float& s = best_of(p);
      const std::string name = normalize_name(str(places[p].name));
      const std::string bare = spelling_form(name, false), full = spelling_form(name, true);
      float sim = 0;
      for (const auto& [qb, qf] : qs)
        sim = std::max(sim, (1 - kSpellingArticles) * spelling_similarity(qb, bare) +
                                kSpellingArticles * spelling_similarity(qf, full));
      s -= kSpellingWeight * (1.0f - sim);
      // The display name spelt as the query but for a final h, doubled
      // letters or ou/ee ("Malha" ~ Malhah, "Al Hamama" ~ Al Hamamah): as
      // good as an exact name, which a transliteration key is not. Only
      // when no place has the query as a name: against an exact name it
      // loses more than it wins (UCDP held-out 63.3 -> 62.4%).
      if (loose_on) {
        const std::string ln = loose_form(name);
        for (const auto& [lq, quality] : loose)
          if (!lq.empty() && lq == ln) {
            s += kLooseExactBonus * quality;
            break;
          }
      }
      top_adjusted = std::max(top_adjusted, settled(p, s));
    }
  }
  // A place abroad reached only through one of its other names ("Sarja" is
  // Sharjah in some language, "Karama" Calama) loses kForeignAlternatePenalty
  // when that hands the first place to a place of the region: English news
  // names a foreign city by its English name. When a foreign place stays
  // first anyway nothing changes, so "Geneva" is still Genève (whose English
  // name is an alternate) and not the Geneva of Illinois.
  // (After the spelling term: a rival of the region must win on its final score.)
  {
    float top_focus = -1e30f, top_other = -1e30f;
    for (const auto& [p, sc] : best) {
      if (!abroad(p))
        top_focus = std::max(top_focus, sc);
      else
        top_other = std::max(top_other, foreign_alternate(p) ? sc - kForeignAlternatePenalty : sc);
    }
    if (top_focus > top_other && top_focus > -1e30f)
      for (auto& [p, sc] : best)
        if (foreign_alternate(p)) sc -= kForeignAlternatePenalty;
  }
  out = std::move(best);
  std::sort(out.begin(), out.end(), [](const Scored& a, const Scored& b) {
    return a.score != b.score ? a.score > b.score : a.place < b.place;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::vector<uint32_t> Gazetteer::candidates(std::string_view name) const {
  std::vector<uint32_t> out;
  for (const Scored& s : impl_->rank(name, GeoContext{}, 64)) out.push_back(s.place);
  return out;
}

std::vector<std::pair<uint32_t, float>> Gazetteer::scored_candidates(std::string_view name,
                                                                     const GeoContext& context,
                                                                     size_t limit) const {
  std::vector<std::pair<uint32_t, float>> out;
  for (const Scored& s : impl_->rank(name, context, limit)) out.emplace_back(s.place, s.score);
  return out;
}

std::optional<uint32_t> Gazetteer::best_candidate(std::string_view name) const {
  const std::vector<Scored> top = impl_->rank(name, GeoContext{}, 1);
  if (top.empty()) return std::nullopt;
  return top.front().place;
}

bool Gazetteer::best_candidate_is_country(std::string_view name) const {
  // The best candidate is one of the places posted under the query's keys:
  // when none of them is a country, ranking them cannot find one.
  const Impl& g = *impl_;
  const std::string norm = normalize_name(name);
  if (norm.empty()) return false;
  bool any_country = false;
  g.for_each_key(variants(norm), true, true, [&](const Variant&, const Key& k, uint32_t) {
    any_country = any_country || g.any_place(k, false, [](const PlaceRec& r) {
                    return r.precision == static_cast<uint8_t>(PlacePrecision::kCountry);
                  });
  });
  if (!any_country) return false;
  const std::optional<uint32_t> best = best_candidate(name);
  return best && precision(*best) == PlacePrecision::kCountry;
}

namespace {

// The word lists of find(), one bit each, looked up together: find() asks
// several of them about the same word.
enum WordClass : uint8_t {
  // Common English words that are also place names somewhere: never a place
  // alone ("Best", "Leave", "Tuesday"), though they may start a longer name.
  // Demonyms too: "Syrian forces" is an actor, not a place.
  kStopword = 1,
  // First words of Arabic place names ("spring of", "monastery of", "hill of").
  kGenericHead = 2,
  // Words after a name that say what kind of place it is ("Mosul Dam").
  kDescriptor = 4,
  // Lower-case words allowed inside a multi-word name: Arabic articles and
  // connectives, "of" ("Gulf of Aden").
  kInnerParticle = 8,
  // A title before a name makes it a person: "President Assad", "Gen. Townsend".
  kTitle = 16,
  // Buildings and sites a name may carry its town's name in ("Damascus
  // Sheraton Hotel", "Hama Military Airport").
  kFacility = 32,
};

const FlatStringMap<uint8_t>& word_class_map() {
  static const FlatStringMap<uint8_t> kMap = [] {
    FlatStringMap<uint8_t> m;
    auto add = [&m](uint8_t bit, std::initializer_list<std::string_view> words) {
      for (std::string_view w : words) m[w] |= bit;
    };
    add(kStopword, {
        "a", "about", "above", "across", "after", "again", "against", "ago", "all", "along", "also",
        "although", "among", "an", "and", "another", "any", "are", "around", "as", "at", "away",
        "back", "be", "because", "been", "before", "being", "best", "between", "both", "but", "by",
        "can", "come", "could", "day", "deal", "despite", "did", "do", "down", "during", "each",
        "early", "even", "ever", "every", "few", "fire", "first", "five", "for", "four", "free",
        "from", "further", "good", "great", "had", "has", "have", "he", "her", "here", "him", "his",
        "hope", "how", "however", "if", "in", "inside", "into", "is", "it", "its", "just", "last",
        "late", "later", "leave", "like", "little", "long", "many", "may", "meanwhile", "more",
        "most", "much", "must", "my", "near", "never", "new", "next", "nine", "no", "none", "nor",
        "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "out",
        "outside", "over", "own", "peace", "people", "per", "same", "says", "said", "see", "seven",
        "she", "show", "since", "six", "so", "some", "still", "such", "ten", "than", "that", "the",
        "their", "them", "then", "there", "these", "they", "third", "this", "those", "three",
        "through", "to", "today", "too", "two", "under", "union", "unity", "until", "up", "upon",
        "us", "very", "victory", "was", "we", "well", "were", "what", "when", "where", "which",
        "while", "who", "why", "will", "with", "within", "without", "would", "yet", "you", "your",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december", "mission", "media", "press", "police", "army", "state", "force",
        "forces", "news", "video", "photo", "reuters", "related", "home", "world", "national",
        "central", "liberty", "independence", "justice", "freedom", "reply", "comment", "share",
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "president",
        "minister", "general", "god", "allah", "islam", "islamic", "arab", "arabs", "kurdish",
        "kurds", "christian", "muslim", "sunni", "shia", "alawite", "democratic", "republican",
        "human", "rights", "observatory", "office", "city", "town", "village", "province", "lake",
        "river", "mount", "camp", "base", "border", "old", "citadel", "wrath", "operation", "man",
        "woman", "women", "children", "child", "men", "abu", "umm", "ibn", "bin", "al", "el",
        "sheikh", "imam", "mohamed", "mohammed", "muhammad", "ahmed", "ahmad", "ali", "hassan",
        "hussein", "omar", "khalid", "mahmoud", "mustafa", "ibrahim", "abdullah", "salman",
        "hamid", "saleh", "salem", "karim", "rahman", "abdel", "abdul", "jamal", "tal", "rami",
        "strong", "obama", "trump", "putin", "assad", "erdogan", "lavrov", "kerry", "jazeera",
        "sputnik", "amaq", "afp", "sana", "bbc", "cnn", "ap", "telegraph", "guardian", "times",
        "post", "independent", "express", "mirror", "sun", "star", "journal", "daily", "weekly",
        "read", "click", "follow", "subscribe", "sign", "login", "menu", "search", "top",
        "contact", "privacy", "terms", "copyright", "advertisement", "full", "article", "apache",
        "story", "stories", "things", "know", "lieutenant", "colonel", "major", "captain",
        "commander", "secretary", "spokesman", "spokeswoman", "foreign", "defense", "defence",
        "ministry", "government", "regime", "coalition", "alliance", "council", "committee",
        "international", "rescue", "security", "nations", "united", "syrian", "syrians", "iraqi",
        "iraqis", "jordanian", "turkish", "russian", "russians", "iranian", "american",
        "americans", "british", "israeli", "lebanese", "saudi", "qatari", "emirati", "egyptian",
        "french", "german", "european", "qaeda", "marine", "marines", "white", "house",
        "palestinian", "libyan", "yemeni", "afghan", "chechen", "civil", "war", "due", "car",
        "smoke", "europe", "salah", "levant", "persian", "gulf", "ain", "issa", "deir", "jabal",
        "tell", "ras", "bab", "kafr", "wadi", "jisr", "beit", "bir", "khan", "sheikh", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "countryside",
        "source", "sources", "shiite", "shiites", "daesh", "nusra", "crescent", "regional", "local",
        "desert", "valley", "town", "villages", "airport", "dam", "hospital", "school", "market",
        "assads", "castello", "kurd", "ramadan", "bashar", "hafez", "sham", "hass", "eid"});
    add(kGenericHead, {
        "ain", "ayn", "ein", "tal", "tall", "tell", "tel", "deir", "dayr", "dair", "jabal", "jebel",
        "kafr", "kfar", "kafar", "ras", "bab", "abu", "abou", "umm", "um", "khirbet", "khirbat",
        "qasr", "beit", "bayt", "bir", "marj", "wadi", "jisr", "maarat", "maarrat", "hayy", "tall",
        "sheikh", "shaykh", "mazraat", "qalaat", "qalat", "nahr", "jubb", "hawsh", "dahiyat"});
    add(kDescriptor, {
        "dam", "river", "lake", "province", "governorate", "city", "town", "village", "camp",
        "airbase", "airport", "base", "crossing", "district", "countryside", "valley", "mountains",
        "plain", "desert", "field", "region", "area", "neighbourhood", "neighborhood", "quarter",
        "garrison", "outpost", "gas", "oil", "oilfield", "fields"});
    add(kInnerParticle, {
        "al", "el", "ar", "as", "ash", "ad", "an", "az", "at", "ath", "ez", "es", "ed", "er", "en",
        "ul", "bin", "ibn", "bani", "bu", "of", "de", "la", "le", "du", "des", "del", "di", "da"});
    add(kTitle, {
        "president", "minister", "gen", "general", "lt", "col", "colonel", "mr", "mrs", "ms",
        "dr", "sheikh", "king", "prince", "emir", "sultan", "pope", "sen", "senator", "rep",
        "secretary", "spokesman", "spokeswoman", "commander", "leader", "chief", "ambassador",
        "envoy", "premier", "governor", "mayor", "abu", "umm", "ibn", "bin", "imam", "cleric",
        "lord", "sir", "saint", "st", "brother", "sister", "father", "mother", "son", "daughter"});
    add(kFacility, {
        "hotel", "hospital", "university", "prison", "stadium", "mosque", "church", "school", "square",
        "citadel", "airport", "airbase", "bridge", "market", "bakery", "highway", "roundabout"});
    return m;
  }();
  return kMap;
}

// The WordClass bits of a normalised word, 0 for none.
uint8_t word_classes(std::string_view w) {
  const uint8_t* c = word_class_map().find(w);
  return c ? *c : 0;
}

bool is_stopword(std::string_view w) { return word_classes(w) & kStopword; }

}  // namespace

std::optional<uint32_t> Gazetteer::geocode(std::string_view name, const GeoContext& context) const {
  // "Hajin, Deir ez-Zor": the part after the comma is a hint, not the place.
  const size_t comma = name.find(',');
  if (comma != std::string_view::npos) {
    const std::string_view head = name.substr(0, comma);
    GeoContext ctx = context;
    if (auto hint = geocode(name.substr(comma + 1), context)) {
      const PlaceRec& r = impl_->places[*hint];
      ctx.near.emplace_back(r.lat, r.lon);
    }
    if (auto p = geocode(head, ctx)) return p;
    return geocode(name.substr(comma + 1), context);
  }
  auto ranked = impl_->rank(name, context, 1);
  if (!ranked.empty()) return ranked.front().place;
  // "Amuda and Joli", "Kobane/Ayn al Arab", "Khuwayn (Tell al-Khuwaiyn)",
  // "Road between Kahil and Al-Taybeh", "Huluk (Aleppo)", "Al Hilalya
  // neighbourhood of Qamishli": two names. They usually name one place or two
  // neighbours, so the pair of candidates that lie together wins; failing that,
  // a town named as the setting of an unknown name ("X (Aleppo)", "X in Y").
  std::string_view rest = name;
  for (bool again = true; again;) {
    again = false;
    for (std::string_view lead :
         {"The ", "the ", "Road between ", "road between ", "Road from ", "road from ", "Between ",
          "between ", "Vicinity of ", "vicinity of ", "Near ", "near ", "Outskirts of ",
          "outskirts of "}) {
      if (rest.size() > lead.size() && rest.substr(0, lead.size()) == lead) {
        rest.remove_prefix(lead.size());
        again = true;
        break;
      }
    }
  }
  // Separators: true when the second name is the setting of the first.
  static constexpr std::pair<std::string_view, bool> kSeparators[] = {{" and ", false},
                                                                      {"/", false},
                                                                      {" (", true},
                                                                      {" neighbourhood of ", true},
                                                                      {" neighborhood of ", true},
                                                                      {" neighbourhood in ", true},
                                                                      {" neighborhood in ", true},
                                                                      {" district of ", true},
                                                                      {" near ", true},
                                                                      {" in ", true},
                                                                      {" to ", false},
                                                                      {" & ", false},
                                                                      {" - ", false},
                                                                      {" or ", false}};
  for (const auto& [sep, setting] : kSeparators) {
    const size_t at = rest.find(sep);
    if (at == std::string_view::npos || at == 0) continue;
    const std::string_view first = rest.substr(0, at);
    std::string_view second = rest.substr(at + sep.size());
    if (!second.empty() && second.back() == ')') second.remove_suffix(1);
    if (auto p = impl_->resolve_pair(first, second, setting, context)) return p;
  }
  if (rest.size() != name.size()) {
    auto r = impl_->rank(rest, context, 1);
    if (!r.empty()) return r.front().place;
  }
  return impl_->best_part(rest, context);
}

// Two names of one string: the first member of the best-scoring pair of
// places (points and localities, not areas) within kPairKm of each other;
// else, when `setting`, a settlement the second name resolves to; else the
// better-scoring of the two names alone ("Al Kasrat or Ar Raqqa": Raqqa).
std::optional<uint32_t> Gazetteer::Impl::resolve_pair(std::string_view first,
                                                      std::string_view second, bool setting,
                                                      const GeoContext& ctx) const {
  // 10 km (5: 54.3 / 62.7; 15: 54.4 / 62.6; 25: 54.1 / 62.4 on the recall sets).
  constexpr double kPairKm = 10;
  const std::vector<Scored> a = rank(first, ctx, 16), b = rank(second, ctx, 16);
  std::optional<uint32_t> best;
  float top = -1e30f;
  for (const Scored& x : a) {
    const PlaceRec& ra = places[x.place];
    if (ra.precision > static_cast<uint8_t>(PlacePrecision::kLocality))
      continue;  // a region's point is no place
    const double coslat = std::cos(ra.lat * (M_PI / 180));
    for (const Scored& y : b) {
      const PlaceRec& rb = places[y.place];
      if (rb.precision > static_cast<uint8_t>(PlacePrecision::kLocality)) continue;
      if (x.score + y.score <= top || approx_km(ra.lat, ra.lon, rb.lat, rb.lon, coslat) > kPairKm)
        continue;
      top = x.score + y.score;
      best = x.place;
    }
  }
  if (best) return best;
  if (setting && !b.empty()) {
    if (fits(Want::kSettlement, static_cast<FeatureKind>(places[b.front().place].kind)))
      return b.front().place;
  }
  if (!a.empty() && !b.empty()) return (b.front().score > a.front().score ? b : a).front().place;
  if (!a.empty()) return a.front().place;
  if (!b.empty()) return b.front().place;
  return std::nullopt;
}

// A description that names a place inside other words ("Waterway leading to
// Al Hamidiya", "Bab al Nairab", "Ar Raqqah: Multiple locations"): the longest
// run of words that resolves, the best-ranked among runs of that length.
// Runs of only generic words (articles, "village", stop words) are skipped.
std::optional<uint32_t> Gazetteer::Impl::best_part(std::string_view name, const GeoContext& ctx) const {
  const std::string norm = normalize_name(name);
  const std::vector<std::string_view> words = name_words(norm);
  if (words.size() < 2 || words.size() > 12) return std::nullopt;
  auto generic = [](std::string_view w) {
    return w.size() < 3 || (word_classes(w) & (kStopword | kGenericHead | kDescriptor));
  };
  for (size_t n = words.size() - 1; n >= 1; --n) {
    Scored top{0, -1e9f};
    for (size_t i = 0; i + n <= words.size(); ++i) {
      bool content = false;
      for (size_t k = i; k < i + n; ++k) content |= !generic(words[k]);
      if (!content) continue;
      const std::string_view part(words[i].data(), words[i + n - 1].data() + words[i + n - 1].size() - words[i].data());
      if (part.size() < 4) continue;
      // Not the loosest key: parts of descriptions are guesses. Only places
      // of the region: a word of a description that is also a town abroad
      // ("Pullman garage", "Ayn Ali springs") is not what it describes.
      const std::vector<Scored> r = rank(part, ctx, 1, true, false, true);
      if (!r.empty() && r.front().score > top.score) top = r.front();
    }
    if (top.score > -1e9f) return top.place;
  }
  return std::nullopt;
}

// ---- find() -------------------------------------------------------------------

namespace {

struct Word {
  uint32_t begin, end;
  bool capitalized;
  bool headline;     // in a title-case headline (see scan_words): there a capitalised neighbour says nothing of a person's name
};

// Byte classes of scan_words: another ASCII byte (kJoiner when it may join
// the parts of a word, kBreak when it ends a sentence or line), an ASCII
// letter or digit, a byte of a longer UTF-8 character. The first three are
// separators between words.
enum ByteClass : uint8_t { kSeparator, kJoiner, kBreak, kAsciiWordChar, kNonAscii };
constexpr std::array<ByteClass, 256> kByteClass = [] {
  std::array<ByteClass, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 0x80) t[c] = kNonAscii;
    else if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9')) t[c] = kAsciiWordChar;
    else if (c == '.' || c == '!' || c == '?' || c == '\n') t[c] = kBreak;
    else if (c == '-' || c == '\'') t[c] = kJoiner;
  }
  return t;
}();

// Length of the word character at t[i] (a letter or digit; any non-ASCII
// character except Latin-1 and General Punctuation symbols), else 0.
inline size_t word_char_len(const unsigned char* t, size_t i, size_t n) {
  const unsigned char c = t[i];
  if (c < 0x80) return kByteClass[c] == kAsciiWordChar ? 1 : 0;
  const size_t len = std::min(utf8_sequence_length(c), n - i);
  if (c == 0xC2) return 0;                                   // U+0080..U+00BF: nbsp, guillemets
  if (c == 0xC3 && len > 1 && (t[i + 1] == 0x97 || t[i + 1] == 0xB7)) return 0;  // x and division signs
  if (c == 0xE2 && len > 1 && (t[i + 1] == 0x80 || t[i + 1] == 0x81)) return 0;  // U+2000..U+207F
  if (c == 0xEF && len > 2 && t[i + 1] == 0xBB && t[i + 2] == 0xBF) return 0;    // BOM
  return len;
}

bool is_upper_start(const unsigned char* t, size_t i, size_t n) {
  if (t[i] < 0x80) return static_cast<unsigned char>(t[i] - 'A') <= 'Z' - 'A';
  return t[i] == 0xC3 && i + 1 < n && t[i + 1] >= 0x80 && t[i + 1] <= 0x9E;  // À..Þ
}

// Words of the text: runs of letters/digits joined by inner apostrophes or
// hyphens ("al-Raqqa" is one word, as the name keys treat '-' as a space). A
// possessive 's is not part of the word. A word is capitalised when it starts
// with a capital, or with a lower-case article joined to a capital ("ez-Zor").
// Returns how many words are capitalised; the first that many entries of
// `capitalized` are their indices, the only words a name starts at (the list
// is grown, never shrunk: its unused tail is not cleared from text to text).
size_t scan_words(std::string_view text, std::vector<Word>& out, std::vector<uint32_t>& capitalized) {
  out.clear();
  const auto* t = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  // A separator follows every word but the last: at most (n + 1) / 2 words.
  if (capitalized.size() < (n + 1) / 2 + 1) capitalized.resize((n + 1) / 2 + 1);
  uint32_t* const cap_out = capitalized.data();
  size_t n_cap = 0;
  size_t i = 0;
  bool after_break = false;
  // Title-case headlines ("Aleppos Civilian Massacre Continues"): a sentence
  // (or line) whose longer words after the first are nearly all capitalised,
  // and at least four of them. Counted as the words are found.
  size_t first = 0, seen = 0, caps = 0;  // the sentence's first word; its longer words after it, capitalised
  auto end_sentence = [&](size_t last) {
    if (seen >= 4 && caps + (seen >= 6 ? 1 : 0) >= seen)
      for (size_t k = first; k < last; ++k) out[k].headline = true;
    seen = caps = 0;
  };
  while (i < n) {
    // Most bytes are ASCII: skip separators and word letters by table first.
    const ByteClass k = kByteClass[t[i]];
    if (k <= kBreak) {
      after_break |= k == kBreak;
      ++i;
      continue;
    }
    if (k == kNonAscii && word_char_len(t, i, n) == 0) {
      i += std::min(utf8_sequence_length(t[i]), n - i);
      continue;
    }
    const size_t b = i;
    size_t cap_at = std::string_view::npos;  // start of a capital after an inner hyphen
    bool apostrophe = false;                 // an inner apostrophe joined the word's parts
    while (i < n) {
      i = ascii_alnum_run_end(text, i);
      if (i >= n) break;
      // Inner joiners: - ' and the curly apostrophe U+2019, between word characters.
      size_t jl = 0;
      const ByteClass c = kByteClass[t[i]];
      if (c == kJoiner) {
        jl = 1;
      } else if (c == kNonAscii) {
        if (const size_t len = word_char_len(t, i, n)) {
          i += len;
          continue;
        }
        if (t[i] == 0xE2 && i + 2 < n && t[i + 1] == 0x80 && t[i + 2] == 0x99) jl = 3;
      }
      if (jl && i + jl < n && word_char_len(t, i + jl, n)) {
        if (t[i] == '-' && cap_at == std::string_view::npos && is_upper_start(t, i + 1, n)) cap_at = i + 1;
        apostrophe |= t[i] != '-';
        i += jl;
        continue;
      }
      break;
    }
    size_t e = i;
    if (!apostrophe) {
      // no possessive
    } else if (e - b > 2 && (t[e - 1] == 's' || t[e - 1] == 'S') && t[e - 2] == '\'') {
      e -= 2;
    } else if (e - b > 4 && t[e - 1] == 's' && t[e - 2] == 0x99 && t[e - 3] == 0x80 && t[e - 4] == 0xE2) {
      e -= 4;
    }
    // No branches on what varies from word to word (capitalised or not, long
    // or short), which mispredicted often: bools combined by & and |, and each
    // word's index written where the next capitalised one goes, kept when it is
    // one. (cap_at - b is huge while cap_at is npos.)
    const bool cap = is_upper_start(t, b, n) | (cap_at - b <= 4);
    if (after_break && !out.empty()) {
      end_sentence(out.size());
      first = out.size();
    } else {
      const bool longer = !out.empty() & (e - b >= 4) & (static_cast<unsigned char>((t[b] | 0x20) - 'a') <= 'z' - 'a');
      seen += longer;
      caps += longer & cap;
    }
    cap_out[n_cap] = static_cast<uint32_t>(out.size());
    n_cap += cap;
    out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), cap, false});
    after_break = false;
  }
  end_sentence(out.size());
  return n_cap;
}



// The classes of a normalised word's first word ("al raqqa": "al").
uint8_t first_word_classes(std::string_view norm_word) { return word_classes(norm_word.substr(0, norm_word.find(' '))); }

// Generic phrases that are names of some place but rarely mean it in news
// (of two words or more: find() asks only about longer keys).
bool is_stop_phrase(std::string_view key) {
  static const FlatStringSet kPhrases = {
      "old city", "white house", "islamic state", "new city", "city center", "city centre",
      "green zone", "middle east", "near east", "red cross", "red crescent", "united nations",
      "al assad", "el assad", "al qaeda", "al nusra", "al jazeera", "al arabiya", "al hayat"};
  return kPhrases.contains(key);
}

// Common words only, such as "The city" or "The Area" (an alternate name of
// a Syrian village): no place name in running text.
bool is_common_phrase(std::string_view key) {
  return all_name_words(key, [](std::string_view w) { return (word_classes(w) & (kStopword | kDescriptor)) != 0; });
}

struct Mention {
  uint32_t begin, end;
  Key key;
  bool skeleton;
  int want;
  std::string norm;  // the exact key matched (empty for a skeleton match)
  bool headline = false;  // in a title-case run of words
};

}  // namespace

// What find() asks about a word, a function of its text and the gazetteer:
// the thread keeps them across articles (the same capitalised words come
// back article after article: "Syrian", "Observatory", "Aleppo"), in a
// direct-mapped table by the hash of the word's text.
namespace {
struct alignas(64) WordFacts {  // two cache lines: what a hit tests and the exact key first
  uint64_t hash = 0;        // of the word as written
  uint64_t generation = 0;  // of the gazetteer (Impl::generation; 0: empty slot)
  std::string text;         // the word as written
  Key exact;                // the exact key of norm
  std::string norm;         // normalised
  Key vowel_skeleton;       // when skeleton is kKey: norm's vowel-skeleton key
  uint64_t last_call = 0;   // the thread's find() call that read it last (see fill_memo)
  uint8_t classes = 0;      // WordClass bits of norm
  bool one_word = true;     // norm has no space (normalisation may split "al-Raqqa")
  enum : uint8_t { kNotAsked, kShort, kKey } skeleton = kNotAsked;  // kShort: the key is under 3 letters
};
// Two ways a set: 537 articles ask for ~6,700 distinct words, and in a second
// pass over them a direct-mapped table of 16,384 had lost 2,700 to collisions
// (two ways: 750).
constexpr size_t kWordFactsSlots = 16384;
// The candidates of a name (find()'s memo key) the thread asked for last, in
// a direct-mapped table by the key's hash.
struct RecentNames {
  uint64_t generation = 0;  // of the gazetteer (0: empty slot)
  std::string key;
  std::shared_ptr<const std::vector<NameCandidate>> cands;
};
constexpr size_t kRecentNameSlots = 2048;
}  // namespace

// What a place in a region the text names gains in find() (see named_admin1).
constexpr float kNamedRegionBonus = 1.0f;

std::vector<PlaceMention> Gazetteer::find(std::string_view text, const GeoContext& context) const {
  std::vector<PlaceMention> out;
  // The working lists are the thread's, reused from one call (one article) to
  // the next: growing them anew was a third of the allocations here.
  thread_local std::vector<Word> words;
  thread_local std::vector<uint32_t> capitalized_words;
  const size_t n_capitalized = scan_words(text, words, capitalized_words);
  const std::span<const uint32_t> capitalized(capitalized_words.data(), n_capitalized);
  const Impl& g = *impl_;
  thread_local std::vector<Mention> mentions;
  mentions.clear();
  std::string key;
  // What the loop below asks about a word, computed on first use: a word is
  // asked about as a name's start, as the next word of a longer name and as
  // the neighbour of a name. Read where the thread's WordFacts keep it, not
  // copied: a slot read in this call is not refilled in it, and a word whose
  // set's two slots other words of the text hold has its facts in `spill`.
  thread_local std::vector<WordFacts*> memo;  // per word: its facts, null until asked
  thread_local std::deque<WordFacts> spill;
  thread_local uint64_t call = 0;  // this call's number in the thread, for WordFacts::last_call
  ++call;
  memo.assign(words.size(), nullptr);
  spill.clear();
  thread_local std::vector<WordFacts> facts(kWordFactsSlots);
  auto word_text = [&](size_t k) {  // (no substr: its bounds check is a call per word)
    return std::string_view(text.data() + words[k].begin, words[k].end - words[k].begin);
  };
  // The capitalised words' slots are fetched together before the loop below
  // reads them one by one (each was a cache miss: the table is 2 MB).
  thread_local std::vector<uint64_t> word_hash;  // per word: the hash of its text, 0 until known
  word_hash.assign(words.size(), 0);
  for (const uint32_t k : capitalized) {
    const uint64_t hash = key_hash(word_text(k), 0, 0);
    word_hash[k] = hash;
    const char* set = reinterpret_cast<const char*>(&facts[(hash & (kWordFactsSlots / 2 - 1)) * 2]);
    for (size_t line = 0; line < 2 * sizeof(WordFacts); line += 64) __builtin_prefetch(set + line);
  }
  auto fill_memo = [&](size_t k) -> const WordFacts& {
    const std::string_view s = word_text(k);
    const uint64_t hash = word_hash[k] ? word_hash[k] : key_hash(s, 0, 0);
    WordFacts* const set = &facts[(hash & (kWordFactsSlots / 2 - 1)) * 2];
    for (WordFacts* f = set; f != set + 2; ++f) {
      if (f->generation == g.generation && f->hash == hash && f->text == s) {
        f->last_call = call;
        return *(memo[k] = f);
      }
    }
    // The way read less recently is refilled, unless this call reads both
    // (memo points at them): then the facts go to `spill`.
    WordFacts* f = set[0].last_call <= set[1].last_call ? &set[0] : &set[1];
    if (f->last_call == call) f = &spill.emplace_back();
    if (!normalize_ascii(s, f->norm)) f->norm = normalize_name(s);
    f->exact = g.lookup(f->norm, kExact);
    f->classes = word_classes(f->norm);
    f->one_word = f->norm.find(' ') == std::string::npos;
    f->hash = hash;
    f->generation = g.generation;
    f->text = s;
    f->skeleton = WordFacts::kNotAsked;
    f->last_call = call;
    return *(memo[k] = f);
  };
  // (Asked about a word several times: the kept memo is read inline.)
  auto memo_of = [&](size_t k) -> const WordFacts& { return memo[k] ? *memo[k] : fill_memo(k); };
  auto norm_of = [&](size_t k) -> const std::string& { return memo_of(k).norm; };
  auto exact_of = [&](size_t k) { return memo_of(k).exact; };
  auto classes_of = [&](size_t k) { return memo_of(k).classes; };
  // The vowel-skeleton key of word k's normalised form as a name alone, or
  // nullopt when that key is under three letters long.
  auto single_skeleton_of = [&](size_t k) -> std::optional<Key> {
    memo_of(k);
    WordFacts& f = *memo[k];
    if (f.skeleton == WordFacts::kNotAsked) {
      const std::string sk = skeleton_key(f.norm, true);
      f.skeleton = sk.size() >= 3 ? WordFacts::kKey : WordFacts::kShort;
      if (f.skeleton == WordFacts::kKey) f.vowel_skeleton = g.lookup(sk, kVowelSkeleton);
    }
    return f.skeleton == WordFacts::kShort ? std::nullopt : std::optional<Key>(f.vowel_skeleton);
  };
  // The classes of the word's first word: its own unless normalisation split it ("al-Raqqa").
  auto first_classes_of = [&](size_t k) {
    const std::string& n = norm_of(k);
    return memo_of(k).one_word ? classes_of(k) : first_word_classes(n);
  };
  auto gap_is_space = [&](uint32_t a, uint32_t b) {
    if (b - a > 3) return false;
    for (uint32_t i = a; i < b; ++i)
      if (text[i] != ' ') return false;
    return true;
  };
  // "Syrias" in "Syrias Aleppo": a country's possessive whose apostrophe was
  // lost, not a first name before the place.
  auto country_possessive = [&](std::string_view n) {
    if (n.size() <= 4 || n.back() != 's') return false;
    const Key kr = g.lookup(n.substr(0, n.size() - 1), kExact);
    return kr && g.any_place(kr, false, [](const PlaceRec& r) {
             return r.kind == static_cast<uint8_t>(FeatureKind::kCountry);
           });
  };
  size_t resume = 0;  // the words before it are part of a name found
  for (const uint32_t start : capitalized) {
    if (start < resume) continue;
    const size_t i = start;
    const Word& w = words[i];
    const std::string& head = norm_of(i);  // the normalised word a name is sought from
    if (head.empty()) continue;
    key = head;
    // The longest name starting here.
    Key found;
    size_t found_end = i;
    std::string found_norm;
    bool lower_tail = false;
    for (size_t j = i;;) {
      const Key kr = j == i ? exact_of(i) : g.lookup(key, kExact);
      if (!kr) break;
      // A name may end in a lower-case descriptor its alias spells ("the
      // Al-Tanaf garrison"), or in a lower-case word that completes a
      // multi-word name ("Deir ezzor").
      const bool last_cap = words[j].capitalized || (j > i && ((classes_of(j) & kDescriptor) || lower_tail));
      // A one-word key is the head, whose classes are known: is_common_phrase
      // of one word (and every stop phrase has two words).
      auto common = [&] {
        return j == i && memo_of(i).one_word ? (classes_of(i) & (kStopword | kDescriptor)) != 0
                                             : is_stop_phrase(key) || is_common_phrase(key);
      };
      if (kr.post_count > 0 && last_cap && !common()) {
        found = kr;
        found_end = j + 1;
        found_norm = key;
      }
      if (!kr.prefix || j + 1 >= words.size() || j + 1 - i >= 6) break;
      const Word& nx = words[j + 1];
      if (!gap_is_space(words[j].end, nx.begin)) break;
      const std::string& norm = norm_of(j + 1);
      if (norm.empty()) break;
      lower_tail = false;
      const size_t shorter = key.size();
      key += ' ';
      key += norm;
      if (!nx.capitalized && !(first_classes_of(j + 1) & kInnerParticle) && !(classes_of(j + 1) & kDescriptor)) {
        // A common word ends the name whatever the longer key ("Aleppo said"):
        // tested first, it spares most of these lookups of unique keys.
        if ((classes_of(j + 1) & kStopword) || [&] {
              const Key whole = g.lookup(key, kExact);
              return !whole || whole.post_count == 0;
            }()) {
          key.resize(shorter);  // the name sought ends before the word
          break;
        }
        lower_tail = true;
      }
      j = j + 1;
    }
    uint32_t stem_trim = 0;
    if (!found && key.size() > 4 && key.back() == 's' && key.find(' ') == std::string::npos) {
      // A possessive whose apostrophe was lost ("Syrias", "Aleppos"): the stem.
      const Key kr = g.lookup(std::string_view(key).substr(0, key.size() - 1), kExact);
      if (kr && kr.post_count > 0) {
        found = kr;
        found_end = i + 1;
        stem_trim = 1;
        found_norm = key.substr(0, key.size() - 1);
      }
    }
    bool skeleton = false;
    // R10g: a name of up to three capitalised words from k that ends in a kind
    // of building or site ("Damascus Sheraton Hotel", "Aleppo Central Prison")
    // stands in the place named before it.
    auto names_facility = [&](size_t k) {
      for (size_t j = k; j < words.size() && j < k + 3 && words[j].capitalized && gap_is_space(words[j - 1].end, words[j].begin); ++j) {
        if (classes_of(j) & kFacility) return true;
      }
      return false;
    };
    // The word after a generic Arabic place word ("Deir", "Tal", "Ain") that
    // may complete its name: capitalised, or lower-case and no common word
    // ("Deir ezzor").
    auto name_tail_after = [&](size_t k) {
      if (k + 1 >= words.size() || !gap_is_space(words[k].end, words[k + 1].begin)) return false;
      if (words[k + 1].capitalized) return true;
      return norm_of(k + 1).size() >= 4 && !(classes_of(k + 1) & (kStopword | kDescriptor)) &&
             !(first_classes_of(k + 1) & kInnerParticle);
    };
    // (key starts with head: its first word is head's.)
    if (found && found_end == i + 1 && (first_classes_of(i) & kGenericHead) && name_tail_after(i)) {
      // "Ain" alone is rarely the place meant by "Ain Issa": try the pair's key first.
      const std::string sk = skeleton_key(head + ' ' + norm_of(i + 1), true);
      if (const Key pair = sk.size() >= 4 ? g.lookup(sk, kVowelSkeleton) : Key{};
          pair && pair.post_count > 0) {
        found = pair;
        found_end = i + 2;
        skeleton = true;
      }
    }
    if (!found && found_end == i) {
      // An article joined by a hyphen to a name the keys know without it
      // ("al-Tanf" for "Tanf").
      const size_t space = head.find(' ');
      if (space != std::string::npos && head.find(' ', space + 1) == std::string::npos &&
          is_article(head.substr(0, space))) {
        const Key kr = g.lookup(std::string_view(head).substr(space + 1), kExact);
        if (kr && kr.post_count > 0 && !is_stopword(head.substr(space + 1))) {
          found = kr;
          found_end = i + 1;
          found_norm = head.substr(space + 1);
        }
      }
    }
    if (!found) {
      // A single word the exact keys miss ("Raqa"): its transliteration key,
      // kept only if the place is big or near other places (checked below).
      const bool all_caps = std::all_of(text.begin() + w.begin, text.begin() + w.end,
                                        [](char c) { return !(c >= 'a' && c <= 'z'); });
      // "Ain Issa", "Tal Abyad": a generic Arabic place word and the next
      // capitalised word, by their transliteration key.
      if ((classes_of(i) & kGenericHead) && name_tail_after(i)) {
        const std::string sk = skeleton_key(head + ' ' + norm_of(i + 1), true);
        found = sk.size() >= 4 ? g.lookup(sk, kVowelSkeleton) : Key{};
        if (found && found.post_count == 0) found = Key{};
        skeleton = static_cast<bool>(found);
        found_end = i + 2;
      }
      if (!found && head.size() >= 4 && !all_caps && !(classes_of(i) & kStopword) && memo_of(i).one_word) {
        if (const std::optional<Key> sk = single_skeleton_of(i)) {
          found = *sk;
          if (found && found.post_count == 0) found = Key{};
          skeleton = static_cast<bool>(found);
          found_end = i + 1;
        }
      }
      if (!found) continue;
    }
    const bool single = found_end == i + 1;
    bool keep = true;
    // In a title-case headline only a well-known place stands alone, by its
    // display name.
    const bool headline_word = words[i].headline && !skeleton && g.any_place(found, true, [](const PlaceRec& r) {
      return r.population >= kWellKnownPopulation || r.kind == static_cast<uint8_t>(FeatureKind::kRegion) ||
             r.kind == static_cast<uint8_t>(FeatureKind::kCountry);
    });
    if (single) {
      std::string_view w0 = head;
      const bool all_caps = std::all_of(text.begin() + w.begin, text.begin() + w.end,
                                        [](char c) { return !(c >= 'a' && c <= 'z'); });
      // Acronyms (US, UK, IS, SDF) are actors far more often than places.
      if (stem_trim) w0.remove_suffix(1);
      if ((stem_trim ? is_stopword(w0) : (classes_of(i) & kStopword)) || (all_caps && w.end - w.begin <= 4))
        keep = false;
      // Part of a person's name: a title or a capitalised word that is no place
      // just before ("Sergei Lavrov", "Steve Townsend"), or a capitalised word
      // after; not in a title-case headline.
      if (keep && i > 0 && gap_is_space(words[i - 1].end, w.begin)) {
        if (classes_of(i - 1) & kTitle) keep = false;
        else if (words[i - 1].capitalized && !headline_word && !exact_of(i - 1) && !country_possessive(norm_of(i - 1)))
          keep = false;
      }
      if (keep && !headline_word && i + 1 < words.size() && words[i + 1].capitalized &&
          gap_is_space(w.end, words[i + 1].begin)) {
        const Key nk = exact_of(i + 1);
        if (!(classes_of(i + 1) & kDescriptor) && (!nk || !nk.prefix) && !names_facility(i + 1)) keep = false;
      }
    }
    if (keep) {
      Mention m{w.begin, words[found_end - 1].end - stem_trim, found, skeleton, 0,
                skeleton ? std::string() : std::move(found_norm), words[i].headline};
      // "Aleppo province", "Raqqa countryside": the region.
      if (found_end < words.size() && gap_is_space(m.end, words[found_end].begin)) {
        const std::string& norm = norm_of(found_end);
        if (norm == "province" || norm == "governorate" || norm == "countryside")
          m.want = static_cast<int>(Want::kRegion);
      }
      mentions.push_back(std::move(m));
    }
    resume = found_end;
  }
  if (mentions.empty()) return out;

  // Resolve each distinct name once: first alone (article country, given
  // points), then up to twice more with the points the other names resolved
  // to (until no choice changes), so that places agree ("Hazima" next to "Raqqa").
  std::vector<size_t> group(mentions.size());
  std::vector<size_t> firsts;  // one mention per distinct (key, kind, want)
  for (size_t mi = 0; mi < mentions.size(); ++mi) {
    size_t gi = 0;
    for (; gi < firsts.size(); ++gi) {
      const Mention& o = mentions[firsts[gi]];
      if (o.key.index == mentions[mi].key.index && o.skeleton == mentions[mi].skeleton && o.want == mentions[mi].want) break;
    }
    if (gi == firsts.size()) firsts.push_back(mi);
    group[mi] = gi;
  }
  // A place's score is its best over the keys, so the top place is the best
  // single (place, score) pair; ties go to the lower place number. The passes
  // below differ only in the context's points, so the rest of each score is
  // computed once (the place records are scattered: reading them is the cost),
  // and kept for the next article that has the name.
  using Cand = NameCandidate;
  auto candidates_of = [&](const Mention& m) {
    std::vector<Cand> cands;
    auto add = [&](const Key& found, uint32_t kind) {
      if (!found) return;
      for (uint32_t j = 0; j < found.post_count; ++j) {
        const uint32_t posting = g.postings[found.post_begin + j];
        const uint32_t p = posting & ~kPrimary;
        if (p >= g.h->n_places) continue;
        const PlaceRec& r = g.places[p];
        cands.push_back({p, g.base_score(posting, r, kind, 1.0f, m.want, context), r.lat, r.lon, 0.0,
                         r.admin1});
      }
    };
    add(m.key, m.skeleton ? kVowelSkeleton : kExact);
    // A name that is the display name of a place in the article's country
    // ("Daraa"), or of a city of the region ("Beirut"), means that place, not
    // another one its transliteration key also reaches and the context pulls
    // near ("Darayya" beside Damascus, the village "Al Buwayrat"). A village
    // abroad that shares a Syrian city's name (an Iraqi "Hasakah") does not.
    auto own_name_of = [&](const Key& k) {
      return g.any_place(k, true, [&](const PlaceRec& r) {
        const std::string_view cc(r.country, 2);
        return cc == context.country || (is_focus_country(cc) && r.population >= kWellKnownPopulation);
      });
    };
    bool own_name = !m.skeleton && own_name_of(m.key);
    // So is the display name after an Arabic article ("al-Mayadin" is Mayadin,
    // not the Damascus quarter Maydan its transliteration key also reaches).
    if (!own_name && !m.skeleton) {
      const size_t space = m.norm.find(' ');
      if (space != std::string::npos && is_article(std::string_view(m.norm).substr(0, space)))
        own_name = own_name_of(g.lookup(std::string_view(m.norm).substr(space + 1), kExact));
    }
    // The transliteration key of an exact name too: "Qamishli" is an
    // alternate of an Idlib hamlet but the city's own spelling is "Al-Qamishli".
    if (!own_name) {
      const std::string sk = skeleton_key(m.norm, true);
      if (sk.size() >= 4) add(g.lookup(sk, kVowelSkeleton), kVowelSkeleton);
    }
    // The distance term adds at most Impl::kMaxNearBonus and never lowers a
    // score, so the top scores at least the best base: a candidate whose base
    // is more than the bonus below that can never be the top.
    float best_base = -1e9f;
    for (const Cand& c : cands) best_base = std::max(best_base, c.base);
    std::erase_if(cands, [&](const Cand& c) { return c.base + Impl::kMaxNearBonus + kNamedRegionBonus < best_base; });
    // Best base first, so that resolve() can stop at the first candidate that cannot win.
    std::sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) { return a.base > b.base; });
    for (Cand& c : cands) c.coslat = std::cos(c.lat * (M_PI / 180));
    return std::make_shared<const std::vector<Cand>>(std::move(cands));
  };
  // Each name's candidates, as the memo keeps them (shared, not copied).
  std::vector<std::shared_ptr<const std::vector<Cand>>> name_cands(firsts.size());
  thread_local std::vector<RecentNames> recent_names(kRecentNameSlots);
  std::string memo_key;
  for (size_t gi = 0; gi < firsts.size(); ++gi) {
    const Mention& m = mentions[firsts[gi]];
    // What the candidates depend on: the exact name (its key and its
    // transliteration key), or the transliteration key matched; the kind of
    // place wanted; the article country.
    memo_key.assign(1, m.skeleton ? 'S' : 'E');
    memo_key.push_back(static_cast<char>(m.want));
    memo_key += context.country;
    memo_key.push_back('\0');
    if (m.skeleton)
      memo_key.append(reinterpret_cast<const char*>(&m.key.index), sizeof m.key.index);
    else
      memo_key += m.norm;
    // The thread's recent answers first: nearly every name was asked for in
    // an article before, and the shared memo's lock, string hash and
    // reference count cost more than comparing the key.
    RecentNames& recent = recent_names[key_hash(memo_key, 0, 0) & (kRecentNameSlots - 1)];
    if (recent.generation != g.generation || recent.key != memo_key) {
      recent.cands = g.name_candidates.get(memo_key, [&](std::string_view) { return candidates_of(m); });
      recent.key = memo_key;
      recent.generation = g.generation;
    }
    name_cands[gi] = recent.cands;
  }
  // The admin-1 regions the text names ("in Quneitra province"): their
  // places are the likelier namesakes ("Hader" is the Druze village of
  // Quneitra, not Al Hadir south of Aleppo). Set after the first resolution.
  std::vector<uint16_t> named_admin1;
  std::vector<bool> names_region(firsts.size(), false);  // the name that named one keeps its choice
  // The top is the highest score, ties to the lower place number, whatever
  // the order; a score is at most base + kMaxNearBonus (when there are
  // points) + kNamedRegionBonus (when a region may add it; float sums round
  // monotonically), and the candidates are sorted by base.
  auto resolve = [&](size_t gi, const GeoContext& ctx) {
    Scored top{0, -1e9f};
    const float near_max = ctx.near.empty() ? 0.0f : Impl::kMaxNearBonus;
    const bool region_bonus = !named_admin1.empty() && !names_region[gi];
    for (const Cand& c : *name_cands[gi]) {
      float bound = c.base + near_max;
      if (region_bonus) bound += kNamedRegionBonus;
      if (bound < top.score) break;
      float sc = ctx.near.empty() ? c.base : Impl::with_near(c.base, c.lat, c.lon, c.coslat, ctx);
      if (region_bonus &&
          std::find(named_admin1.begin(), named_admin1.end(), c.admin1) != named_admin1.end() &&
          g.places[c.place].kind != static_cast<uint8_t>(FeatureKind::kRegion))
        sc += kNamedRegionBonus;
      if (sc > top.score || (sc == top.score && c.place < top.place)) top = {c.place, sc};
    }
    return top;
  };
  std::vector<Scored> gchoice(firsts.size());
  for (size_t gi = 0; gi < firsts.size(); ++gi) gchoice[gi] = resolve(gi, context);
  for (size_t gi = 0; gi < firsts.size(); ++gi) {
    const PlaceRec& r = g.places[gchoice[gi].place];
    if (r.kind != static_cast<uint8_t>(FeatureKind::kRegion) ||
        !is_focus_country(std::string_view(r.country, 2)))
      continue;
    names_region[gi] = true;
    if (std::find(named_admin1.begin(), named_admin1.end(), r.admin1) == named_admin1.end())
      named_admin1.push_back(r.admin1);
  }
  GeoContext ctx = context;
  std::vector<std::pair<size_t, std::pair<double, double>>> points;  // (name, its place's point)
  for (int pass = 0; pass < 2 && firsts.size() > 1; ++pass) {
    // The points of the names' choices: localities and points of the region,
    // not transliteration matches.
    points.clear();
    for (size_t o = 0; o < firsts.size(); ++o) {
      if (mentions[firsts[o]].skeleton) continue;
      const PlaceRec& r = g.places[gchoice[o].place];
      if (r.precision <= static_cast<uint8_t>(PlacePrecision::kLocality) &&
          is_focus_country(std::string_view(r.country, 2)))
        points.push_back({o, {r.lat, r.lon}});
    }
    std::vector<Scored> next(gchoice);
    for (size_t gi = 0; gi < firsts.size(); ++gi) {
      ctx.near = context.near;
      for (size_t k = 0; k < points.size() && ctx.near.size() < 24; ++k)
        if (points[k].first != gi) ctx.near.push_back(points[k].second);
      next[gi] = resolve(gi, ctx);
    }
    // The points are those of the choices' places: when no place changed, the
    // next pass would see the same points and answer as this one did.
    const bool settled = std::equal(next.begin(), next.end(), gchoice.begin(),
                                    [](const Scored& a, const Scored& b) { return a.place == b.place; });
    gchoice.swap(next);
    if (settled) break;
  }
  std::vector<Scored> choice(mentions.size());
  for (size_t mi = 0; mi < mentions.size(); ++mi) choice[mi] = gchoice[group[mi]];
  for (size_t mi = 0; mi < mentions.size(); ++mi) {
    const Mention& m = mentions[mi];
    const PlaceRec& r = g.places[choice[mi].place];
    const std::string_view cc(r.country, 2);
    // Transliteration matches in running text ("Raqa"), and small places far
    // from the war matched by one common-looking word ("Date", "Front"), need
    // support: another place of the article within reach.
    const bool small_far = m.end - m.begin < 12 && std::string_view(text).substr(m.begin, m.end - m.begin).find(' ') ==
                               std::string_view::npos &&
                           !is_focus_country(cc) && r.kind != static_cast<uint8_t>(FeatureKind::kCountry) &&
                           r.population < 100000 && cc != context.country;
    // A city or governorate of the article's country is well known by any spelling
    // ("Deir Ezzor", "Raqa"); but a capitalised word of a headline may be a
    // common word ("Kills" ~ Kilis).
    const bool well_known = m.skeleton && cc == context.country && m.end - m.begin >= 4 && !m.headline &&
                            (r.kind == static_cast<uint8_t>(FeatureKind::kRegion) ||
                             (r.population >= kWellKnownPopulation && r.kind == static_cast<uint8_t>(FeatureKind::kCity)));
    // So is a generic Arabic place word with its name ("Tel Hamis", "Ain
    // Issa"): two words agreeing with a place's key are rarely chance.
    const bool head_pair = m.skeleton && cc == context.country &&
                           std::string_view(text).substr(m.begin, m.end - m.begin).find(' ') != std::string_view::npos;
    if ((m.skeleton && !well_known && !head_pair) || small_far) {
      bool near = false;
      const double coslat = std::cos(r.lat * (M_PI / 180));
      for (size_t o = 0; o < mentions.size() && !near; ++o) {
        if (o == mi || mentions[o].skeleton) continue;
        const PlaceRec& q = g.places[choice[o].place];
        if (q.kind == static_cast<uint8_t>(FeatureKind::kCountry)) continue;
        near = approx_km(r.lat, r.lon, q.lat, q.lon, coslat) < (m.skeleton ? 60 : 150);
      }
      if (!near) continue;
    }
    out.push_back({m.begin, m.end, choice[mi].place, choice[mi].score});
  }
  return out;
}

}  // namespace sitrep::kb
