#include "kb/actors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <tuple>
#include <unistd.h>

#include "kb/kb_paths.h"

namespace sitrep::kb {
namespace {

namespace fs = std::filesystem;

// The dictionary compiled from the sources in this tree (data/kb), into a
// temporary directory: the tests check the TSVs and the compiler together,
// whether or not the build's sitrep_kb target has run.
class ActorsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("sitrep-actors-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    const Status s = compile_actors(std::string(SITREP_SOURCE_DIR) + "/data/kb", (dir_ / "actors.bin").string());
    ASSERT_TRUE(s.is_ok()) << s.message();
    auto d = ActorDictionary::load((dir_ / "actors.bin").string());
    ASSERT_TRUE(d.is_ok()) << d.status().message();
    dict_ = std::move(d).value().release();
  }
  static void TearDownTestSuite() {
    delete dict_;
    dict_ = nullptr;
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // "id@mention-text" for each mention, in text order.
  static std::vector<std::string> found(std::string_view text) {
    std::vector<std::string> out;
    for (const ActorMention& m : dict_->find(text))
      out.push_back(dict_->actors()[m.actor].id + "@" + std::string(text.substr(m.begin, m.end - m.begin)));
    return out;
  }
  static std::set<std::string> ids(std::string_view text) {
    std::set<std::string> out;
    for (const ActorMention& m : dict_->find(text)) out.insert(dict_->actors()[m.actor].id);
    return out;
  }
  static const Actor& actor(std::string_view id) {
    const Actor* a = dict_->by_id(id);
    EXPECT_NE(a, nullptr) << id;
    static const Actor kNone;
    return a ? *a : kNone;
  }

  static inline fs::path dir_;
  static inline const ActorDictionary* dict_ = nullptr;
};

using V = std::vector<std::string>;

TEST_F(ActorsTest, ToString) {
  EXPECT_STREQ(to_string(ActorKind::kStateForce), "state_force");
  EXPECT_STREQ(to_string(ActorKind::kArmedGroup), "armed_group");
  EXPECT_STREQ(to_string(ActorKind::kMonitor), "monitor");
  EXPECT_STREQ(to_string(ActorKind::kMedia), "media");
  EXPECT_STREQ(to_string(ActorKind::kGovernment), "government");
  EXPECT_STREQ(to_string(ActorKind::kInternational), "international");
  EXPECT_STREQ(to_string(ActorKind::kCivilian), "civilian");
  EXPECT_STREQ(to_string(ActorKind::kOther), "other");
}

TEST_F(ActorsTest, LongestMentionWins) {
  EXPECT_EQ(found("the Syrian Observatory for Human Rights monitoring group said"),
            V{"sohr@Syrian Observatory for Human Rights"});
  EXPECT_EQ(found("the UN humanitarian office said"), V{"ocha@UN humanitarian office"});
  EXPECT_EQ(found("the Syrian Democratic Forces (SDF)"), (V{"sdf@Syrian Democratic Forces", "sdf@SDF"}));
}

TEST_F(ActorsTest, SeedSentences) {
  EXPECT_EQ(ids("Observatory head Rami Abdel Rahman told AFP."), (std::set<std::string>{"sohr", "afp"}));
  EXPECT_EQ(found("Observatory head Rami Abdel Rahman told AFP."),
            (V{"sohr@Observatory", "sohr@Rami Abdel Rahman", "afp@AFP"}));
  EXPECT_TRUE(ids("US-backed fighters gained ground against the Islamic State group in the streets").count("isis"));
  EXPECT_EQ(ids("The coalition said on Tuesday that it had hit a regime convoy"),
            (std::set<std::string>{"coalition", "sy.army"}));
  EXPECT_TRUE(ids("backed by government ally Russia").count("ru.gov"));
  EXPECT_EQ(found("Russian Foreign Minister Sergei Lavrov said"),
            (V{"ru.gov@Russian Foreign Minister", "ru.gov@Sergei Lavrov"}));
  EXPECT_EQ(ids("the YPG (People's Protection Force) Kurdish militia"), (std::set<std::string>{"ypg"}));
  EXPECT_EQ(found("Daesh fighters"), V{"isis@Daesh fighters"});
  EXPECT_EQ(found("US troops entered; the US said"), (V{"us.military@US troops", "us.gov@the US"}));
  EXPECT_EQ(found("US-backed fighters"), (V{"us.gov@US", "cameo:~UAF@fighters"}));
}

TEST_F(ActorsTest, AmbiguousShortWordsStayQuiet) {
  EXPECT_EQ(ids("It is mainly children who suffer"), (std::set<std::string>{"children"}));
  EXPECT_TRUE(ids("Let us see what it is; this is us.").empty());
  EXPECT_EQ(found("IS fighters and ISIS"), (V{"isis@IS fighters", "isis@ISIS"}));
  EXPECT_TRUE(ids("an observatory on the hill").empty());
}

TEST_F(ActorsTest, KindsSidesCountries) {
  EXPECT_EQ(actor("sohr").kind, ActorKind::kMonitor);
  EXPECT_EQ(actor("sohr").country, "SY");
  EXPECT_EQ(actor("isis").kind, ActorKind::kArmedGroup);
  EXPECT_EQ(actor("isis").side, "isis");
  EXPECT_EQ(actor("sy.army").kind, ActorKind::kStateForce);
  EXPECT_EQ(actor("sy.army").side, "government");
  EXPECT_EQ(actor("ru.military").side, "government");
  EXPECT_EQ(actor("ru.military").country, "RU");
  EXPECT_EQ(actor("coalition").kind, ActorKind::kStateForce);
  EXPECT_EQ(actor("coalition").side, "coalition");
  EXPECT_EQ(actor("sdf").side, "kurdish");
  EXPECT_EQ(actor("hts").side, "hts");
  EXPECT_EQ(actor("sna").side, "turkey");
  EXPECT_EQ(actor("afp").kind, ActorKind::kMedia);
  EXPECT_EQ(actor("un").kind, ActorKind::kInternational);
  EXPECT_EQ(actor("us.dod").kind, ActorKind::kGovernment);
  EXPECT_EQ(actor("children").kind, ActorKind::kCivilian);
  EXPECT_EQ(actor("cameo:SYR").kind, ActorKind::kGovernment);
  EXPECT_EQ(actor("cameo:SYR").country, "SY");
  EXPECT_EQ(actor("cameo:SYR").cameo, "SYR");
  EXPECT_EQ(actor("cameo:~MIL").kind, ActorKind::kStateForce);
  EXPECT_EQ(dict_->by_id("no-such-actor"), nullptr);
}

TEST_F(ActorsTest, CameoFillsTheRest) {
  EXPECT_EQ(found("Jordanian soldiers"), (V{"cameo:JOR@Jordanian", "cameo:~MIL@soldiers"}));
  EXPECT_EQ(found("Syrian"), V{"cameo:SYR@Syrian"});
  // Damascus is a place (the gazetteer's), not a CAMEO synonym of Syria here.
  EXPECT_TRUE(ids("in Damascus").empty());
}

TEST_F(ActorsTest, SupplementWinsOverCameo) {
  EXPECT_EQ(found("Hezbollah"), V{"hezbollah@Hezbollah"});
  EXPECT_EQ(found("rebels"), V{"rebels@rebels"});
  EXPECT_EQ(found("activists"), V{"activists@activists"});
  // The person carrying a bomb is not CAMEO's rebels (suicide bomber) or military (bomber).
  EXPECT_EQ(found("a suicide bomber"), V{"bomber@suicide bomber"});
  EXPECT_EQ(found("A motorcycle bomber"), V{"bomber@motorcycle bomber"});
  // A curated possessive matches without its apostrophe too (copies that lost their punctuation).
  EXPECT_EQ(found("Russias Aerospace Forces have killed"), V{"ru.military@Russias Aerospace Forces"});
  EXPECT_EQ(found("Assads forces"), V{"sy.army@Assads forces"});
  // Transliterations of the Arabic acronym of IS.
  EXPECT_EQ(found("the Daish terrorist organization"), (V{"isis@Daish", "cameo:~UAF@terrorist organization"}));
}

TEST_F(ActorsTest, MentionsNeverOverlapAndAreInOrder) {
  const std::string text =
      "Syrian government forces backed by Russian warplanes and Iranian-backed militias attacked rebels of the "
      "Free Syrian Army, the Syrian Observatory for Human Rights said, as the US-led coalition struck IS.";
  const auto ms = dict_->find(text);
  ASSERT_FALSE(ms.empty());
  for (size_t i = 1; i < ms.size(); ++i) EXPECT_LE(ms[i - 1].end, ms[i].begin);
  EXPECT_EQ(found(text), (V{"sy.army@Syrian government forces", "ru.military@Russian warplanes",
                            "ir.military@Iranian-backed militias", "rebels@rebels", "fsa@Free Syrian Army",
                            "sohr@Syrian Observatory for Human Rights", "coalition@US-led coalition", "isis@IS"}));
}

TEST_F(ActorsTest, FindFromTwoThreads) {
  const std::string text = "The coalition said it had hit a regime convoy near Raqqa, AFP reported.";
  const auto expected = found(text);
  std::vector<int> bad(2, 0);
  std::vector<std::thread> ts;
  for (int t = 0; t < 2; ++t)
    ts.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i)
        if (found(text) != expected) ++bad[t];
    });
  for (auto& th : ts) th.join();
  EXPECT_EQ(bad, std::vector<int>(2, 0));
}

TEST_F(ActorsTest, LoadRejectsDamage) {
  std::ifstream in(dir_ / "actors.bin", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const fs::path cut = dir_ / "cut.bin";
  std::ofstream(cut, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  EXPECT_FALSE(ActorDictionary::load(cut.string()).is_ok());
  EXPECT_FALSE(ActorDictionary::load((dir_ / "missing.bin").string()).is_ok());
}

// The selection as first written: every match sorted longest first, then
// leftmost, then lowest actor, each kept unless it overlaps one kept before.
std::vector<ActorMention> select_by_sorting_all(std::vector<LiteralMatch> matches, size_t n_actors) {
  std::erase_if(matches, [&](const LiteralMatch& m) { return m.id >= n_actors; });
  std::sort(matches.begin(), matches.end(), [](const LiteralMatch& a, const LiteralMatch& b) {
    return std::tuple(b.end - b.begin, a.begin, a.id) < std::tuple(a.end - a.begin, b.begin, b.id);
  });
  std::vector<ActorMention> out;
  for (const LiteralMatch& m : matches)
    if (std::none_of(out.begin(), out.end(), [&](const ActorMention& o) { return m.begin < o.end && o.begin < m.end; }))
      out.push_back({m.begin, m.end, m.id});
  std::sort(out.begin(), out.end(), [](const ActorMention& a, const ActorMention& b) { return a.begin < b.begin; });
  return out;
}

// Random spans, nested, overlapping, repeated and apart, in the matcher's
// order (by end) and shuffled: select_mentions works group by group of
// overlapping matches and must keep what sorting them all keeps.
TEST(ActorsSelect, GroupsOfOverlapsKeepWhatSortingAllKeeps) {
  uint64_t state = 7;
  const auto next = [&state](uint32_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>((state >> 33) % n);
  };
  const auto key = [](const ActorMention& m) { return std::tuple(m.begin, m.end, m.actor); };
  size_t kept = 0;
  for (int round = 0; round < 2000; ++round) {
    std::vector<LiteralMatch> matches;
    const uint32_t n = next(40), width = 1 + next(200);
    for (uint32_t i = 0; i < n; ++i) {
      const uint32_t begin = next(width), length = 1 + next(12);
      matches.push_back({next(6), begin, begin + length});
      if (next(4) == 0) matches.push_back(matches.back());  // a span found by two patterns
    }
    if (round % 2 == 0)
      std::sort(matches.begin(), matches.end(), [](const LiteralMatch& a, const LiteralMatch& b) { return a.end < b.end; });
    const auto got = select_mentions(matches, 5), expected = select_by_sorting_all(matches, 5);
    ASSERT_EQ(got.size(), expected.size()) << "round " << round;
    for (size_t i = 0; i < got.size(); ++i) ASSERT_EQ(key(got[i]), key(expected[i])) << "round " << round;
    kept += got.size();
  }
  EXPECT_GT(kept, 10000u);  // the comparison is not vacuous
}

TEST(ActorsCompile, MissingSourcesAreAnError) {
  EXPECT_FALSE(compile_actors("/nonexistent-dir", "/tmp/never-written.bin").is_ok());
}

// The dictionary the build made (target sitrep_kb), when it is there.
TEST(ActorsBuilt, DefaultKbDirLoads) {
  const std::string path = default_kb_dir() + "/actors.bin";
  if (!fs::exists(path)) GTEST_SKIP() << "no compiled KB at " << path;
  auto d = ActorDictionary::load(path);
  ASSERT_TRUE(d.is_ok()) << d.status().message();
  ASSERT_NE(d.value()->by_id("sohr"), nullptr);
  EXPECT_EQ(d.value()->find("the Syrian Observatory for Human Rights").size(), 1u);
}

}  // namespace
}  // namespace sitrep::kb
