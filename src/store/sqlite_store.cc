// Store on SQLite: one database file in WAL mode, schema applied by numbered
// migrations, every write one transaction.
#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sitrep/store.h"

namespace sitrep {
namespace {

// Migration i (0-based) takes the schema from version i to version i + 1.
// Append only: a released migration is never edited, since databases in the
// field have already run it. Each one runs in its own transaction together
// with the PRAGMA user_version bump that records it.
constexpr const char* kMigrations[] = {
    // v1: articles and the inputs they came from. paragraphs and offsets are
    // binary blobs (see encode_paragraphs and encode_offsets).
    R"sql(
CREATE TABLE articles (
  id TEXT NOT NULL PRIMARY KEY,
  first_path TEXT NOT NULL,
  url TEXT,
  outlet TEXT NOT NULL,
  title TEXT NOT NULL,
  byline TEXT,
  published_date TEXT,
  published_precision TEXT,
  published_from TEXT,
  published_evidence TEXT,
  language TEXT NOT NULL,
  duplicate_of TEXT,
  format TEXT NOT NULL,
  text TEXT NOT NULL,
  paragraphs BLOB NOT NULL,
  offsets BLOB NOT NULL,
  minhash BLOB NOT NULL
);
CREATE INDEX articles_first_path ON articles(first_path, id);
CREATE TABLE article_paths (
  article_id TEXT NOT NULL REFERENCES articles(id),
  path TEXT NOT NULL,
  PRIMARY KEY (article_id, path)
) WITHOUT ROWID;
)sql",
    // v2: reports extracted from articles. The JSON line is the output
    // contract's; the other columns are for queries.
    R"sql(
CREATE TABLE reports (
  id TEXT NOT NULL PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles(id),
  lead INTEGER NOT NULL,
  type TEXT NOT NULL,
  date_start TEXT,
  date_end TEXT,
  span_begin INTEGER NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX reports_article ON reports(article_id, span_begin);
)sql",
    // v3: incidents linked from the reports, replaced as a whole by each
    // run; the JSON line is the output contract's.
    R"sql(
CREATE TABLE incidents (
  id TEXT NOT NULL PRIMARY KEY,
  type TEXT NOT NULL,
  date_start TEXT,
  grade TEXT NOT NULL,
  articles INTEGER NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX incidents_date ON incidents(date_start, id);
CREATE TABLE incident_reports (
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  report_id TEXT NOT NULL,
  PRIMARY KEY (incident_id, report_id)
) WITHOUT ROWID;
CREATE INDEX incident_reports_report ON incident_reports(report_id);
)sql",
    // v4: duplicate_of in a table of its own. Marking the copies after a run
    // rewrote whole article rows (text and blobs) for one short column.
    R"sql(
CREATE TABLE article_duplicates (
  article_id TEXT NOT NULL PRIMARY KEY REFERENCES articles(id),
  duplicate_of TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO article_duplicates (article_id, duplicate_of)
  SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL;
ALTER TABLE articles DROP COLUMN duplicate_of;
)sql",
};

// The index of v3 that replace_incidents() builds again, as v3 created it.
constexpr const char* kIncidentReportsIndex =
    "CREATE INDEX incident_reports_report ON incident_reports(report_id)";

constexpr int kSchemaVersion = static_cast<int>(std::size(kMigrations));

// PRAGMA application_id of a sitrep database ("sitr"), so that another
// program's SQLite file is refused instead of migrated.
constexpr int32_t kApplicationId = 0x73697472;

constexpr int kBusyTimeoutMs = 5000;

// Columns read into an Article, in this order, by read_article(), from
// kArticlesJoined.
constexpr const char* kArticlesJoined =
    "articles LEFT JOIN article_duplicates ON article_duplicates.article_id = articles.id";
constexpr const char* kArticleColumns =
    "id, url, outlet, title, byline, published_date, published_precision, published_from, "
    "published_evidence, language, duplicate_of, format, minhash";
constexpr const char* kTextColumns = ", text, paragraphs, offsets";
constexpr const char* kNoTextColumns = ", '', x'', x''";

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;

struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// Resets a reused statement when the caller is done with it, whatever path it
// leaves by, so no statement keeps a read transaction open.
class StmtUse {
 public:
  explicit StmtUse(sqlite3_stmt* s) : s_(s) {}
  ~StmtUse() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  StmtUse(const StmtUse&) = delete;
  StmtUse& operator=(const StmtUse&) = delete;
  sqlite3_stmt* get() const { return s_; }

 private:
  sqlite3_stmt* s_;
};

// Binds with SQLITE_STATIC: every statement is stepped and reset while the
// bound strings are still alive.
int bind_text(sqlite3_stmt* s, int i, std::string_view v) {
  return sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}

int bind_optional_text(sqlite3_stmt* s, int i, const std::optional<std::string>& v) {
  return v ? bind_text(s, i, *v) : sqlite3_bind_null(s, i);
}

int bind_blob(sqlite3_stmt* s, int i, const std::string& v) {
  // data() is never null, so an empty blob stays an empty blob, not NULL.
  return sqlite3_bind_blob(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}

std::string column_text(sqlite3_stmt* s, int i) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s, i))) : std::string();
}

std::optional<std::string> column_optional_text(sqlite3_stmt* s, int i) {
  if (sqlite3_column_type(s, i) == SQLITE_NULL) return std::nullopt;
  return column_text(s, i);
}

std::string_view column_blob(sqlite3_stmt* s, int i) {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(s, i));
  return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(s, i)))
           : std::string_view();
}

// The blobs' integers are little-endian, as this machine's: copied whole
// rather than assembled a byte at a time.
static_assert(std::endian::native == std::endian::little, "blob integers are stored little-endian");

void put_u32(char*& at, uint32_t v) {
  std::memcpy(at, &v, 4);
  at += 4;
}

uint32_t get_u32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// Blob formats, fixed-width little-endian records with no header; the blob's
// length must be a whole number of records.
//   paragraphs: 9 bytes each: begin u32, end u32, kind u8 (the ParagraphKind
//               enumerator's value, so new kinds are only ever appended).
//   offsets:   13 bytes each: clean_begin u32, orig_begin u32, length u32,
//               exact u8 (0 or 1).
//   minhash:    4 bytes each: one u32 per signature value.
constexpr size_t kParagraphRecord = 9;
constexpr size_t kOffsetRecord = 13;
constexpr uint8_t kMaxParagraphKind = static_cast<uint8_t>(ParagraphKind::kQuote);

std::string encode_paragraphs(const std::vector<Paragraph>& paragraphs) {
  std::string out(paragraphs.size() * kParagraphRecord, '\0');
  char* at = out.data();
  for (const Paragraph& p : paragraphs) {
    put_u32(at, p.begin);
    put_u32(at, p.end);
    *at++ = static_cast<char>(p.kind);
  }
  return out;
}

std::optional<std::vector<Paragraph>> decode_paragraphs(std::string_view blob) {
  if (blob.size() % kParagraphRecord != 0) return std::nullopt;
  std::vector<Paragraph> out;
  out.reserve(blob.size() / kParagraphRecord);
  for (size_t at = 0; at < blob.size(); at += kParagraphRecord) {
    const char* r = blob.data() + at;
    auto kind = static_cast<uint8_t>(r[8]);
    if (kind > kMaxParagraphKind) return std::nullopt;
    out.push_back({get_u32(r), get_u32(r + 4), static_cast<ParagraphKind>(kind)});
  }
  return out;
}

std::string encode_offsets(const OffsetMap& offsets) {
  std::string out(offsets.segments().size() * kOffsetRecord, '\0');
  char* at = out.data();
  for (const OffsetSegment& s : offsets.segments()) {
    put_u32(at, s.clean_begin);
    put_u32(at, s.orig_begin);
    put_u32(at, s.length);
    *at++ = s.exact ? 1 : 0;
  }
  return out;
}

std::optional<OffsetMap> decode_offsets(std::string_view blob) {
  if (blob.size() % kOffsetRecord != 0) return std::nullopt;
  std::vector<OffsetSegment> segments;
  segments.reserve(blob.size() / kOffsetRecord);
  for (size_t at = 0; at < blob.size(); at += kOffsetRecord) {
    const char* r = blob.data() + at;
    if (r[12] != 0 && r[12] != 1) return std::nullopt;
    segments.push_back({get_u32(r), get_u32(r + 4), get_u32(r + 8), r[12] == 1});
  }
  return OffsetMap(std::move(segments));
}

std::string encode_minhash(const std::vector<uint32_t>& signature) {
  std::string out(signature.size() * 4, '\0');
  char* at = out.data();
  for (uint32_t v : signature) put_u32(at, v);
  return out;
}

std::optional<std::vector<uint32_t>> decode_minhash(std::string_view blob) {
  if (blob.size() % 4 != 0) return std::nullopt;
  std::vector<uint32_t> out;
  out.reserve(blob.size() / 4);
  for (size_t at = 0; at < blob.size(); at += 4) out.push_back(get_u32(blob.data() + at));
  return out;
}

// The enumerator whose to_string() is `text`, so the names live in one place.
template <typename Enum, size_t N>
std::optional<Enum> parse_enum(const Enum (&all)[N], std::string_view text) {
  for (Enum e : all) {
    if (text == to_string(e)) return e;
  }
  return std::nullopt;
}

constexpr DatePrecision kAllPrecisions[] = {DatePrecision::kDay, DatePrecision::kDays,
                                            DatePrecision::kWeek, DatePrecision::kMonth,
                                            DatePrecision::kYear};
constexpr DateSource kAllSources[] = {DateSource::kMetadata, DateSource::kDateline,
                                      DateSource::kText, DateSource::kCaption, DateSource::kFile};

// Inverse of Date::iso() for the year, month and day: "2017", "2017-06" or
// "2017-06-07"; the parts it leaves out are 0.
bool parse_iso_date(std::string_view text, Date& date) {
  int parts[3] = {0, 0, 0};
  size_t n = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (n < 3) {
    auto [next, ec] = std::from_chars(p, end, parts[n]);
    if (ec != std::errc() || next == p) return false;
    ++n;
    p = next;
    if (p == end) break;
    if (*p != '-') return false;
    ++p;
  }
  if (p != end) return false;
  date.year = parts[0];
  date.month = parts[1];
  date.day = parts[2];
  return true;
}

// Status for a failed SQLite call on the database at `path`.
Status sqlite_error(const std::string& path, sqlite3* db, int rc, std::string_view what) {
  std::string message =
      path + ": " + std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return invalid_input(std::move(message));
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return io_error(std::move(message));
    default:
      return internal_error(std::move(message));
  }
}

// A transaction rolled back unless committed.
class Transaction {
 public:
  Transaction(sqlite3* db, const std::string& path) : db_(db), path_(path) {}
  ~Transaction() {
    if (active_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // `immediate` takes the write lock up front, so a writer waits for another
  // (busy_timeout) at BEGIN rather than failing halfway through.
  Status begin(bool immediate) {
    int rc = sqlite3_exec(db_, immediate ? "BEGIN IMMEDIATE" : "BEGIN", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(path_, db_, rc, "cannot begin transaction");
    active_ = true;
    return Status::ok();
  }

  Status commit() {
    int rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(path_, db_, rc, "cannot commit");
    active_ = false;
    return Status::ok();
  }

 private:
  sqlite3* db_;
  const std::string& path_;
  bool active_ = false;
};

}  // namespace

struct Store::Impl {
  std::string path_;
  DbPtr db_;  // declared before the statements, so it is closed after them
  int schema_version_ = 0;

  StmtPtr insert_article_;
  StmtPtr insert_path_;
  StmtPtr lower_first_path_;
  StmtPtr article_exists_;
  StmtPtr insert_duplicate_of_;
  StmtPtr delete_duplicate_of_;
  StmtPtr select_all_;
  StmtPtr select_all_no_text_;
  StmtPtr select_one_;
  StmtPtr select_all_paths_;
  StmtPtr select_paths_of_;
  StmtPtr delete_reports_of_;
  StmtPtr insert_report_;
  StmtPtr replace_report_;
  StmtPtr select_report_lines_;
  StmtPtr insert_incident_;
  StmtPtr insert_incident_report_;
  StmtPtr select_incident_lines_;

  Status error(int rc, std::string_view what) const {
    return sqlite_error(path_, db_.get(), rc, what);
  }

  Status exec(const char* sql, std::string_view what) {
    int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? Status::ok() : error(rc, what);
  }

  Status prepare(StmtPtr& stmt, const std::string& sql,
                 std::string_view what = "cannot prepare statement") {
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v3(db_.get(), sql.c_str(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    stmt.reset(s);
    return rc == SQLITE_OK ? Status::ok() : error(rc, what);
  }

  // Runs a statement returning one integer (a PRAGMA or a count).
  Result<int64_t> query_int(const std::string& sql, std::string_view what) {
    StmtPtr stmt;
    if (Status s = prepare(stmt, sql, what); !s.is_ok()) return s;
    int rc = sqlite3_step(stmt.get());
    if (rc != SQLITE_ROW) return error(rc, what);
    return static_cast<int64_t>(sqlite3_column_int64(stmt.get(), 0));
  }

  Result<std::string> query_text(const std::string& sql, std::string_view what) {
    StmtPtr stmt;
    if (Status s = prepare(stmt, sql, what); !s.is_ok()) return s;
    int rc = sqlite3_step(stmt.get());
    if (rc != SQLITE_ROW) return error(rc, what);
    return column_text(stmt.get(), 0);
  }

  Status check_version(int64_t version) const {
    if (version > kSchemaVersion) {
      return invalid_input(path_ + ": database schema version " + std::to_string(version) +
                           " is newer than this sitrep supports (schema version " +
                           std::to_string(kSchemaVersion) + "); use a newer sitrep");
    }
    if (version < 0)
      return invalid_input(path_ + ": bad schema version " + std::to_string(version));
    return Status::ok();
  }

  Status check_identity();
  Status configure();
  Status migrate();
  Status prepare_statements();
  Status put_one(const Article& a);
  Status set_duplicate_of(const std::string& id, const std::optional<std::string>& duplicate_of);
  Result<Article> read_article(sqlite3_stmt* s) const;
};

// Refuses, before changing anything in the file, what is not a sitrep
// database or is one from a newer sitrep.
Status Store::Impl::check_identity() {
  constexpr std::string_view kNotOurs = "not a sitrep database";
  // The first access to the file: one that is not a database at all fails
  // here with SQLite's "file is not a database".
  auto tables = query_int("SELECT count(*) FROM sqlite_schema", kNotOurs);
  if (!tables.is_ok()) return tables.status();
  auto app = query_int("PRAGMA application_id", kNotOurs);
  if (!app.is_ok()) return app.status();
  auto version = query_int("PRAGMA user_version", "cannot read schema version");
  if (!version.is_ok()) return version.status();
  if (app.value() != kApplicationId) {
    // Only an empty file (just created) may become a sitrep database.
    if (app.value() != 0 || tables.value() != 0 || version.value() != 0) {
      return invalid_input(path_ + ": " + std::string(kNotOurs) + " (application_id " +
                           std::to_string(app.value()) + ", " + std::to_string(tables.value()) +
                           " schema objects)");
    }
  }
  return check_version(version.value());
}

Status Store::Impl::configure() {
  sqlite3* db = db_.get();
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  if (Status s = check_identity(); !s.is_ok()) return s;
  // 64 KiB pages for a new file (an existing one keeps its page size; the
  // pragma does nothing there): rows of 1-3 kB left a sixth of each 4 KiB
  // page empty, and every page written costs a WAL frame and a system call.
  // Set before WAL mode, which fixes the page size.
  if (Status s = exec("PRAGMA page_size=65536", "cannot set page size"); !s.is_ok()) return s;
  auto mode = query_text("PRAGMA journal_mode=WAL", "cannot enable WAL");
  if (!mode.is_ok()) return mode.status();
  if (mode.value() != "wal") {
    return io_error(path_ + ": cannot enable WAL: journal mode stays " + mode.value());
  }
  if (Status s = exec("PRAGMA synchronous=NORMAL", "cannot set synchronous"); !s.is_ok()) {
    return s;
  }
  // 64 MiB of page cache instead of SQLite's 2 MB: the report and article
  // indexes (keyed by hashes, so written all over) stay in memory instead of
  // being read back from the file at every insert. `sitrep run` on 100 MB of
  // articles: 8.6 -> 5.9 s of system time, 2 s less CPU in all.
  if (Status s = exec("PRAGMA cache_size=-65536", "cannot set cache size"); !s.is_ok()) return s;
  // Debian builds SQLite to zero the space of every deleted cell and freed
  // page; nothing stored here is secret, and the zeroing cost 8% of the
  // instructions of storing articles and reports.
  if (Status s = exec("PRAGMA secure_delete=OFF", "cannot set secure_delete"); !s.is_ok()) return s;
  return exec("PRAGMA foreign_keys=ON", "cannot enable foreign keys");
}

Status Store::Impl::migrate() {
  for (;;) {
    Transaction txn(db_.get(), path_);
    if (Status s = txn.begin(true); !s.is_ok()) return s;
    // Read inside the write transaction: another process may have migrated
    // the file since check_identity().
    auto version = query_int("PRAGMA user_version", "cannot read schema version");
    if (!version.is_ok()) return version.status();
    if (Status s = check_version(version.value()); !s.is_ok()) return s;
    int v = static_cast<int>(version.value());
    if (v == kSchemaVersion) {
      schema_version_ = v;
      return txn.commit();
    }
    std::string what = "migration to schema version " + std::to_string(v + 1) + " failed";
    if (v == 0) {
      std::string set_app = "PRAGMA application_id=" + std::to_string(kApplicationId);
      if (Status s = exec(set_app.c_str(), what); !s.is_ok()) return s;
    }
    if (Status s = exec(kMigrations[v], what); !s.is_ok()) return s;
    std::string bump = "PRAGMA user_version=" + std::to_string(v + 1);
    if (Status s = exec(bump.c_str(), what); !s.is_ok()) return s;
    if (Status s = txn.commit(); !s.is_ok()) return s;
  }
}

Status Store::Impl::prepare_statements() {
  const std::string text_cols = std::string(kArticleColumns) + kTextColumns;
  const std::string no_text_cols = std::string(kArticleColumns) + kNoTextColumns;
  const std::pair<StmtPtr*, std::string> statements[] = {
      {&insert_article_,
       "INSERT OR IGNORE INTO articles (id, first_path, url, outlet, title, byline, "
       "published_date, published_precision, published_from, published_evidence, language, "
       "format, text, paragraphs, offsets, minhash) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"},
      {&insert_path_, "INSERT OR IGNORE INTO article_paths (article_id, path) VALUES (?1, ?2)"},
      {&lower_first_path_, "UPDATE articles SET first_path = ?2 WHERE id = ?1 AND first_path > ?2"},
      {&article_exists_, "SELECT 1 FROM articles WHERE id = ?1"},
      // An upsert, not INSERT OR REPLACE: SQLite gives a statement that may
      // delete a row as it inserts a journal of its own, a copy of every page
      // the statement changes (in a temporary file past 64 KiB).
      {&insert_duplicate_of_,
       "INSERT INTO article_duplicates (article_id, duplicate_of) VALUES (?1, ?2) "
       "ON CONFLICT (article_id) DO UPDATE SET duplicate_of = excluded.duplicate_of"},
      {&delete_duplicate_of_, "DELETE FROM article_duplicates WHERE article_id = ?1"},
      {&select_all_, "SELECT " + text_cols + " FROM " + kArticlesJoined + " ORDER BY first_path, id"},
      {&select_all_no_text_, "SELECT " + no_text_cols + " FROM " + kArticlesJoined + " ORDER BY first_path, id"},
      {&select_one_, "SELECT " + text_cols + " FROM " + kArticlesJoined + " WHERE id = ?1"},
      {&select_all_paths_, "SELECT article_id, path FROM article_paths ORDER BY article_id, path"},
      {&select_paths_of_, "SELECT path FROM article_paths WHERE article_id = ?1 ORDER BY path"},
      {&delete_reports_of_, "DELETE FROM reports WHERE article_id = ?1"},
      // Reports are inserted plainly, and only one whose id is stored already
      // goes again with OR REPLACE (see insert_duplicate_of_ on its cost).
      {&insert_report_,
       "INSERT INTO reports (id, article_id, lead, type, date_start, date_end, span_begin, json) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
      {&replace_report_,
       "INSERT OR REPLACE INTO reports (id, article_id, lead, type, date_start, date_end, "
       "span_begin, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
      {&select_report_lines_,
       // Articles outside, in index order (CROSS JOIN keeps them there), so
       // only each article's few reports are sorted, not every report line:
       // five times faster on 58,000 reports.
       "SELECT r.json FROM articles a CROSS JOIN reports r ON r.article_id = a.id "
       "ORDER BY a.first_path, a.id, r.span_begin, r.id"},
      {&insert_incident_,
       "INSERT INTO incidents (id, type, date_start, grade, articles, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
      {&insert_incident_report_, "INSERT OR IGNORE INTO incident_reports (incident_id, report_id) VALUES (?1, ?2)"},
      {&select_incident_lines_, "SELECT json FROM incidents ORDER BY coalesce(date_start, '~'), id"},
  };
  for (const auto& [stmt, sql] : statements) {
    if (Status s = prepare(*stmt, sql); !s.is_ok()) return s;
  }
  return Status::ok();
}

Status Store::Impl::put_one(const Article& a) {
  // first_path is the least path, so that ordering by it does not depend on
  // which input happened to be read first.
  std::string_view first_path;
  if (!a.paths.empty()) first_path = *std::min_element(a.paths.begin(), a.paths.end());
  const std::string paragraphs = encode_paragraphs(a.paragraphs);
  const std::string minhash = encode_minhash(a.minhash);
  const std::string offsets = encode_offsets(a.offsets);
  std::string published_date;
  if (a.published) published_date = a.published->date.iso();

  {
    StmtUse use(insert_article_.get());
    sqlite3_stmt* s = use.get();
    int rc = SQLITE_OK;
    auto bind = [&rc](int r) {
      if (rc == SQLITE_OK) rc = r;
    };
    bind(bind_text(s, 1, a.id));
    bind(bind_text(s, 2, first_path));
    bind(bind_optional_text(s, 3, a.url));
    bind(bind_text(s, 4, a.outlet));
    bind(bind_text(s, 5, a.title));
    bind(bind_optional_text(s, 6, a.byline));
    if (a.published) {
      bind(bind_text(s, 7, published_date));
      bind(bind_text(s, 8, to_string(a.published->date.precision)));
      bind(bind_text(s, 9, to_string(a.published->from)));
      bind(bind_text(s, 10, a.published->evidence));
    }
    bind(bind_text(s, 11, a.language));
    bind(bind_text(s, 12, a.format));
    bind(bind_text(s, 13, a.text));
    bind(bind_blob(s, 14, paragraphs));
    bind(bind_blob(s, 15, offsets));
    bind(bind_blob(s, 16, minhash));
    if (rc != SQLITE_OK) return error(rc, "cannot bind article " + a.id);
    rc = sqlite3_step(s);
    if (rc != SQLITE_DONE) return error(rc, "cannot insert article " + a.id);
  }
  const bool inserted = sqlite3_changes(db_.get()) > 0;
  // Only a new row takes duplicate_of: a stored article keeps its own.
  if (a.duplicate_of && inserted) {
    if (Status s = set_duplicate_of(a.id, a.duplicate_of); !s.is_ok()) return s;
  }
  for (const std::string& path : a.paths) {
    StmtUse use(insert_path_.get());
    int rc = bind_text(use.get(), 1, a.id);
    if (rc == SQLITE_OK) rc = bind_text(use.get(), 2, path);
    if (rc == SQLITE_OK) rc = sqlite3_step(use.get());
    if (rc != SQLITE_DONE) return error(rc, "cannot insert path of article " + a.id);
  }
  // A new row's first_path is the least of its paths already.
  if (!a.paths.empty() && !inserted) {
    StmtUse use(lower_first_path_.get());
    int rc = bind_text(use.get(), 1, a.id);
    if (rc == SQLITE_OK) rc = bind_text(use.get(), 2, first_path);
    if (rc == SQLITE_OK) rc = sqlite3_step(use.get());
    if (rc != SQLITE_DONE) return error(rc, "cannot update first path of article " + a.id);
  }
  return Status::ok();
}

Status Store::Impl::set_duplicate_of(const std::string& id, const std::optional<std::string>& duplicate_of) {
  StmtUse use(duplicate_of ? insert_duplicate_of_.get() : delete_duplicate_of_.get());
  int rc = bind_text(use.get(), 1, id);
  if (rc == SQLITE_OK && duplicate_of) rc = bind_text(use.get(), 2, *duplicate_of);
  if (rc == SQLITE_OK) rc = sqlite3_step(use.get());
  if (rc != SQLITE_DONE) return error(rc, "cannot set duplicate_of of article " + id);
  return Status::ok();
}

Result<Article> Store::Impl::read_article(sqlite3_stmt* s) const {
  Article a;
  a.id = column_text(s, 0);
  a.url = column_optional_text(s, 1);
  a.outlet = column_text(s, 2);
  a.title = column_text(s, 3);
  a.byline = column_optional_text(s, 4);
  if (sqlite3_column_type(s, 5) != SQLITE_NULL) {
    PublishedDate published;
    auto precision = parse_enum(kAllPrecisions, column_text(s, 6));
    auto from = parse_enum(kAllSources, column_text(s, 7));
    if (!parse_iso_date(column_text(s, 5), published.date) || !precision || !from) {
      return internal_error(path_ + ": bad published date stored for article " + a.id);
    }
    published.date.precision = *precision;
    published.from = *from;
    published.evidence = column_text(s, 8);
    a.published = std::move(published);
  }
  a.language = column_text(s, 9);
  a.duplicate_of = column_optional_text(s, 10);
  a.format = column_text(s, 11);
  auto minhash = decode_minhash(column_blob(s, 12));
  if (!minhash) return internal_error(path_ + ": bad MinHash signature stored for article " + a.id);
  a.minhash = std::move(*minhash);
  a.text = column_text(s, 13);
  auto paragraphs = decode_paragraphs(column_blob(s, 14));
  auto offsets = decode_offsets(column_blob(s, 15));
  if (!paragraphs || !offsets) {
    return internal_error(path_ + ": bad paragraphs or offsets stored for article " + a.id);
  }
  a.paragraphs = std::move(*paragraphs);
  a.offsets = std::move(*offsets);
  return a;
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::open(const std::string& path) {
  // No memory statistics: they take a process-wide mutex at every SQLite
  // malloc and free, 6% of the instructions of storing articles and reports.
  // Only possible before SQLite initialises; if something else in the
  // process started it first, the statistics simply stay on.
  static const int no_memory_statistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)no_memory_statistics;
  auto impl = std::make_unique<Impl>();
  impl->path_ = path;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  impl->db_.reset(db);  // closed on every path, even when opening failed
  if (rc != SQLITE_OK) return impl->error(rc, "cannot open database");
  if (Status s = impl->configure(); !s.is_ok()) return s;
  if (Status s = impl->migrate(); !s.is_ok()) return s;
  if (Status s = impl->prepare_statements(); !s.is_ok()) return s;
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

int Store::schema_version() const { return impl_->schema_version_; }

Status Store::put_articles(const std::vector<const Article*>& articles) {
  Transaction txn(impl_->db_.get(), impl_->path_);
  if (Status s = txn.begin(true); !s.is_ok()) return s;
  for (const Article* a : articles) {
    if (Status s = impl_->put_one(*a); !s.is_ok()) return s;
  }
  return txn.commit();
}

Status Store::replace_reports(const std::vector<std::string>& article_ids,
                              const std::vector<StoredReport>& reports) {
  Transaction txn(impl_->db_.get(), impl_->path_);
  if (Status s = txn.begin(true); !s.is_ok()) return s;
  for (const std::string& id : article_ids) {
    StmtUse use(impl_->delete_reports_of_.get());
    int rc = bind_text(use.get(), 1, id);
    if (rc == SQLITE_OK) rc = sqlite3_step(use.get());
    if (rc != SQLITE_DONE) return impl_->error(rc, "cannot delete reports of article " + id);
  }
  auto insert = [](sqlite3_stmt* st, const StoredReport& r) {
    StmtUse use(st);
    int rc = bind_text(st, 1, r.id);
    if (rc == SQLITE_OK) rc = bind_text(st, 2, r.article_id);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int(st, 3, r.lead ? 1 : 0);
    if (rc == SQLITE_OK) rc = bind_text(st, 4, r.type);
    if (rc == SQLITE_OK) rc = bind_optional_text(st, 5, r.date_start);
    if (rc == SQLITE_OK) rc = bind_optional_text(st, 6, r.date_end);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int64(st, 7, r.span_begin);
    if (rc == SQLITE_OK) rc = bind_text(st, 8, r.json);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    return rc;
  };
  for (const StoredReport& r : reports) {
    int rc = insert(impl_->insert_report_.get(), r);
    // A single-row INSERT checks its constraints before it writes, so the
    // one that failed changed nothing and the transaction goes on.
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) rc = insert(impl_->replace_report_.get(), r);
    if (rc != SQLITE_DONE) return impl_->error(rc, "cannot insert report " + r.id);
  }
  return txn.commit();
}

Result<std::vector<std::string>> Store::report_lines() const {
  std::vector<std::string> lines;
  if (Status s = for_each_report_line([&lines](std::string_view l) { lines.emplace_back(l); }); !s.is_ok()) return s;
  return lines;
}

Status Store::for_each_report_line(const std::function<void(std::string_view)>& f) const {
  Transaction txn(impl_->db_.get(), impl_->path_);
  if (Status s = txn.begin(false); !s.is_ok()) return s;
  StmtUse use(impl_->select_report_lines_.get());
  int rc;
  while ((rc = sqlite3_step(use.get())) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(use.get(), 0));
    f(text ? std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(use.get(), 0))) : std::string_view());
  }
  if (rc != SQLITE_DONE) return impl_->error(rc, "cannot read reports");
  return txn.commit();
}

Status Store::replace_incidents(const std::vector<StoredIncident>& incidents) {
  size_t next = 0;
  return replace_incidents([&](StoredIncident& i) -> Result<bool> {
    if (next == incidents.size()) return false;
    i = incidents[next++];
    return true;
  });
}

Status Store::replace_incidents(const std::function<Result<bool>(StoredIncident&)>& next) {
  Transaction txn(impl_->db_.get(), impl_->path_);
  if (Status s = txn.begin(true); !s.is_ok()) return s;
  // The index by report is dropped and built again after the inserts: one
  // sort instead of an insert at a random place for every report.
  if (Status s = impl_->exec("DROP INDEX incident_reports_report; DELETE FROM incident_reports; "
                             "DELETE FROM incidents;",
                             "cannot clear incidents");
      !s.is_ok())
    return s;
  for (StoredIncident i;;) {
    Result<bool> more = next(i);
    if (!more.is_ok()) return more.status();  // the transaction rolls back
    if (!more.value()) break;
    StmtUse use(impl_->insert_incident_.get());
    sqlite3_stmt* st = use.get();
    int rc = bind_text(st, 1, i.id);
    if (rc == SQLITE_OK) rc = bind_text(st, 2, i.type);
    if (rc == SQLITE_OK) rc = bind_optional_text(st, 3, i.date_start);
    if (rc == SQLITE_OK) rc = bind_text(st, 4, i.grade);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int64(st, 5, i.articles);
    if (rc == SQLITE_OK) rc = bind_text(st, 6, i.json);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) return impl_->error(rc, "cannot insert incident " + i.id);
    for (const std::string& report : i.reports) {
      StmtUse link(impl_->insert_incident_report_.get());
      rc = bind_text(link.get(), 1, i.id);
      if (rc == SQLITE_OK) rc = bind_text(link.get(), 2, report);
      if (rc == SQLITE_OK) rc = sqlite3_step(link.get());
      if (rc != SQLITE_DONE) return impl_->error(rc, "cannot insert incident report " + i.id);
    }
  }
  if (Status s = impl_->exec(kIncidentReportsIndex, "cannot index incident reports"); !s.is_ok()) return s;
  return txn.commit();
}

Result<std::vector<std::string>> Store::incident_lines() const {
  Transaction txn(impl_->db_.get(), impl_->path_);
  if (Status s = txn.begin(false); !s.is_ok()) return s;
  std::vector<std::string> lines;
  StmtUse use(impl_->select_incident_lines_.get());
  int rc;
  while ((rc = sqlite3_step(use.get())) == SQLITE_ROW) lines.push_back(column_text(use.get(), 0));
  if (rc != SQLITE_DONE) return impl_->error(rc, "cannot read incidents");
  if (Status s = txn.commit(); !s.is_ok()) return s;
  return lines;
}

Status Store::set_duplicate_of(
    const std::vector<std::pair<std::string, std::optional<std::string>>>& updates) {
  Transaction txn(impl_->db_.get(), impl_->path_);
  if (Status s = txn.begin(true); !s.is_ok()) return s;
  for (const auto& [id, duplicate_of] : updates) {
    {
      StmtUse use(impl_->article_exists_.get());
      int rc = bind_text(use.get(), 1, id);
      if (rc == SQLITE_OK) rc = sqlite3_step(use.get());
      // An unknown id is a caller bug; nothing of the batch is applied.
      if (rc == SQLITE_DONE) {
        return {StatusCode::kNotFound, impl_->path_ + ": no article " + id + " to mark duplicate"};
      }
      if (rc != SQLITE_ROW) return impl_->error(rc, "cannot look up article " + id);
    }
    if (Status s = impl_->set_duplicate_of(id, duplicate_of); !s.is_ok()) return s;
  }
  return txn.commit();
}

Result<std::vector<Article>> Store::load_articles(bool with_text) const {
  // One read transaction, so articles and paths come from the same snapshot.
  Transaction txn(impl_->db_.get(), impl_->path_);
  if (Status s = txn.begin(false); !s.is_ok()) return s;
  std::vector<Article> articles;
  std::unordered_map<std::string, size_t> index;
  {
    StmtUse use(with_text ? impl_->select_all_.get() : impl_->select_all_no_text_.get());
    int rc;
    while ((rc = sqlite3_step(use.get())) == SQLITE_ROW) {
      auto a = impl_->read_article(use.get());
      if (!a.is_ok()) return a.status();
      index.emplace(a.value().id, articles.size());
      articles.push_back(std::move(a).value());
    }
    if (rc != SQLITE_DONE) return impl_->error(rc, "cannot read articles");
  }
  {
    StmtUse use(impl_->select_all_paths_.get());
    int rc;
    while ((rc = sqlite3_step(use.get())) == SQLITE_ROW) {
      auto it = index.find(column_text(use.get(), 0));
      if (it != index.end()) articles[it->second].paths.push_back(column_text(use.get(), 1));
    }
    if (rc != SQLITE_DONE) return impl_->error(rc, "cannot read article paths");
  }
  if (Status s = txn.commit(); !s.is_ok()) return s;
  return articles;
}

Result<Article> Store::load_article(const std::string& id) const {
  Transaction txn(impl_->db_.get(), impl_->path_);
  if (Status s = txn.begin(false); !s.is_ok()) return s;
  Article article;
  {
    StmtUse use(impl_->select_one_.get());
    int rc = bind_text(use.get(), 1, id);
    if (rc == SQLITE_OK) rc = sqlite3_step(use.get());
    if (rc == SQLITE_DONE) {
      return Status(StatusCode::kNotFound, impl_->path_ + ": no article " + id);
    }
    if (rc != SQLITE_ROW) return impl_->error(rc, "cannot read article " + id);
    auto a = impl_->read_article(use.get());
    if (!a.is_ok()) return a.status();
    article = std::move(a).value();
  }
  {
    StmtUse use(impl_->select_paths_of_.get());
    int rc = bind_text(use.get(), 1, id);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
      rc = sqlite3_step(use.get());
      if (rc == SQLITE_ROW) article.paths.push_back(column_text(use.get(), 0));
    }
    if (rc != SQLITE_DONE) return impl_->error(rc, "cannot read paths of article " + id);
  }
  if (Status s = txn.commit(); !s.is_ok()) return s;
  return article;
}

Result<int64_t> Store::article_count() const {
  return impl_->query_int("SELECT count(*) FROM articles", "cannot count articles");
}

std::vector<Article> Store::as_loaded(std::vector<Article> articles) {
  // put_one() keeps the row of an id's first article and adds the paths of
  // the later ones; paths are read back sorted and distinct, articles by
  // their least path (first_path), then id. Sorted as indices: an Article
  // is large to move.
  std::vector<size_t> order(articles.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return articles[a].id < articles[b].id; });
  std::vector<size_t> kept;
  for (size_t i : order) {
    if (!kept.empty() && articles[kept.back()].id == articles[i].id) {
      std::vector<std::string>& paths = articles[kept.back()].paths;
      std::move(articles[i].paths.begin(), articles[i].paths.end(), std::back_inserter(paths));
    } else {
      kept.push_back(i);
    }
  }
  for (size_t i : kept) {
    std::vector<std::string>& paths = articles[i].paths;
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  }
  auto first_path = [&](size_t i) {
    return articles[i].paths.empty() ? std::string_view() : std::string_view(articles[i].paths.front());
  };
  std::sort(kept.begin(), kept.end(), [&](size_t a, size_t b) {
    const std::string_view pa = first_path(a), pb = first_path(b);
    return pa != pb ? pa < pb : articles[a].id < articles[b].id;
  });
  std::vector<Article> out;
  out.reserve(kept.size());
  for (size_t i : kept) out.push_back(std::move(articles[i]));
  return out;
}

}  // namespace sitrep
