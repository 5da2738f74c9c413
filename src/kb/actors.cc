#include "kb/actors.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <unordered_map>

#include "kb/actors_format.h"
#include "kb/literal_matcher.h"

namespace sitrep::kb {
namespace {

using actors_format::kMagic;
using actors_format::kVersion;

class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}
  bool u8(uint8_t& v) { return raw(&v, sizeof v); }
  bool u32(uint32_t& v) { return raw(&v, sizeof v); }
  bool u64(uint64_t& v) { return raw(&v, sizeof v); }
  bool str(std::string& s) {
    uint32_t n = 0;
    if (!u32(n) || rest_.size() < n) return false;
    s.assign(rest_.data(), n);
    rest_.remove_prefix(n);
    return true;
  }
  bool bytes(size_t n, std::string_view& out) {
    if (rest_.size() < n) return false;
    out = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return true;
  }
  std::string_view rest() const { return rest_; }

 private:
  bool raw(void* dst, size_t n) {
    if (rest_.size() < n) return false;
    std::memcpy(dst, rest_.data(), n);
    rest_.remove_prefix(n);
    return true;
  }
  std::string_view rest_;
};

}  // namespace

const char* to_string(ActorKind k) {
  switch (k) {
    case ActorKind::kStateForce: return "state_force";
    case ActorKind::kArmedGroup: return "armed_group";
    case ActorKind::kMonitor: return "monitor";
    case ActorKind::kMedia: return "media";
    case ActorKind::kGovernment: return "government";
    case ActorKind::kInternational: return "international";
    case ActorKind::kCivilian: return "civilian";
    case ActorKind::kOther: return "other";
  }
  return "other";
}

struct ActorDictionary::Impl {
  std::vector<Actor> actors;
  std::unordered_map<std::string_view, uint32_t> by_id;  // views into actors[i].id
  std::unique_ptr<LiteralMatcher> matcher;
};

ActorDictionary::ActorDictionary(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ActorDictionary::~ActorDictionary() = default;

Result<std::unique_ptr<ActorDictionary>> ActorDictionary::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return io_error("cannot open actor dictionary " + path);
  // One read of the whole file: through istreambuf_iterator it cost more than the parse.
  const std::streamoff size = in.tellg();
  if (size < 0) return io_error("cannot read " + path);
  std::string data(static_cast<size_t>(size), '\0');
  if (!in.seekg(0) || !in.read(data.data(), size)) return io_error("cannot read " + path);

  const auto bad = [&path](const char* what) { return invalid_input(path + ": " + what); };
  if (data.size() < sizeof kMagic || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
    return bad("not an actor dictionary");
  Reader r(std::string_view(data).substr(sizeof kMagic));
  uint32_t version = 0, count = 0;
  if (!r.u32(version) || version != kVersion) return bad("unsupported version; rebuild with sitrep-kbc");
  // Each actor takes at least 21 bytes: a bound that keeps a corrupt count from allocating gigabytes.
  if (!r.u32(count) || count > r.rest().size() / 21) return bad("truncated actor table");
  if (count > kMaxActors) return bad("more actors than find() can index");
  auto impl = std::make_unique<Impl>();
  impl->actors.resize(count);
  for (Actor& a : impl->actors) {
    uint8_t kind = 0;
    if (!r.u8(kind) || kind > static_cast<uint8_t>(ActorKind::kOther) || !r.str(a.id) || !r.str(a.name) ||
        !r.str(a.country) || !r.str(a.side) || !r.str(a.cameo))
      return bad("truncated actor table");
    a.kind = static_cast<ActorKind>(kind);
  }
  uint64_t blob_size = 0;
  std::string_view blob;
  if (!r.u64(blob_size) || !r.bytes(blob_size, blob) || !r.rest().empty()) return bad("bad matcher section");
  auto matcher = LiteralMatcher::deserialize(blob);
  if (!matcher.is_ok()) return Status(matcher.status().code(), path + ": " + matcher.status().message());
  impl->matcher = std::move(matcher).value();
  impl->by_id.reserve(count);
  for (uint32_t i = 0; i < count; ++i) impl->by_id.emplace(impl->actors[i].id, i);
  return std::unique_ptr<ActorDictionary>(new ActorDictionary(std::move(impl)));
}

const std::vector<Actor>& ActorDictionary::actors() const { return impl_->actors; }

const Actor* ActorDictionary::by_id(std::string_view id) const {
  const auto it = impl_->by_id.find(id);
  return it == impl_->by_id.end() ? nullptr : &impl_->actors[it->second];
}

std::vector<ActorMention> ActorDictionary::find(std::string_view text) const {
  thread_local std::vector<LiteralMatch> all;  // the thread's, reused from one text to the next
  all.clear();
  impl_->matcher->collect(text, all);
  // Longest first, then leftmost, then lowest actor index: each accepted unless
  // it overlaps one already taken (a span found twice is taken once). Sorted
  // as one integer each, (0xFFFF - length, begin, id) in 16 + 32 + 16 bits,
  // twice as fast as comparing the matches' fields: literals are at most
  // kMaxLiteralBytes long, and load() takes at most kMaxActors actors.
  const auto n_actors = static_cast<uint32_t>(impl_->actors.size());
  thread_local std::vector<uint64_t> keys;
  keys.clear();
  for (const LiteralMatch& m : all)
    if (m.id < n_actors) keys.push_back(uint64_t{0xFFFF - (m.end - m.begin)} << 48 | uint64_t{m.begin} << 16 | m.id);
  std::sort(keys.begin(), keys.end());
  // The bytes covered by accepted mentions, one bit each: an overlap test is
  // a word or two of bits, where a search of the accepted spans mispredicted.
  thread_local std::vector<uint64_t> taken;
  taken.assign(text.size() / 64 + 1, 0);
  const auto covered = [](uint32_t begin, uint32_t end, auto&& on_word) {
    for (uint32_t w = begin / 64; w <= (end - 1) / 64; ++w) {
      const uint32_t lo = w == begin / 64 ? begin % 64 : 0, hi = w == (end - 1) / 64 ? (end - 1) % 64 : 63;
      const uint64_t mask = (~uint64_t{0} >> (63 - hi)) & (~uint64_t{0} << lo);
      if (on_word(w, mask)) return true;
    }
    return false;
  };
  std::vector<ActorMention> out;
  for (const uint64_t key : keys) {
    const auto begin = static_cast<uint32_t>(key >> 16), end = begin + (0xFFFF - static_cast<uint32_t>(key >> 48));
    if (covered(begin, end, [&](uint32_t w, uint64_t mask) { return (taken[w] & mask) != 0; })) continue;
    covered(begin, end, [&](uint32_t w, uint64_t mask) {
      taken[w] |= mask;
      return false;
    });
    out.push_back({begin, end, static_cast<uint32_t>(key & 0xFFFF)});
  }
  std::sort(out.begin(), out.end(), [](const ActorMention& a, const ActorMention& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace sitrep::kb
