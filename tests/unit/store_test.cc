#include "sitrep/store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace sitrep {
namespace {

namespace fs = std::filesystem;

// Every field of an article as text, so that two articles compare equal
// exactly when they would serialise the same, and a failure shows the field.
std::string dump(const Article& a) {
  std::ostringstream out;
  auto opt = [](const std::optional<std::string>& s) { return s ? "\"" + *s + "\"" : "null"; };
  out << "id=" << a.id << "\npaths=";
  for (const auto& p : a.paths) out << p << ";";
  out << "\nurl=" << opt(a.url) << "\noutlet=" << a.outlet << "\ntitle=" << a.title
      << "\nbyline=" << opt(a.byline) << "\npublished=";
  if (a.published) {
    const PublishedDate& p = *a.published;
    out << p.date.year << "/" << p.date.month << "/" << p.date.day << " "
        << to_string(p.date.precision) << " " << to_string(p.from) << " \"" << p.evidence << "\"";
  } else {
    out << "null";
  }
  out << "\nlanguage=" << a.language << "\nduplicate_of=" << opt(a.duplicate_of)
      << "\nformat=" << a.format << "\nminhash=";
  for (uint32_t v : a.minhash) out << v << ";";
  out << "\ntext=" << a.text << "\nparagraphs=";
  for (const auto& p : a.paragraphs) {
    out << p.begin << "-" << p.end << ":" << static_cast<int>(p.kind) << ";";
  }
  out << "\noffsets=";
  for (const auto& s : a.offsets.segments()) {
    out << s.clean_begin << "," << s.orig_begin << "," << s.length << "," << s.exact << ";";
  }
  return out.str();
}

std::string dump(const std::vector<Article>& articles) {
  std::string out;
  for (const auto& a : articles) out += dump(a) + "\n----\n";
  return out;
}

// An article with every optional field set and non-trivial blobs.
Article full_article() {
  Article a;
  a.id = "a1";
  a.paths = {"seeds/001.txt", "seeds/002.html"};
  a.url = "https://example.org/news/raqqa";
  a.outlet = "example.org";
  a.title = "Air strikes on Raqqa";
  a.byline = "Jane Doe";
  a.published = PublishedDate{
      {2017, 6, 7, DatePrecision::kDay}, DateSource::kDateline, "RAQQA, SYRIA (June 7, 2017)"};
  a.language = "en";
  a.duplicate_of = "a0";
  a.format = "html";
  a.text =
      "Air strikes on Raqqa\n\nAt least 21 civilians were killed, "
      "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85.";
  a.paragraphs = {{0, 20, ParagraphKind::kTitle},
                  {22, 70, ParagraphKind::kBody},
                  {0xFFFFFFF0u, 0xFFFFFFFFu, ParagraphKind::kQuote}};
  a.offsets = OffsetMap({{0, 100, 20, true}, {22, 130, 10, false}, {32, 0xFFFFFF00u, 38, true}});
  a.minhash = {0xFEDCBA98u, 0u, 7u};
  return a;
}

// An article with every optional field empty.
Article bare_article(const std::string& id, std::vector<std::string> paths) {
  Article a;
  a.id = id;
  a.paths = std::move(paths);
  a.format = "text";
  a.text = "Text of " + id;
  return a;
}

std::vector<const Article*> ptrs(const std::vector<Article>& articles) {
  std::vector<const Article*> out;
  for (const auto& a : articles) out.push_back(&a);
  return out;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("sitrep_store_test_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_path_ = (dir_ / "sitrep.db").string();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::unique_ptr<Store> open_store() {
    auto store = Store::open(db_path_);
    EXPECT_TRUE(store.is_ok()) << store.status().message();
    return store.is_ok() ? std::move(store).value() : nullptr;
  }

  // One value from SQL run on the database through SQLite directly ("" when
  // there is no row, "<error>" when it fails).
  std::string query(const std::string& sql) {
    sqlite3* db = nullptr;
    std::string out = "<error>";
    if (sqlite3_open_v2(db_path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) == SQLITE_OK) {
      sqlite3_stmt* stmt = nullptr;
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
          const auto* t = sqlite3_column_text(stmt, 0);
          out = t ? reinterpret_cast<const char*>(t) : "NULL";
        } else if (rc == SQLITE_DONE) {
          out = "";
        }
      }
      sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return out;
  }

  fs::path dir_;
  std::string db_path_;
};

TEST_F(StoreTest, RoundTripsEveryField) {
  auto store = open_store();
  ASSERT_TRUE(store);
  std::vector<Article> articles = {full_article(), bare_article("b1", {"in.jsonl#7"})};
  articles[1].outlet = "unknown";
  articles[1].language = "un";
  ASSERT_TRUE(store->put_articles(ptrs(articles)).is_ok());

  auto full = store->load_article("a1");
  ASSERT_TRUE(full.is_ok()) << full.status().message();
  EXPECT_EQ(dump(full.value()), dump(articles[0]));
  auto bare = store->load_article("b1");
  ASSERT_TRUE(bare.is_ok()) << bare.status().message();
  EXPECT_EQ(dump(bare.value()), dump(articles[1]));
  EXPECT_FALSE(bare.value().url);
  EXPECT_FALSE(bare.value().byline);
  EXPECT_FALSE(bare.value().published);
  EXPECT_FALSE(bare.value().duplicate_of);

  // "in.jsonl#7" sorts before "seeds/001.txt".
  auto all = store->load_articles(true);
  ASSERT_TRUE(all.is_ok()) << all.status().message();
  EXPECT_EQ(dump(all.value()), dump({articles[1], articles[0]}));
}

TEST_F(StoreTest, RoundTripsEveryDatePrecisionAndSource) {
  auto store = open_store();
  ASSERT_TRUE(store);
  const std::vector<std::pair<Date, DateSource>> dates = {
      {{2017, 6, 7, DatePrecision::kDay}, DateSource::kMetadata},
      {{2017, 6, 5, DatePrecision::kDays}, DateSource::kDateline},
      {{2017, 6, 12, DatePrecision::kWeek}, DateSource::kText},
      {{2017, 6, 0, DatePrecision::kMonth}, DateSource::kCaption},
      {{2017, 0, 0, DatePrecision::kYear}, DateSource::kFile},
  };
  std::vector<Article> articles;
  for (size_t i = 0; i < dates.size(); ++i) {
    Article a = bare_article("d" + std::to_string(i), {"p" + std::to_string(i)});
    a.published = PublishedDate{dates[i].first, dates[i].second, ""};
    articles.push_back(a);
  }
  ASSERT_TRUE(store->put_articles(ptrs(articles)).is_ok());
  auto all = store->load_articles(true);
  ASSERT_TRUE(all.is_ok()) << all.status().message();
  EXPECT_EQ(dump(all.value()), dump(articles));
}

TEST_F(StoreTest, LoadWithoutTextLeavesTextEmpty) {
  auto store = open_store();
  ASSERT_TRUE(store);
  Article a = full_article();
  ASSERT_TRUE(store->put_articles({&a}).is_ok());
  auto all = store->load_articles(false);
  ASSERT_TRUE(all.is_ok()) << all.status().message();
  ASSERT_EQ(all.value().size(), 1u);
  Article expected = a;
  expected.text.clear();
  expected.paragraphs.clear();
  expected.offsets = OffsetMap();
  EXPECT_EQ(dump(all.value()[0]), dump(expected));
}

TEST_F(StoreTest, PutTwiceIsIdempotent) {
  auto store = open_store();
  ASSERT_TRUE(store);
  std::vector<Article> articles = {full_article(), bare_article("b1", {"x", "y"})};
  ASSERT_TRUE(store->put_articles(ptrs(articles)).is_ok());
  auto first = store->load_articles(true);
  ASSERT_TRUE(first.is_ok());
  const std::string counts = query(
      "SELECT (SELECT count(*) FROM articles) || '/' || "
      "(SELECT count(*) FROM article_paths)");
  EXPECT_EQ(counts, "2/4");

  ASSERT_TRUE(store->put_articles(ptrs(articles)).is_ok());
  auto second = store->load_articles(true);
  ASSERT_TRUE(second.is_ok());
  EXPECT_EQ(query("SELECT (SELECT count(*) FROM articles) || '/' || "
                  "(SELECT count(*) FROM article_paths)"),
            counts);
  EXPECT_EQ(dump(second.value()), dump(first.value()));
}

TEST_F(StoreTest, ExistingArticleKeepsItsRowAndGainsPaths) {
  auto store = open_store();
  ASSERT_TRUE(store);
  Article a = bare_article("a", {"m/2.txt"});
  Article b = bare_article("b", {"m/1.txt"});
  ASSERT_TRUE(store->put_articles({&a, &b}).is_ok());

  // The same id seen again from an earlier-sorting path, with other fields
  // changed: only the path is taken.
  Article again = a;
  again.paths = {"a/0.txt"};
  again.title = "changed";
  again.text = "changed";
  ASSERT_TRUE(store->put_articles({&again}).is_ok());

  EXPECT_EQ(query("SELECT first_path FROM articles WHERE id = 'a'"), "a/0.txt");
  auto loaded = store->load_article("a");
  ASSERT_TRUE(loaded.is_ok());
  Article expected = a;
  expected.paths = {"a/0.txt", "m/2.txt"};
  EXPECT_EQ(dump(loaded.value()), dump(expected));

  // A later-sorting path leaves first_path alone.
  again.paths = {"z.txt"};
  ASSERT_TRUE(store->put_articles({&again}).is_ok());
  EXPECT_EQ(query("SELECT first_path FROM articles WHERE id = 'a'"), "a/0.txt");

  auto all = store->load_articles(false);
  ASSERT_TRUE(all.is_ok());
  ASSERT_EQ(all.value().size(), 2u);
  EXPECT_EQ(all.value()[0].id, "a");
  EXPECT_EQ(all.value()[0].paths, (std::vector<std::string>{"a/0.txt", "m/2.txt", "z.txt"}));
  EXPECT_EQ(all.value()[1].id, "b");
}

TEST_F(StoreTest, LoadsInCanonicalOrder) {
  auto store = open_store();
  ASSERT_TRUE(store);
  // Put in an order unrelated to the canonical one, across two batches;
  // "c" and "a" share a first path so the id breaks the tie.
  std::vector<Article> batch1 = {bare_article("z", {"b.txt"}), bare_article("c", {"a.txt"})};
  std::vector<Article> batch2 = {bare_article("a", {"x.txt", "a.txt"}),
                                 bare_article("m", {"B.txt"})};
  ASSERT_TRUE(store->put_articles(ptrs(batch2)).is_ok());
  ASSERT_TRUE(store->put_articles(ptrs(batch1)).is_ok());
  auto all = store->load_articles(false);
  ASSERT_TRUE(all.is_ok());
  std::vector<std::string> ids;
  for (const auto& a : all.value()) ids.push_back(a.id);
  // Byte order: "B.txt" < "a.txt" < "b.txt".
  EXPECT_EQ(ids, (std::vector<std::string>{"m", "a", "c", "z"}));
  EXPECT_EQ(all.value()[1].paths, (std::vector<std::string>{"a.txt", "x.txt"}));
}

TEST_F(StoreTest, SetsAndClearsDuplicateOf) {
  auto store = open_store();
  ASSERT_TRUE(store);
  std::vector<Article> articles = {bare_article("a", {"1"}), bare_article("b", {"2"}),
                                   bare_article("c", {"3"})};
  ASSERT_TRUE(store->put_articles(ptrs(articles)).is_ok());
  ASSERT_TRUE(store->set_duplicate_of({{"b", "a"}, {"c", "a"}}).is_ok());
  auto b = store->load_article("b");
  ASSERT_TRUE(b.is_ok());
  EXPECT_EQ(b.value().duplicate_of, std::optional<std::string>("a"));

  ASSERT_TRUE(store->set_duplicate_of({{"b", std::nullopt}}).is_ok());
  auto all = store->load_articles(false);
  ASSERT_TRUE(all.is_ok());
  EXPECT_FALSE(all.value()[0].duplicate_of);
  EXPECT_FALSE(all.value()[1].duplicate_of);
  EXPECT_EQ(all.value()[2].duplicate_of, std::optional<std::string>("a"));

  // An unknown id fails the whole batch.
  Status s = store->set_duplicate_of({{"a", "c"}, {"nope", "a"}});
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_NE(s.message().find("nope"), std::string::npos) << s.message();
  auto a = store->load_article("a");
  ASSERT_TRUE(a.is_ok());
  EXPECT_FALSE(a.value().duplicate_of);
}

TEST_F(StoreTest, MigratesDuplicateOfOutOfTheArticlesTable) {
  {
    auto store = open_store();
    ASSERT_TRUE(store);
    std::vector<Article> articles = {bare_article("a", {"1"}), bare_article("b", {"2"})};
    ASSERT_TRUE(store->put_articles(ptrs(articles)).is_ok());
    ASSERT_TRUE(store->set_duplicate_of({{"b", "a"}}).is_ok());
  }
  // Back to schema version 3, where duplicate_of was a column of articles.
  EXPECT_EQ(query("ALTER TABLE articles ADD COLUMN duplicate_of TEXT"), "");
  EXPECT_EQ(query("UPDATE articles SET duplicate_of = (SELECT duplicate_of FROM article_duplicates "
                  "WHERE article_id = articles.id)"),
            "");
  EXPECT_EQ(query("DROP TABLE article_duplicates"), "");
  EXPECT_EQ(query("PRAGMA user_version = 3"), "");

  auto store = open_store();
  ASSERT_TRUE(store);
  EXPECT_EQ(store->schema_version(), 4);
  EXPECT_EQ(query("SELECT count(*) FROM pragma_table_info('articles') WHERE name = 'duplicate_of'"), "0");
  auto all = store->load_articles(false);
  ASSERT_TRUE(all.is_ok());
  ASSERT_EQ(all.value().size(), 2u);
  EXPECT_FALSE(all.value()[0].duplicate_of);
  EXPECT_EQ(all.value()[1].duplicate_of, std::optional<std::string>("a"));
}

TEST_F(StoreTest, AsLoadedMatchesWhatAnEmptyStoreGivesBack) {
  std::vector<Article> articles = {bare_article("c", {"z.txt", "b.txt"}), full_article(),
                                   bare_article("b", {"b.txt"}), bare_article("c", {"a.txt", "z.txt"})};
  articles[3].title = "a later copy keeps the first one's fields";
  auto store = open_store();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->put_articles(ptrs(articles)).is_ok());
  auto all = store->load_articles(true);
  ASSERT_TRUE(all.is_ok());
  EXPECT_EQ(dump(Store::as_loaded(articles)), dump(all.value()));
  auto count = store->article_count();
  ASSERT_TRUE(count.is_ok());
  EXPECT_EQ(count.value(), 3);
}

StoredReport report(const std::string& id, const std::string& article, int64_t span_begin,
                    const std::string& json) {
  StoredReport r;
  r.id = id;
  r.article_id = article;
  r.type = "air_strike";
  r.span_begin = span_begin;
  r.json = json;
  return r;
}

TEST_F(StoreTest, AReportWhoseIdIsStoredReplacesIt) {
  auto store = open_store();
  ASSERT_TRUE(store);
  std::vector<Article> articles = {bare_article("a", {"1"}), bare_article("b", {"2"})};
  ASSERT_TRUE(store->put_articles(ptrs(articles)).is_ok());
  // The same id twice in a batch: the later report is kept, in its own place.
  ASSERT_TRUE(store->replace_reports({}, {report("r1", "a", 10, "a10"), report("r2", "a", 20, "a20"),
                                          report("r1", "b", 5, "b5")})
                  .is_ok());
  EXPECT_EQ(store->report_lines().value(), (std::vector<std::string>{"a20", "b5"}));
  EXPECT_EQ(query("SELECT group_concat(json) FROM (SELECT json FROM reports ORDER BY rowid)"), "a20,b5");
  // An id stored by an earlier batch.
  ASSERT_TRUE(store->replace_reports({}, {report("r2", "b", 1, "b1")}).is_ok());
  EXPECT_EQ(store->report_lines().value(), (std::vector<std::string>{"b1", "b5"}));
  // The reports of an article given are replaced as a whole.
  ASSERT_TRUE(store->replace_reports({"b"}, {report("r3", "b", 7, "b7")}).is_ok());
  EXPECT_EQ(store->report_lines().value(), (std::vector<std::string>{"b7"}));
  // A report of an unknown article fails its batch, and nothing of it is kept.
  Status s = store->replace_reports({"b"}, {report("r4", "a", 1, "a1"), report("r5", "nope", 1, "x")});
  EXPECT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("r5"), std::string::npos) << s.message();
  EXPECT_EQ(store->report_lines().value(), (std::vector<std::string>{"b7"}));
}

TEST_F(StoreTest, ReplacesIncidentsAsAWhole) {
  auto store = open_store();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->replace_incidents({{"i2", "air_strike", "fair", "2017-06-05", 2, {"r1", "r2"}, "{\"id\":\"i2\"}"},
                                        {"i1", "shelling", "weak", std::nullopt, 1, {"r3"}, "{\"id\":\"i1\"}"}})
                  .is_ok());
  auto lines = store->incident_lines();
  ASSERT_TRUE(lines.is_ok());
  // By date, undated last.
  EXPECT_EQ(lines.value(), (std::vector<std::string>{"{\"id\":\"i2\"}", "{\"id\":\"i1\"}"}));
  EXPECT_EQ(query("SELECT group_concat(report_id) FROM incident_reports WHERE incident_id = 'i2'"), "r1,r2");
  ASSERT_TRUE(store->replace_incidents({{"i3", "other", "single-source", std::nullopt, 1, {"r1"}, "{}"}}).is_ok());
  EXPECT_EQ(query("SELECT count(*) FROM incidents"), "1");
  EXPECT_EQ(query("SELECT incident_id FROM incident_reports"), "i3");
}

TEST_F(StoreTest, IncidentsGivenOneAtATimeAndAFailureLeavesTheOldOnes) {
  auto store = open_store();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->replace_incidents({{"i1", "shelling", "weak", std::nullopt, 1, {"r3"}, "{\"id\":\"i1\"}"}}).is_ok());
  int given = 0;
  // The generator fails after one incident: nothing of the new set is kept.
  Status s = store->replace_incidents([&](StoredIncident& i) -> Result<bool> {
    if (given++ == 1) return io_error("scratch file unreadable");
    i = {"i9", "air_strike", "fair", "2017-06-05", 2, {"r1", "r2"}, "{\"id\":\"i9\"}"};
    return true;
  });
  EXPECT_FALSE(s.is_ok());
  EXPECT_EQ(s.message(), "scratch file unreadable");
  EXPECT_EQ(query("SELECT group_concat(id) FROM incidents"), "i1");
  EXPECT_EQ(query("SELECT group_concat(report_id) FROM incident_reports"), "r3");
  given = 0;
  ASSERT_TRUE(store->replace_incidents([&](StoredIncident& i) -> Result<bool> {
                      if (given == 2) return false;
                      const std::string id = "j" + std::to_string(given++);
                      i = {id, "other", "single-source", std::nullopt, 1, {"r" + id}, "{}"};
                      return true;
                    }).is_ok());
  EXPECT_EQ(query("SELECT group_concat(id) FROM (SELECT id FROM incidents ORDER BY id)"), "j0,j1");
}

TEST_F(StoreTest, MissingArticleIsNotFound) {
  auto store = open_store();
  ASSERT_TRUE(store);
  auto missing = store->load_article("nope");
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto none = store->load_articles(true);
  ASSERT_TRUE(none.is_ok());
  EXPECT_TRUE(none.value().empty());
}

TEST_F(StoreTest, ConfiguresTheDatabase) {
  auto store = open_store();
  ASSERT_TRUE(store);
  EXPECT_GE(store->schema_version(), 1);
  EXPECT_EQ(query("PRAGMA user_version"), std::to_string(store->schema_version()));
  EXPECT_EQ(query("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(query("PRAGMA page_size"), "65536");
  EXPECT_EQ(query("SELECT count(*) FROM sqlite_schema WHERE name = 'articles_first_path'"), "1");
}

TEST_F(StoreTest, AnExistingDatabaseKeepsItsPageSize) {
  // As an earlier sitrep left it: SQLite's 4 KiB pages, in WAL mode.
  query("PRAGMA page_size = 4096");
  query("PRAGMA journal_mode = WAL");
  {
    auto store = open_store();
    ASSERT_TRUE(store);
    std::vector<Article> articles = {full_article()};
    ASSERT_TRUE(store->put_articles(ptrs(articles)).is_ok());
    ASSERT_TRUE(store->replace_reports({}, {report("r1", articles[0].id, 1, "{}")}).is_ok());
  }
  EXPECT_EQ(query("PRAGMA page_size"), "4096");
  EXPECT_EQ(query("PRAGMA integrity_check"), "ok");
  auto store = open_store();
  ASSERT_TRUE(store);
  auto all = store->load_articles(true);
  ASSERT_TRUE(all.is_ok());
  EXPECT_EQ(dump(all.value()), dump(std::vector<Article>{full_article()}));
}

TEST_F(StoreTest, ReopensAnExistingDatabase) {
  std::vector<Article> articles = {full_article(), bare_article("b1", {"q"})};
  int version = 0;
  {
    auto store = open_store();
    ASSERT_TRUE(store);
    version = store->schema_version();
    ASSERT_TRUE(store->put_articles(ptrs(articles)).is_ok());
  }
  auto store = open_store();
  ASSERT_TRUE(store);
  EXPECT_EQ(store->schema_version(), version);
  auto all = store->load_articles(true);
  ASSERT_TRUE(all.is_ok());
  EXPECT_EQ(dump(all.value()), dump({articles[1], articles[0]}));
}

TEST_F(StoreTest, RefusesADatabaseFromTheFuture) {
  int version = 0;
  {
    auto store = open_store();
    ASSERT_TRUE(store);
    version = store->schema_version();
  }
  const int future = version + 1;
  query("PRAGMA user_version = " + std::to_string(future));
  auto store = Store::open(db_path_);
  ASSERT_FALSE(store.is_ok());
  const std::string m = store.status().message();
  EXPECT_NE(m.find(db_path_), std::string::npos) << m;
  EXPECT_NE(m.find("version " + std::to_string(future)), std::string::npos) << m;
  EXPECT_NE(m.find("version " + std::to_string(version)), std::string::npos) << m;
  // Refused without being touched.
  EXPECT_EQ(query("PRAGMA user_version"), std::to_string(future));
}

TEST_F(StoreTest, RefusesAFileThatIsNotADatabase) {
  std::mt19937 rng(42);
  std::string bytes(4096, '\0');
  for (char& c : bytes) c = static_cast<char>(rng());
  std::ofstream(db_path_, std::ios::binary) << bytes;
  auto store = Store::open(db_path_);
  ASSERT_FALSE(store.is_ok());
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidInput);
  const std::string m = store.status().message();
  EXPECT_NE(m.find(db_path_), std::string::npos) << m;
  EXPECT_NE(m.find("not a sitrep database"), std::string::npos) << m;
  EXPECT_NE(m.find("file is not a database"), std::string::npos) << m;
}

TEST_F(StoreTest, RefusesAnotherProgramsDatabase) {
  query("CREATE TABLE t (x)");
  auto store = Store::open(db_path_);
  ASSERT_FALSE(store.is_ok());
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(store.status().message().find("not a sitrep database"), std::string::npos)
      << store.status().message();
}

TEST_F(StoreTest, UnopenablePathIsAnIoError) {
  const std::string path = (dir_ / "no" / "such" / "dir" / "x.db").string();
  auto store = Store::open(path);
  ASSERT_FALSE(store.is_ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIoError);
  EXPECT_NE(store.status().message().find(path), std::string::npos) << store.status().message();
}

// Batches for the crash test: each article has several paths, so a
// half-written batch would show as an article with some paths missing.
std::vector<std::vector<Article>> crash_batches() {
  constexpr int kBatches = 12;
  constexpr int kPerBatch = 40;
  std::vector<std::vector<Article>> batches(kBatches);
  for (int b = 0; b < kBatches; ++b) {
    for (int i = 0; i < kPerBatch; ++i) {
      std::string id = "art-" + std::to_string(b) + "-" + std::to_string(i);
      Article a = bare_article(id, {"in/" + id + ".a", "in/" + id + ".b", "in/" + id + ".c"});
      a.text = std::string(2000 + i, static_cast<char>('a' + i % 26));
      a.paragraphs = {{0, static_cast<uint32_t>(a.text.size()), ParagraphKind::kBody}};
      a.offsets = OffsetMap({{0, 7, static_cast<uint32_t>(a.text.size()), true}});
      a.minhash = {static_cast<uint32_t>(b), static_cast<uint32_t>(i)};
      batches[b].push_back(std::move(a));
    }
  }
  return batches;
}

TEST_F(StoreTest, SurvivesBeingKilledMidWrite) {
  const auto batches = crash_batches();
  std::map<std::string, std::string> expected;  // id -> dump
  for (const auto& batch : batches) {
    for (const auto& a : batch) expected[a.id] = dump(a);
  }
  const auto seed =
      static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count());
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  const int kill_after = 2 + static_cast<int>(rng() % (batches.size() - 4));
  const auto kill_delay = std::chrono::microseconds(rng() % 3000);

  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Writes forever (re-putting is idempotent) until killed; reports each
    // committed batch. Leaves only through _exit, never back into gtest.
    ::close(fds[0]);
    auto store = Store::open(db_path_);
    if (!store.is_ok()) ::_exit(2);
    for (int round = 0; round < 1000; ++round) {
      for (int b = 0; b < static_cast<int>(batches.size()); ++b) {
        if (!store.value()->put_articles(ptrs(batches[b])).is_ok()) ::_exit(3);
        if (::write(fds[1], &b, sizeof b) != sizeof b) ::_exit(4);
      }
    }
    ::_exit(5);
  }
  ::close(fds[1]);
  int reported = 0;
  int committed = -1;
  while (reported < kill_after) {
    int b = 0;
    ssize_t n = ::read(fds[0], &b, sizeof b);
    if (n != static_cast<ssize_t>(sizeof b)) break;
    committed = std::max(committed, b);
    ++reported;
  }
  std::this_thread::sleep_for(kill_delay);
  ::kill(child, SIGKILL);
  int wstatus = 0;
  ASSERT_EQ(::waitpid(child, &wstatus, 0), child);
  ::close(fds[0]);
  ASSERT_EQ(reported, kill_after) << "child stopped early, status " << wstatus;
  ASSERT_TRUE(WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL) << "status " << wstatus;

  EXPECT_EQ(query("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(query("PRAGMA foreign_key_check"), "");

  auto store = open_store();
  ASSERT_TRUE(store);
  auto stored = store->load_articles(true);
  ASSERT_TRUE(stored.is_ok()) << stored.status().message();
  std::set<std::string> ids;
  for (const auto& a : stored.value()) {
    auto it = expected.find(a.id);
    ASSERT_NE(it, expected.end()) << a.id;
    EXPECT_EQ(dump(a), it->second);  // complete: every path and field
    ids.insert(a.id);
  }
  // Batches commit in order: what is there is a run of whole batches from
  // the first, at least as long as the child reported.
  EXPECT_EQ(ids.size() % batches[0].size(), 0u);
  const size_t whole = ids.size() / batches[0].size();
  EXPECT_GT(whole, static_cast<size_t>(committed));
  for (size_t b = 0; b < whole && b < batches.size(); ++b) {
    for (const auto& a : batches[b]) EXPECT_TRUE(ids.count(a.id)) << a.id;
  }

  for (const auto& batch : batches) ASSERT_TRUE(store->put_articles(ptrs(batch)).is_ok());
  auto all = store->load_articles(true);
  ASSERT_TRUE(all.is_ok());
  ASSERT_EQ(all.value().size(), expected.size());
  for (const auto& a : all.value()) EXPECT_EQ(dump(a), expected[a.id]);
  EXPECT_EQ(query("PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace sitrep
