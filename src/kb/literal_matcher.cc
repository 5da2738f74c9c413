#include "kb/literal_matcher.h"

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
// id, one pattern length per Hyperscan id, then the Hyperscan database bytes
// (absent when there are no patterns).
constexpr char kMagic[4] = {'S', 'R', 'L', 'M'};
constexpr uint32_t kVersion = 2;

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

struct Hit {
  uint32_t id, begin, end;
  bool operator<(const Hit& o) const { return std::tie(end, begin, id) < std::tie(o.end, o.begin, o.id); }
  bool operator==(const Hit& o) const { return id == o.id && begin == o.begin && end == o.end; }
};

struct ScanContext {
  std::string_view text;
  const std::vector<uint32_t>* ids;
  const std::vector<uint32_t>* lengths;
  std::vector<Hit>* hits;
};

// The database reports end offsets only: a literal's start is its end minus its
// length (caseless matching folds ASCII letters only, so lengths do not change).
// Hyperscan's start-of-match tracking (HS_FLAG_SOM_LEFTMOST) costs more than this.
// Most matches are inside words (short caseless literals): they are dropped here.
int on_hs_match(unsigned int hs_id, unsigned long long, unsigned long long to, unsigned int, void* ctx) {
  auto* c = static_cast<ScanContext*>(ctx);
  const auto end = static_cast<uint32_t>(to);
  const uint32_t begin = end - (*c->lengths)[hs_id];
  if (is_word_char_before(c->text, begin) || (end < c->text.size() && is_word_char_at(c->text, end))) return 0;
  c->hits->push_back({(*c->ids)[hs_id], begin, end});
  return 0;
}

}  // namespace

struct LiteralMatcher::Impl {
  DatabasePtr db;                  // null when there are no patterns
  std::vector<uint32_t> user_ids;  // Hyperscan id (pattern index) -> caller's id
  std::vector<uint32_t> lengths;   // Hyperscan id -> the literal's length in bytes
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
  std::vector<const char*> exprs;
  std::vector<unsigned> flags, hs_ids;
  std::vector<size_t> lens;
  exprs.reserve(patterns.size());
  for (size_t i = 0; i < patterns.size(); ++i) {
    const LiteralPattern& p = patterns[i];
    if (p.literal.empty()) return invalid_input("literal matcher: empty pattern (id " + std::to_string(p.id) + ")");
    exprs.push_back(p.literal.data());
    lens.push_back(p.literal.size());
    flags.push_back(p.caseless ? HS_FLAG_CASELESS : 0u);
    hs_ids.push_back(static_cast<unsigned>(i));
    impl->user_ids.push_back(p.id);
    impl->lengths.push_back(static_cast<uint32_t>(p.literal.size()));
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
  if (!get32(count) || bytes.size() / sizeof(uint32_t) / 2 < count) return invalid_input("literal matcher: truncated");
  auto impl = std::make_unique<Impl>();
  impl->user_ids.resize(count);
  for (uint32_t& id : impl->user_ids) get32(id);
  impl->lengths.resize(count);
  for (uint32_t& len : impl->lengths) get32(len);
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

void LiteralMatcher::scan(std::string_view text, const MatchCallback& on_match) const {
  if (!impl_->db || text.empty()) return;
  thread_local ThreadScratch tls;
  if (tls.fitted_to != impl_->serial) {
    // hs_alloc_scratch grows the thread's scratch only when this database needs more.
    if (hs_alloc_scratch(impl_->db.get(), &tls.scratch) != HS_SUCCESS) return;
    tls.fitted_to = impl_->serial;
  }
  std::vector<Hit> hits;
  ScanContext ctx{text, &impl_->user_ids, &impl_->lengths, &hits};
  // Hyperscan takes an unsigned length; texts over 4 GiB are split upstream.
  hs_scan(impl_->db.get(), text.data(), static_cast<unsigned>(text.size()), 0, tls.scratch, on_hs_match, &ctx);
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
  for (const Hit& h : hits) on_match(h.id, h.begin, h.end);
}

}  // namespace sitrep::kb
