// The blocked, incremental linker. Units are indexed by day and area so that
// each unit is scored only against units it could match (rules L4, L5); the
// connected components of the resulting graph are clustered by rule L8.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <functional>
#include <memory>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <xxhash.h>

#include "assess/assess.h"
#include "common/files.h"
#include "common/ordered_pool.h"
#include "link/units.h"
#include "serve/incident_json.h"
#include "sitrep/link.h"

namespace sitrep {
namespace {

using link::Unit;

// Unit of area blocking for fine places: 1 degree (55-111 km), searched 3x3,
// wider than the largest fine-place distance of rule L5 (50 km).
int cell(double degrees) { return static_cast<int>(std::floor(degrees)); }

// Two fine places (point to district) further apart in latitude than this
// are further apart than rule L5's 50 km (a degree of latitude is 111.19 km,
// so 0.4497 degrees), with a margin for the float kept in the index. The 3x3
// cells hold mostly such places, and skipping them there saves looking at
// their units at all.
constexpr float kFineLatReach = 0.46f;
struct FineEntry {
  uint32_t unit;
  float lat;
};

uint64_t mix(std::initializer_list<uint64_t> parts) {
  return XXH3_64bits(parts.begin(), parts.size() * sizeof(uint64_t));
}
// Units whose place needs a country-wide search: rivers and lakes (matched
// within 200 km of their centroid) and places without an admin-1.
bool is_wide(const Unit& u) { return u.line_feature || !u.admin1; }

class DisjointSets {
 public:
  uint32_t add() {
    parent_.push_back(static_cast<uint32_t>(parent_.size()));
    return parent_.back();
  }
  uint32_t find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void unite(uint32_t a, uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<uint32_t> parent_;
};

// A report as a flat record for the spool: every field as it is (strings
// with their length, numbers in their bytes), so it reads back exactly and
// several times faster than a JSON line parses.
class RecordWriter {
 public:
  // Writes to `out`, memory made for the record, or only counts the bytes
  // (`out` null): a record is written in one piece, without a check for
  // room at each of its fifty-odd fields.
  explicit RecordWriter(char* out) : out_(out) {}
  size_t size() const { return size_; }
  template <typename T>
  void pod(T v) {
    if (out_) std::memcpy(out_ + size_, &v, sizeof v);
    size_ += sizeof v;
  }
  void str(std::string_view v) {
    pod(static_cast<uint32_t>(v.size()));
    if (out_ && !v.empty()) std::memcpy(out_ + size_, v.data(), v.size());
    size_ += v.size();
  }
  void date(const Date& d) {
    pod(static_cast<int32_t>(d.year));
    pod(static_cast<int8_t>(d.month));
    pod(static_cast<int8_t>(d.day));
    pod(static_cast<uint8_t>(d.precision));
  }

 private:
  char* out_;
  size_t size_ = 0;
};

class RecordReader {
 public:
  explicit RecordReader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  template <typename T>
  T pod() {
    T v{};
    if (in_.size() < sizeof v) {
      ok_ = false;
      return v;
    }
    std::memcpy(&v, in_.data(), sizeof v);
    in_.remove_prefix(sizeof v);
    return v;
  }
  // Into `out` itself: no string made and moved for each field.
  void str(std::string& out) {
    const auto n = pod<uint32_t>();
    if (in_.size() < n) {
      ok_ = false;
      out.clear();
      return;
    }
    out.assign(in_.data(), n);
    in_.remove_prefix(n);
  }
  Date date() {
    Date d;
    d.year = pod<int32_t>();
    d.month = pod<int8_t>();
    d.day = pod<int8_t>();
    d.precision = static_cast<DatePrecision>(pod<uint8_t>());
    return d;
  }
  bool has() { return pod<uint8_t>() != 0; }

 private:
  std::string_view in_;
  bool ok_ = true;
};

void write_fields(RecordWriter& w, const Report& r) {
  w.str(r.id);
  w.str(r.article);
  w.pod(static_cast<uint8_t>(r.lead));
  w.pod(static_cast<uint8_t>(r.type));
  w.pod(static_cast<uint8_t>(r.date.has_value()));
  if (r.date) {
    w.date(r.date->start);
    w.date(r.date->end);
    w.pod(static_cast<uint8_t>(r.date->precision));
    w.str(r.date->from);
  }
  w.pod(static_cast<uint8_t>(r.place.has_value()));
  if (const auto& p = r.place) {
    w.str(p->name);
    w.str(p->id);
    w.pod(p->lat);
    w.pod(p->lon);
    w.str(p->admin1);
    w.str(p->country);
    w.str(p->precision);
    w.str(p->from);
  }
  w.pod(static_cast<uint8_t>(r.perpetrator.has_value()));
  if (const auto& a = r.perpetrator) {
    w.str(a->name);
    w.str(a->id);
    w.str(a->kind);
    w.str(a->side);
  }
  w.pod(static_cast<uint8_t>(r.victims.has_value()));
  if (const auto& v = r.victims) {
    w.str(v->name);
    w.str(v->category);
  }
  for (const FigureField& field : kFigureFields) {
    const std::optional<Figure>& f = r.figures.*field.member;
    w.pod(static_cast<uint8_t>(f.has_value()));
    if (!f) continue;
    w.pod(f->low);
    w.pod(static_cast<uint8_t>(f->high.has_value()));
    if (f->high) w.pod(*f->high);
    w.str(f->qualifier);
    w.str(f->text);
  }
  w.pod(static_cast<uint8_t>(r.source.has_value()));
  if (const auto& a = r.source) {
    w.str(a->name);
    w.str(a->id);
    w.str(a->verb);
  }
  w.pod(static_cast<uint8_t>(r.stance));
  w.pod(static_cast<uint8_t>(r.cumulative));
  w.str(r.quote);
  w.pod(r.span_begin);
  w.pod(r.span_end);
  w.str(r.trigger);
}

void write_record(std::string& out, const Report& r) {
  RecordWriter count(nullptr);
  write_fields(count, r);
  const size_t at = out.size();
  out.resize(at + count.size());
  RecordWriter w(out.data() + at);
  write_fields(w, r);
}

// False when the record is cut short (a failed read).
bool read_record(std::string_view in, Report& r) {
  RecordReader rd(in);
  rd.str(r.id);
  rd.str(r.article);
  r.lead = rd.has();
  r.type = static_cast<IncidentType>(rd.pod<uint8_t>());
  if (rd.has()) {
    ReportDate& d = r.date.emplace();
    d.start = rd.date();
    d.end = rd.date();
    d.precision = static_cast<DatePrecision>(rd.pod<uint8_t>());
    rd.str(d.from);
  }
  if (rd.has()) {
    ReportPlace& p = r.place.emplace();
    rd.str(p.name);
    rd.str(p.id);
    p.lat = rd.pod<double>();
    p.lon = rd.pod<double>();
    rd.str(p.admin1);
    rd.str(p.country);
    rd.str(p.precision);
    rd.str(p.from);
  }
  if (rd.has()) {
    ActorRef& a = r.perpetrator.emplace();
    rd.str(a.name);
    rd.str(a.id);
    rd.str(a.kind);
    rd.str(a.side);
  }
  if (rd.has()) {
    Victims& v = r.victims.emplace();
    rd.str(v.name);
    rd.str(v.category);
  }
  for (const FigureField& field : kFigureFields) {
    if (!rd.has()) continue;
    Figure& f = (r.figures.*field.member).emplace();
    f.low = rd.pod<int64_t>();
    if (rd.has()) f.high = rd.pod<int64_t>();
    rd.str(f.qualifier);
    rd.str(f.text);
  }
  if (rd.has()) {
    Attribution& a = r.source.emplace();
    rd.str(a.name);
    rd.str(a.id);
    rd.str(a.verb);
  }
  r.stance = static_cast<Stance>(rd.pod<uint8_t>());
  r.cumulative = rd.has();
  rd.str(r.quote);
  r.span_begin = rd.pod<uint32_t>();
  r.span_end = rd.pod<uint32_t>();
  rd.str(r.trigger);
  return rd.ok();
}

// Where the reports wait between linking and assessment: in memory, or as
// records in a scratch file (see IncidentLinker).
class ReportKeeper {
 public:
  explicit ReportKeeper(const std::string& spool_path) {
    if (!spool_path.empty()) spool_ = std::make_unique<ScratchFile>(spool_path);
  }

  size_t size() const { return spool_ ? where_.size() : memory_.size(); }
  Status status() const { return spool_ ? spool_->status() : Status::ok(); }
  // All reports, when they are in memory.
  const std::vector<LinkInput>* in_memory() const { return spool_ ? nullptr : &memory_; }

  bool spooled() const { return spool_ != nullptr; }

  // Keeps a report. Spooled, it is written out and `in` is left as it was;
  // in memory, `in` is moved.
  void add(LinkInput& in, uint32_t article) {
    if (!spool_) {
      memory_.push_back(std::move(in));
      return;
    }
    view_ = {};  // appending unmaps it
    record_.clear();
    write_record(record_, in.report);
    where_.push_back({spool_->append(record_), static_cast<uint32_t>(record_.size()), article});
  }

  // Maps the spool for reading once the reports are all in (add() ends it):
  // get() is then thread-safe and reads without a system call.
  void seal() {
    if (spool_) view_ = spool_->view();
  }
  // Whether get() may be called from several threads at once.
  bool thread_safe() const { return !spool_ || !view_.empty(); }

  // Spooled: reads the report at `i` back into `out` and returns its
  // article's info from `articles` (an empty one when it cannot be read).
  const ArticleInfo& read(uint32_t i, const std::vector<ArticleInfo>& articles, Report& out) {
    const Where& w = where_[i];
    out = Report{};
    bool read = false;
    if (!view_.empty()) {
      read = w.offset + w.length <= view_.size() && read_record(view_.substr(w.offset, w.length), out);
    } else {
      read = spool_->read(w.offset, w.length, record_) && read_record(record_, out);
    }
    if (!read) {
      out = Report{};
      return no_article_;
    }
    return articles[w.article];
  }

  // The report at `i`: in memory, a reference to it; spooled, read back into
  // `scratch` with the article's info from `articles`.
  const LinkInput& get(uint32_t i, const std::vector<ArticleInfo>& articles, LinkInput& scratch) {
    if (!spool_) return memory_[i];
    scratch.article = read(i, articles, scratch.report);
    return scratch;
  }

 private:
  struct Where {
    uint64_t offset;
    uint32_t length, article;
  };
  std::vector<LinkInput> memory_;
  std::unique_ptr<ScratchFile> spool_;
  std::vector<Where> where_;
  std::string record_;
  std::string_view view_;  // the spool, mapped by seal()
  const ArticleInfo no_article_;
};

// Report ids seen, as 128-bit hashes: exact for any practical number of
// reports, and a third of the memory of the strings. Open addressing, so
// that a report costs no allocation.
class IdSet {
 public:
  // False when `h` was already in.
  bool insert(const XXH128_hash_t& h) {
    if (h.low64 == 0 && h.high64 == 0) return !std::exchange(has_zero_, true);  // the empty slot's value
    if (2 * (size_ + 1) > slots_.size()) grow();
    for (size_t k = h.low64 & (slots_.size() - 1);; k = (k + 1) & (slots_.size() - 1)) {
      XXH128_hash_t& slot = slots_[k];
      if (XXH128_isEqual(slot, h)) return false;
      if (slot.low64 == 0 && slot.high64 == 0) {
        slot = h;
        ++size_;
        return true;
      }
    }
  }

 private:
  void grow() {
    std::vector<XXH128_hash_t> old(std::max<size_t>(1024, 2 * slots_.size()), XXH128_hash_t{0, 0});
    old.swap(slots_);
    for (const XXH128_hash_t& h : old) {
      if (h.low64 == 0 && h.high64 == 0) continue;
      size_t k = h.low64 & (slots_.size() - 1);
      while (slots_[k].low64 != 0 || slots_[k].high64 != 0) k = (k + 1) & (slots_.size() - 1);
      slots_[k] = h;
    }
  }
  std::vector<XXH128_hash_t> slots_;  // a power of two, at most half full
  size_t size_ = 0;
  bool has_zero_ = false;
};

}  // namespace

struct IncidentLinker::Impl {
  explicit Impl(const std::string& spool_path) : reports(spool_path) {}

  ActorLookup actors;
  link::StringIds ids;
  // Articles by number, in first-seen order; an article named only as the
  // original of a copy gets a number (and an empty info) until it arrives.
  std::vector<ArticleInfo> articles;
  std::vector<bool> article_seen;
  std::unordered_map<std::string, uint32_t> article_number;
  ReportKeeper reports;
  IdSet report_ids;
  std::vector<uint32_t> pending;  // reports added since the last linking, by input index
  std::vector<uint32_t> pending_article;
  // Rule L1 works on all of an article's pending reports. They usually come
  // one article after the other, so its units are made as soon as the next
  // article starts, from the reports in hand (a spooled linker need not read
  // them back). An article whose reports come apart (others in between) is
  // made from all of them when linking, as it always was.
  static constexpr uint32_t kNoArticle = UINT32_MAX;
  uint32_t hand_article = kNoArticle;
  std::vector<uint32_t> hand_index;                      // its input indices
  std::vector<LinkInput> hand;                           // spooled: its reports
  std::unordered_map<uint32_t, std::vector<Unit>> made;  // article -> units of its pending reports
  std::unordered_set<uint32_t> scattered;                // articles made when linking

  std::vector<Unit> units;
  std::vector<uint32_t> leader;  // per unit: link::kNoLeader, or the original's unit it follows (rule L9)
  std::vector<std::vector<uint32_t>> units_of_article;  // by article number
  std::vector<std::vector<uint32_t>> copies_of;         // by article number: the articles that copy it
  std::unordered_map<uint64_t, std::vector<size_t>> twins;  // signature -> linkable units (rule L10)
  DisjointSets sets;
  std::unordered_map<uint32_t, std::vector<std::vector<size_t>>> clusters;  // component root -> clusters of units

  // Blocking indexes, keyed by hashes of (day, area); a collision only adds
  // a candidate that link_score then rejects.
  std::unordered_map<uint64_t, std::vector<FineEntry>> fine;       // (day, cell): point..district
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_admin1;   // (day, country, admin1): all but wide
  std::unordered_map<uint64_t, std::vector<uint32_t>> region_only; // (day, country, admin1): region places
  std::unordered_map<uint64_t, std::vector<uint32_t>> wide;        // (day, country): wide units
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_country;  // (day, country): every unit

  uint32_t number_of(const std::string& article) {
    auto [it, fresh] = article_number.try_emplace(article, static_cast<uint32_t>(articles.size()));
    if (fresh) {
      articles.emplace_back();
      articles.back().id = it->first;  // `article` may be an element of `articles`
      article_seen.push_back(false);
      units_of_article.emplace_back();
      copies_of.emplace_back();
    }
    return it->second;
  }

  void index(uint32_t u) {
    const Unit& x = units[u];
    for (int64_t d = x.day_lo; d <= x.day_hi; ++d) {
      const auto day = static_cast<uint64_t>(d);
      by_country[mix({day, x.country})].push_back(u);
      if (is_wide(x)) {
        wide[mix({day, x.country})].push_back(u);
        continue;
      }
      by_admin1[mix({day, x.country, x.admin1})].push_back(u);
      if (x.place_rank == 3) {
        region_only[mix({day, x.country, x.admin1})].push_back(u);
      } else {
        fine[mix({day, static_cast<uint64_t>(cell(x.lat)), static_cast<uint64_t>(cell(x.lon))})].push_back(
            {u, static_cast<float>(x.lat)});
      }
    }
  }

  // Calls `f` with every indexed unit that could match `u` (with repeats).
  template <typename F>
  void for_candidates(uint32_t u, F f) const {
    const Unit& x = units[u];
    auto visit = [&](const std::unordered_map<uint64_t, std::vector<uint32_t>>& m, uint64_t key) {
      auto it = m.find(key);
      if (it == m.end()) return;
      for (uint32_t v : it->second) f(v);
    };
    for (int64_t d = x.day_lo - link::kDaySlack; d <= x.day_hi + link::kDaySlack; ++d) {
      const auto day = static_cast<uint64_t>(d);
      visit(wide, mix({day, x.country}));
      if (is_wide(x)) {
        visit(by_country, mix({day, x.country}));
        continue;
      }
      if (x.place_rank == 3) {
        visit(by_admin1, mix({day, x.country, x.admin1}));
        continue;
      }
      visit(region_only, mix({day, x.country, x.admin1}));
      const int cy = cell(x.lat), cx = cell(x.lon);
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          auto it = fine.find(mix({day, static_cast<uint64_t>(cy + dy), static_cast<uint64_t>(cx + dx)}));
          if (it == fine.end()) continue;
          for (const FineEntry& e : it->second)
            if (std::fabs(e.lat - static_cast<float>(x.lat)) <= kFineLatReach) f(e.unit);
        }
    }
  }

  // Makes the units of the article in hand, unless it is scattered.
  void close_hand();
  void link_pending();
  // The members' reports (input indices, ascending), read back if spooled.
  // `members`: the incident's reports by input index, in input order.
  Incident assess(std::vector<size_t> members);
};

IncidentLinker::IncidentLinker(ActorLookup actors, const std::string& spool_path)
    : impl_(std::make_unique<Impl>(spool_path)) {
  impl_->actors = std::move(actors);
}
IncidentLinker::~IncidentLinker() = default;
IncidentLinker::IncidentLinker(IncidentLinker&&) noexcept = default;
IncidentLinker& IncidentLinker::operator=(IncidentLinker&&) noexcept = default;

Status IncidentLinker::status() const { return impl_->reports.status(); }
size_t IncidentLinker::size() const { return impl_->reports.size(); }

LinkInput IncidentLinker::input(size_t index) const {
  LinkInput scratch;
  const LinkInput& in = impl_->reports.get(static_cast<uint32_t>(index), impl_->articles, scratch);
  if (&in == &scratch) return scratch;  // read back: moved out, not copied
  return in;
}

void IncidentLinker::add(std::vector<LinkInput> batch) {
  Impl& m = *impl_;
  for (LinkInput& in : batch) {
    if (!m.report_ids.insert(XXH3_128bits(in.report.id.data(), in.report.id.size()))) continue;
    const uint32_t article = m.number_of(in.report.article);
    if (!m.article_seen[article]) {
      m.article_seen[article] = true;
      ArticleInfo& info = m.articles[article];
      info = in.article;
      info.id = in.report.article;
    }
    if (article != m.hand_article) {
      m.close_hand();
      m.hand_article = article;
      // Its reports came apart: all of them are grouped when linking.
      if (m.made.erase(article)) m.scattered.insert(article);
    }
    const auto index = static_cast<uint32_t>(m.reports.size());
    m.pending.push_back(index);
    m.pending_article.push_back(article);
    m.hand_index.push_back(index);
    m.reports.add(in, article);
    if (m.reports.spooled()) m.hand.push_back(std::move(in));
  }
}

void IncidentLinker::Impl::close_hand() {
  Impl& m = *this;
  if (m.hand_article != kNoArticle && !m.scattered.count(m.hand_article)) {
    link::ArticleReports in_article;
    in_article.reserve(m.hand_index.size());
    const std::vector<LinkInput>* all = m.reports.in_memory();
    for (size_t k = 0; k < m.hand_index.size(); ++k)
      in_article.emplace_back(m.hand_index[k], all ? &(*all)[m.hand_index[k]] : &m.hand[k]);
    std::stable_sort(in_article.begin(), in_article.end(), [](const auto& a, const auto& b) {
      return a.second->report.span_begin < b.second->report.span_begin;
    });
    m.made[m.hand_article] = link::make_units(in_article, m.hand_article, m.ids);
  }
  m.hand_article = kNoArticle;
  m.hand_index.clear();
  m.hand.clear();
}

void IncidentLinker::Impl::link_pending() {
  Impl& m = *this;
  if (m.pending.empty()) return;
  m.close_hand();
  // The new reports' articles in first-seen order; the reports of the
  // scattered ones grouped by article.
  std::vector<uint32_t> order;
  std::unordered_set<uint32_t> listed;
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_article;
  for (size_t k = 0; k < m.pending.size(); ++k) {
    const uint32_t article = m.pending_article[k];
    if (listed.insert(article).second) order.push_back(article);
    if (m.scattered.count(article)) by_article[article].push_back(m.pending[k]);
  }
  std::vector<uint32_t>().swap(m.pending);
  std::vector<uint32_t>().swap(m.pending_article);
  const size_t first_new = m.units.size();
  size_t more = 0;
  for (const auto& entry : m.made) more += entry.second.size();
  m.units.reserve(first_new + more);
  std::vector<LinkInput> scratch;
  for (uint32_t article : order) {
    std::vector<Unit> fresh;
    if (auto it = m.made.find(article); it != m.made.end()) {
      fresh = std::move(it->second);
    } else {
      const std::vector<uint32_t>& idx = by_article[article];
      scratch.resize(idx.size());
      link::ArticleReports in_article;
      for (size_t k = 0; k < idx.size(); ++k)
        in_article.emplace_back(idx[k], &m.reports.get(idx[k], m.articles, scratch[k]));
      std::stable_sort(in_article.begin(), in_article.end(), [](const auto& a, const auto& b) {
        return a.second->report.span_begin < b.second->report.span_begin;
      });
      fresh = link::make_units(in_article, article, m.ids);
    }
    std::vector<uint32_t>& mine = m.units_of_article[article];
    for (Unit& u : fresh) {
      mine.push_back(static_cast<uint32_t>(m.units.size()));
      m.units.push_back(std::move(u));
      m.leader.push_back(link::kNoLeader);
      m.sets.add();
    }
    if (const auto& dup = m.articles[article].duplicate_of) m.copies_of[m.number_of(*dup)].push_back(article);
  }
  std::unordered_map<uint32_t, std::vector<Unit>>().swap(m.made);
  m.scattered.clear();
  std::vector<LinkInput>().swap(scratch);
  // Rule L9: a wire copy or republished page (duplicate_of) tells what its
  // original tells. Each of its units that has a twin (same signature) in
  // the original follows it: no scoring, no index, and it joins the twin's
  // incident. Ninety copies of one story cost ninety lookups, not 90 x 90
  // comparisons. Either may arrive first.
  auto follow = [&m](uint32_t copy, uint32_t original) {
    const std::vector<uint32_t>& orig = m.units_of_article[original];
    std::vector<bool> taken(orig.size(), false);
    for (uint32_t u : m.units_of_article[copy]) {
      if (m.leader[u] != link::kNoLeader) continue;
      const uint64_t sig = link::signature(m.units[u]);
      for (size_t k = 0; k < orig.size(); ++k) {
        const uint32_t v = orig[k];
        if (taken[k] || link::signature(m.units[v]) != sig) continue;
        taken[k] = true;
        // A copy that arrived before its original may lead or follow twins
        // (rule L10): it leaves that group, which gets a leader of its own.
        if (auto g = m.twins.find(sig); g != m.twins.end() && std::erase(g->second, u) > 0) {
          for (size_t w : g->second) m.leader[w] = link::kNoLeader;
          if (!g->second.empty()) link::lead_twins(m.units, g->second, m.leader);
          for (size_t w : g->second)
            if (m.leader[w] != link::kNoLeader) m.sets.unite(static_cast<uint32_t>(w), m.leader[w]);
        }
        m.leader[u] = v;
        m.sets.unite(u, v);
        break;
      }
    }
  };
  for (uint32_t article : order) {
    if (const auto& dup = m.articles[article].duplicate_of) follow(article, m.number_of(*dup));
    // Copies by number: `follow` may add articles (an original named only by its copy).
    for (size_t k = 0; k < m.copies_of[article].size(); ++k) follow(m.copies_of[article][k], article);
  }
  // Edges from each new unit to every unit that fits it. Only the components
  // matter here, so a candidate already in the unit's component, or already
  // seen for it (a unit dated over several days is indexed on each), is not
  // scored again: in a busy area most candidates are one or the other.
  std::vector<uint32_t> seen_for(m.units.size(), UINT32_MAX);
  // Rule L10: units telling exactly the same are scored once, through
  // their leader; the same text under many ids costs lookups, not pairs.
  for (size_t u = first_new; u < m.units.size(); ++u) {
    if (!m.units[u].linkable() || m.leader[u] != link::kNoLeader) continue;
    std::vector<size_t>& group = m.twins[link::signature(m.units[u])];
    group.push_back(u);
    if (group.size() < 2) continue;
    link::lead_twins(m.units, group, m.leader);
    for (size_t w : group)
      if (m.leader[w] != link::kNoLeader) m.sets.unite(static_cast<uint32_t>(w), m.leader[w]);
  }
  for (size_t i = first_new; i < m.units.size(); ++i) {
    const auto u = static_cast<uint32_t>(i);
    if (!m.units[u].linkable() || m.leader[u] != link::kNoLeader) continue;
    m.for_candidates(u, [&](uint32_t v) {
      if (seen_for[v] == u || m.leader[v] != link::kNoLeader) return;
      seen_for[v] = u;
      if (m.sets.find(u) != m.sets.find(v) && link::link_score(m.units[u], m.units[v])) m.sets.unite(u, v);
    });
    m.index(u);
  }
  // Re-cluster the components that gained units; drop the ones merged away.
  std::unordered_set<uint32_t> touched;
  for (size_t u = first_new; u < m.units.size(); ++u) touched.insert(m.sets.find(static_cast<uint32_t>(u)));
  for (auto it = m.clusters.begin(); it != m.clusters.end();) {
    if (m.sets.find(it->first) != it->first) it = m.clusters.erase(it);
    else ++it;
  }
  std::unordered_map<uint32_t, std::vector<size_t>> members;
  for (size_t u = 0; u < m.units.size(); ++u) {
    const uint32_t root = m.sets.find(static_cast<uint32_t>(u));
    if (touched.count(root)) members[root].push_back(u);
  }
  for (auto& [root, component] : members)
    m.clusters[root] = link::cluster_component(m.units, std::move(component), &m.leader);
}

std::vector<std::pair<size_t, size_t>> IncidentLinker::candidate_pairs() {
  Impl& m = *impl_;
  m.link_pending();
  std::vector<std::pair<size_t, size_t>> pairs;
  for (size_t i = 0; i < m.units.size(); ++i) {
    const auto u = static_cast<uint32_t>(i);
    if (!m.units[u].linkable() || m.leader[u] != link::kNoLeader) continue;
    m.for_candidates(u, [&](uint32_t v) {
      if (v != u && m.leader[v] == link::kNoLeader && link::link_score(m.units[u], m.units[v]))
        pairs.emplace_back(std::min<size_t>(m.units[u].members[0], m.units[v].members[0]),
                           std::max<size_t>(m.units[u].members[0], m.units[v].members[0]));
    });
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

Incident IncidentLinker::Impl::assess(std::vector<size_t> members) {
  auto outlet_of = [this](const std::string& article) -> std::string {
    auto it = article_number.find(article);
    return it == article_number.end() ? std::string() : articles[it->second].outlet;
  };
  std::vector<assess::ReportRef> refs(members.size());
  const std::vector<LinkInput>* all = reports.in_memory();
  // Spooled: the members' reports read back (their articles' info is not copied).
  std::vector<Report> local(all ? 0 : members.size());
  for (size_t k = 0; k < members.size(); ++k) {
    if (all) {
      const LinkInput& in = (*all)[members[k]];
      refs[k] = {&in.report, &in.article};
    } else {
      refs[k] = {&local[k], &reports.read(static_cast<uint32_t>(members[k]), articles, local[k])};
    }
  }
  Incident inc = assess::assess_incident(refs, outlet_of, actors);
  inc.members = std::move(members);
  return inc;
}

void IncidentLinker::for_each_incident(const std::function<void(Incident&&)>& f) {
  Impl& m = *impl_;
  m.link_pending();
  m.reports.seal();
  // Incidents are assessed a few dozen at a time on every core and handed
  // to `f` on this thread, in the order of the clusters, whatever the
  // number of threads.
  using Chunk = std::vector<std::vector<size_t>>;  // members of each incident
  constexpr size_t kChunk = 32;
  const size_t threads = m.reports.thread_safe() ? std::thread::hardware_concurrency() : 1;
  OrderedPool<Chunk, std::vector<Incident>> pool(
      threads,
      [&m](Chunk&& chunk) {
        std::vector<Incident> out;
        out.reserve(chunk.size());
        for (std::vector<size_t>& members : chunk) out.push_back(m.assess(std::move(members)));
        return out;
      },
      [&f](std::vector<Incident>&& done) {
        for (Incident& i : done) f(std::move(i));
      });
  Chunk chunk;
  for (const auto& [root, clusters] : m.clusters) {
    for (const std::vector<size_t>& cluster : clusters) {
      std::vector<size_t>& members = chunk.emplace_back();
      for (size_t u : cluster) members.insert(members.end(), m.units[u].members.begin(), m.units[u].members.end());
      std::sort(members.begin(), members.end());
      if (chunk.size() == kChunk) pool.submit(std::exchange(chunk, {}));
    }
  }
  if (!chunk.empty()) pool.submit(std::move(chunk));
  pool.finish();
}

std::string IncidentLinker::order_key(const Incident& incident) {
  return (incident.date ? incident.date->start.iso() : "~") + '\n' + incident.id;
}

std::vector<Incident> IncidentLinker::incidents() {
  std::vector<Incident> out;
  for_each_incident([&out](Incident&& i) { out.push_back(std::move(i)); });
  // By date (undated last), then id. The keys are made once: formatting a
  // date inside the comparison dominated the sort of a million incidents.
  std::vector<std::pair<std::string, size_t>> order;
  order.reserve(out.size());
  for (size_t k = 0; k < out.size(); ++k) order.emplace_back(order_key(out[k]), k);
  std::sort(order.begin(), order.end());
  std::vector<Incident> sorted;
  sorted.reserve(out.size());
  for (const auto& [key, k] : order) sorted.push_back(std::move(out[k]));
  return sorted;
}

std::vector<Incident> link_reports(std::vector<LinkInput> inputs, ActorLookup actors) {
  IncidentLinker linker(std::move(actors));
  linker.add(std::move(inputs));
  return linker.incidents();
}

}  // namespace sitrep
