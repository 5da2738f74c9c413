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

std::vector<ActorMention> select_mentions(const std::vector<LiteralMatch>& matches, size_t n_actors) {
  // Longest first, then leftmost, then lowest actor index: each accepted unless
  // it overlaps one already taken (a span found twice is taken once). Only
  // matches that overlap can exclude each other, so this is done group by
  // group of overlapping matches, in text order; most groups are one match,
  // taken without more ado. Each match is one integer, (0xFFFF - length,
  // begin, id) in 16 + 32 + 16 bits: literals are at most kMaxLiteralBytes
  // long, and load() takes at most kMaxActors actors.
  thread_local std::vector<uint64_t> keys;  // the thread's, reused from one text to the next
  keys.clear();
  for (const LiteralMatch& m : matches)
    if (m.id < n_actors) keys.push_back(uint64_t{0xFFFF - (m.end - m.begin)} << 48 | uint64_t{m.begin} << 16 | m.id);
  const auto begin_of = [](uint64_t key) { return static_cast<uint32_t>(key >> 16); };
  const auto end_of = [&](uint64_t key) { return begin_of(key) + (0xFFFF - static_cast<uint32_t>(key >> 48)); };
  // By start: the matcher reports matches by their end, so they come nearly
  // in this order and moving each back into place is a step or none.
  for (size_t i = 1; i < keys.size(); ++i) {
    const uint64_t key = keys[i];
    size_t j = i;
    for (; j > 0 && begin_of(keys[j - 1]) > begin_of(key); --j) keys[j] = keys[j - 1];
    keys[j] = key;
  }
  std::vector<ActorMention> out;
  out.reserve(keys.size());  // one allocation, not one for each doubling
  const auto take = [&out](uint64_t key, uint32_t begin, uint32_t end) {
    out.push_back({begin, end, static_cast<uint32_t>(key & 0xFFFF)});
  };
  for (size_t first = 0; first < keys.size();) {
    size_t last = first + 1;  // the group is [first, last)
    uint32_t group_end = end_of(keys[first]);
    for (; last < keys.size() && begin_of(keys[last]) < group_end; ++last) group_end = std::max(group_end, end_of(keys[last]));
    if (last == first + 1) {
      take(keys[first], begin_of(keys[first]), group_end);
      first = last;
      continue;
    }
    std::sort(keys.begin() + static_cast<ptrdiff_t>(first), keys.begin() + static_cast<ptrdiff_t>(last));
    const size_t group_out = out.size();
    for (size_t k = first; k < last; ++k) {
      const uint32_t b = begin_of(keys[k]), e = end_of(keys[k]);
      const bool overlaps = std::any_of(out.begin() + static_cast<ptrdiff_t>(group_out), out.end(),
                                        [&](const ActorMention& m) { return b < m.end && m.begin < e; });
      if (!overlaps) take(keys[k], b, e);
    }
    std::sort(out.begin() + static_cast<ptrdiff_t>(group_out), out.end(),
              [](const ActorMention& x, const ActorMention& y) { return x.begin < y.begin; });
    first = last;
  }
  return out;
}

std::vector<ActorMention> ActorDictionary::find(std::string_view text) const {
  thread_local std::vector<LiteralMatch> all;  // the thread's, reused from one text to the next
  all.clear();
  impl_->matcher->collect(text, all);
  return select_mentions(all, impl_->actors.size());
}

}  // namespace sitrep::kb
