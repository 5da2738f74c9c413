#include "kb/literal_matcher.h"

#include <emmintrin.h>
#include <hs/hs.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <tuple>

#include "common/ascii.h"

namespace sitrep::kb {
namespace {

// Serialised form: kMagic, kVersion, pattern count, one user id per Hyperscan
// id, one pattern length per Hyperscan id, one offset per Hyperscan id into
// the exact-case literals (kCaseless for the others), the size of those and
// their bytes, then the Hyperscan database bytes (absent when there are no
// patterns).
constexpr char kMagic[4] = {'S', 'R', 'L', 'M'};
constexpr uint32_t kVersion = 3;
constexpr uint32_t kCaseless = ~uint32_t{0};
constexpr size_t kKeptMarkedBytes = size_t{1} << 20;

// The database is case-sensitive and sees the text marked by mark_word_ends:
// ASCII letters in lower case, except a letter at either end of a run of
// ASCII letters and digits, in upper case ("the Syrian army," -> "ThE SyriaN
// ArmY,"). Its literals are marked the same way, as if each stood alone. So
// "SyriA" never matches inside "SyriaN", nor "IsiS" inside "CrisiS":
// Hyperscan neither delivers most occurrences inside longer words (a third of
// the raw ones) nor, as the literals' last bytes now fall only where words
// end, takes nearly every other position as a candidate (its matching costs
// 40% less). Letter case is otherwise folded: a caseless literal matches
// whenever its marked form does and the boundaries hold, and an exact one is
// compared with the text's bytes on top.
bool is_ascii_letter(unsigned char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }

void mark_scalar(const unsigned char* in, size_t from, size_t n, unsigned char* out) {
  for (size_t i = from; i < n; ++i) {
    const unsigned char c = in[i];
    if (!is_ascii_letter(c)) {
      out[i] = c;
      continue;
    }
    const bool at_end = i == 0 || !is_ascii_alnum(static_cast<char>(in[i - 1])) || i + 1 == n ||
                        !is_ascii_alnum(static_cast<char>(in[i + 1]));
    out[i] = at_end ? static_cast<unsigned char>(c & ~0x20) : static_cast<unsigned char>(c | 0x20);
  }
}

// 0xFF in each byte of `v` that is an ASCII letter, or letter or digit (SSE2
// compares are signed: the byte ranges are moved to start at -128).
__m128i letter_bytes(__m128i v) {
  const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
  return _mm_cmplt_epi8(_mm_add_epi8(folded, _mm_set1_epi8(static_cast<char>(0x80 - 'a'))),
                        _mm_set1_epi8(static_cast<char>(0x80 + 26)));
}
__m128i alnum_bytes(__m128i v) {
  const __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - '0'))),
                                       _mm_set1_epi8(static_cast<char>(0x80 + 10)));
  return _mm_or_si128(letter_bytes(v), digit);
}

// Sixteen bytes at a time (every article goes through this): a byte and its
// two neighbours decide its case. `out` keeps its size when large enough.
void mark_word_ends(std::string_view text, std::string& out) {
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  if (out.size() < n) out.resize(n);
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  mark_scalar(in, 0, std::min<size_t>(n, 1), dst);
  size_t i = 1;
  for (; i + 17 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i));
    const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i - 1));
    const __m128i after = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i + 1));
    const __m128i letter = letter_bytes(v);
    const __m128i inside = _mm_and_si128(alnum_bytes(before), alnum_bytes(after));
    const __m128i case_bit = _mm_set1_epi8(0x20);
    const __m128i lowered = _mm_or_si128(v, _mm_and_si128(letter, case_bit));
    const __m128i at_end = _mm_andnot_si128(inside, letter);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), _mm_xor_si128(lowered, _mm_and_si128(at_end, case_bit)));
  }
  mark_scalar(in, i, n, dst);
}

struct DatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};
using DatabasePtr = std::unique_ptr<hs_database_t, DatabaseDeleter>;

// Matchers get unique serial numbers so that a thread's cached scratch is
// never mistaken for one fitted to a freed database at the same address.
std::atomic<uint64_t> next_serial{1};

struct ThreadScratch {
  hs_scratch_t* scratch = nullptr;
  uint64_t fitted_to = 0;
  ~ThreadScratch() { hs_free_scratch(scratch); }
};

// Decodes the UTF-8 sequence in [p, end) starting at p; -1 when ill-formed.
int32_t decode_at(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = *p;
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || end - p < len) return -1;
  int32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int i = 1; i < len; ++i) {
    if ((p[i] & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  return cp;
}

bool is_word_code_point(int32_t cp) {
  if (cp < 0) return false;
  return cp < 0x80 ? is_ascii_alnum(static_cast<char>(cp)) : u_isalpha(cp);
}

bool is_word_char_at(std::string_view text, size_t pos) {
  const auto* base = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char c = base[pos];
  if (c < 0x80) return is_ascii_alnum(static_cast<char>(c));
  return is_word_code_point(decode_at(base + pos, base + text.size()));
}

// The character ending just before `pos`, stepping back over continuation bytes.
bool is_word_char_before(std::string_view text, size_t pos) {
  if (pos == 0) return false;
  size_t start = pos - 1;
  const auto* base = reinterpret_cast<const unsigned char*>(text.data());
  while (start > 0 && pos - start < 4 && (base[start] & 0xC0) == 0x80) --start;
  if (base[start] < 0x80) return start == pos - 1 && is_ascii_alnum(static_cast<char>(base[start]));
  const unsigned char lead = base[start];
  const size_t len = (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (len != pos - start) return false;  // ill-formed: no character ends exactly at pos
  return is_word_code_point(decode_at(base + start, base + pos));
}

struct ScanContext {
  std::string_view text;
  const uint32_t* ids;
  const uint32_t* lengths;
  const uint32_t* exact_at;
  const char* exact_literals;
  std::vector<LiteralMatch>* out;
};

// The database reports end offsets only: a literal's start is its end minus its
// length (marking changes no lengths). Hyperscan's start-of-match tracking
// (HS_FLAG_SOM_LEFTMOST) costs more than this. What the marks cannot tell is
// tested here: whether the characters around the span are word characters (a
// literal may begin or end with a digit or punctuation, and UTF-8 letters are
// not marked), and the case of exact literals.
int on_hs_match(unsigned int hs_id, unsigned long long, unsigned long long to, unsigned int, void* ctx) {
  const auto* c = static_cast<const ScanContext*>(ctx);
  const auto end = static_cast<uint32_t>(to);
  const uint32_t length = c->lengths[hs_id];
  const uint32_t begin = end - length;
  if (is_word_char_before(c->text, begin) || (end < c->text.size() && is_word_char_at(c->text, end))) return 0;
  const uint32_t exact = c->exact_at[hs_id];
  if (exact != kCaseless && std::memcmp(c->text.data() + begin, c->exact_literals + exact, length) != 0) return 0;
  c->out->push_back({c->ids[hs_id], begin, end});
  return 0;
}

}  // namespace

struct LiteralMatcher::Impl {
  DatabasePtr db;                  // null when there are no patterns
  std::vector<uint32_t> user_ids;  // Hyperscan id (pattern index) -> caller's id
  std::vector<uint32_t> lengths;   // Hyperscan id -> the literal's length in bytes
  std::vector<uint32_t> exact_at;  // Hyperscan id -> its offset in exact_literals, or kCaseless
  std::string exact_literals;      // the exact-case literals, as written
  uint64_t serial = next_serial.fetch_add(1);

  // Fails early, at build or load time, if Hyperscan cannot scan with this database
  // (for instance one built for CPU features this machine lacks).
  Status check() const {
    if (!db) return Status::ok();
    hs_scratch_t* s = nullptr;
    const hs_error_t rc = hs_alloc_scratch(db.get(), &s);
    hs_free_scratch(s);
    return rc == HS_SUCCESS ? Status::ok() : internal_error("hyperscan: database unusable on this machine");
  }
};

LiteralMatcher::LiteralMatcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LiteralMatcher::~LiteralMatcher() = default;

Result<std::unique_ptr<LiteralMatcher>> LiteralMatcher::compile(const std::vector<LiteralPattern>& patterns) {
  auto impl = std::make_unique<Impl>();
  if (patterns.empty()) return std::unique_ptr<LiteralMatcher>(new LiteralMatcher(std::move(impl)));
  std::vector<std::string> marked(patterns.size());
  std::vector<const char*> exprs;
  std::vector<unsigned> flags(patterns.size(), 0u), hs_ids;
  std::vector<size_t> lens;
  exprs.reserve(patterns.size());
  for (size_t i = 0; i < patterns.size(); ++i) {
    const LiteralPattern& p = patterns[i];
    if (p.literal.empty()) return invalid_input("literal matcher: empty pattern (id " + std::to_string(p.id) + ")");
    if (p.literal.size() > kMaxLiteralBytes)
      return invalid_input("literal matcher: pattern over " + std::to_string(kMaxLiteralBytes) + " bytes (id " +
                           std::to_string(p.id) + ")");
    mark_word_ends(p.literal, marked[i]);  // sized to the literal: it starts empty
    exprs.push_back(marked[i].data());
    lens.push_back(p.literal.size());
    hs_ids.push_back(static_cast<unsigned>(i));
    impl->user_ids.push_back(p.id);
    impl->lengths.push_back(static_cast<uint32_t>(p.literal.size()));
    impl->exact_at.push_back(p.caseless ? kCaseless : static_cast<uint32_t>(impl->exact_literals.size()));
    if (!p.caseless) impl->exact_literals += p.literal;
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), hs_ids.data(), lens.data(),
                           static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &db,
                           &err) != HS_SUCCESS) {
    std::string msg = "hyperscan compile failed";
    if (err) {
      msg += ": ";
      msg += err->message;
      if (err->expression >= 0) msg += " (pattern \"" + patterns[static_cast<size_t>(err->expression)].literal + "\")";
      hs_free_compile_error(err);
    }
    return internal_error(msg);
  }
  impl->db.reset(db);
  if (Status s = impl->check(); !s.is_ok()) return s;
  return std::unique_ptr<LiteralMatcher>(new LiteralMatcher(std::move(impl)));
}

Result<std::string> LiteralMatcher::serialize() const {
  std::string out(kMagic, sizeof kMagic);
  auto put32 = [&out](uint32_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); };
  put32(kVersion);
  put32(static_cast<uint32_t>(impl_->user_ids.size()));
  for (uint32_t id : impl_->user_ids) put32(id);
  for (uint32_t len : impl_->lengths) put32(len);
  for (uint32_t at : impl_->exact_at) put32(at);
  put32(static_cast<uint32_t>(impl_->exact_literals.size()));
  out += impl_->exact_literals;
  if (impl_->db) {
    char* bytes = nullptr;
    size_t len = 0;
    if (hs_serialize_database(impl_->db.get(), &bytes, &len) != HS_SUCCESS)
      return internal_error("hyperscan: cannot serialise database");
    out.append(bytes, len);
    std::free(bytes);  // hs_serialize_database allocates with the misc allocator: malloc by default
  }
  return out;
}

Result<std::unique_ptr<LiteralMatcher>> LiteralMatcher::deserialize(std::string_view bytes) {
  auto get32 = [&bytes](uint32_t& v) {
    if (bytes.size() < sizeof v) return false;
    std::memcpy(&v, bytes.data(), sizeof v);
    bytes.remove_prefix(sizeof v);
    return true;
  };
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    return invalid_input("literal matcher: bad magic");
  bytes.remove_prefix(sizeof kMagic);
  uint32_t version = 0, count = 0;
  if (!get32(version) || version != kVersion) return invalid_input("literal matcher: unsupported version");
  if (!get32(count) || bytes.size() / sizeof(uint32_t) / 3 < count) return invalid_input("literal matcher: truncated");
  auto impl = std::make_unique<Impl>();
  impl->user_ids.resize(count);
  for (uint32_t& id : impl->user_ids) get32(id);
  impl->lengths.resize(count);
  for (uint32_t& len : impl->lengths) get32(len);
  impl->exact_at.resize(count);
  for (uint32_t& at : impl->exact_at) get32(at);
  uint32_t exact_size = 0;
  if (!get32(exact_size) || bytes.size() < exact_size) return invalid_input("literal matcher: truncated");
  impl->exact_literals.assign(bytes.data(), exact_size);
  bytes.remove_prefix(exact_size);
  for (uint32_t i = 0; i < count; ++i) {
    if (impl->lengths[i] == 0 || impl->lengths[i] > kMaxLiteralBytes) return invalid_input("literal matcher: bad length");
    const uint32_t at = impl->exact_at[i];
    if (at != kCaseless && (at > exact_size || exact_size - at < impl->lengths[i]))
      return invalid_input("literal matcher: exact literal out of range");
  }
  if (count == 0) {
    if (!bytes.empty()) return invalid_input("literal matcher: trailing bytes");
    return std::unique_ptr<LiteralMatcher>(new LiteralMatcher(std::move(impl)));
  }
  hs_database_t* db = nullptr;
  if (hs_deserialize_database(bytes.data(), bytes.size(), &db) != HS_SUCCESS)
    return invalid_input("literal matcher: hyperscan database does not load (corrupt, or built for another version)");
  impl->db.reset(db);
  if (Status s = impl->check(); !s.is_ok()) return s;
  return std::unique_ptr<LiteralMatcher>(new LiteralMatcher(std::move(impl)));
}

void LiteralMatcher::collect(std::string_view text, std::vector<LiteralMatch>& out) const {
  if (!impl_->db || text.empty()) return;
  thread_local ThreadScratch tls;
  if (tls.fitted_to != impl_->serial) {
    // hs_alloc_scratch grows the thread's scratch only when this database needs more.
    if (hs_alloc_scratch(impl_->db.get(), &tls.scratch) != HS_SUCCESS) return;
    tls.fitted_to = impl_->serial;
  }
  thread_local std::string marked;  // the thread's, reused from one text to the next
  mark_word_ends(text, marked);
  ScanContext ctx{text, impl_->user_ids.data(), impl_->lengths.data(), impl_->exact_at.data(),
                  impl_->exact_literals.data(), &out};
  // Hyperscan takes an unsigned length; texts over 4 GiB are split upstream.
  hs_scan(impl_->db.get(), marked.data(), static_cast<unsigned>(text.size()), 0, tls.scratch, on_hs_match,
          &ctx);
  // A rare very long document's copy is not kept for the rest of the run.
  if (marked.size() > kKeptMarkedBytes) std::string().swap(marked);
}

void LiteralMatcher::scan(std::string_view text, const MatchCallback& on_match) const {
  std::vector<LiteralMatch> hits;
  collect(text, hits);
  const auto key = [](const LiteralMatch& m) { return std::tie(m.end, m.begin, m.id); };
  std::sort(hits.begin(), hits.end(), [&](const LiteralMatch& a, const LiteralMatch& b) { return key(a) < key(b); });
  hits.erase(std::unique(hits.begin(), hits.end(),
                         [&](const LiteralMatch& a, const LiteralMatch& b) { return key(a) == key(b); }),
             hits.end());
  for (const LiteralMatch& h : hits) on_match(h.id, h.begin, h.end);
}

}  // namespace sitrep::kb
