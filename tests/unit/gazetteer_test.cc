// Gazetteer: transliteration variants, precision/admin1/country, ranking with
// context, find() on a seed article, and compile+load of a tiny TSV.
#include "kb/gazetteer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "ingest/jsonl_reader.h"
#include "kb/kb_paths.h"
#include "../support/naive_gazetteer.h"

#include "kb/english_words.h"
#include "kb/gazetteer_format.h"

namespace sitrep::kb {
namespace {

const Gazetteer& gaz() {
  static std::unique_ptr<Gazetteer> g = [] {
    auto r = Gazetteer::load(default_kb_dir() + "/gazetteer.bin");
    if (!r.is_ok()) {
      ADD_FAILURE() << r.status().message();
      return std::unique_ptr<Gazetteer>();
    }
    return std::move(r).value();
  }();
  return *g;
}

std::string geocode_id(std::string_view q, const GeoContext& ctx = {}) {
  auto i = gaz().geocode(q, ctx);
  return i ? gaz().place(*i).id : "(none)";
}

class GazetteerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(default_kb_dir() + "/gazetteer.bin"))
      GTEST_SKIP() << "no compiled gazetteer in " << default_kb_dir();
  }
};

TEST_F(GazetteerTest, TransliterationVariants) {
  for (const char* q : {"Raqqa", "Raqa", "ar-Raqqah", "Al-Raqqah", "Raqqa city"})
    EXPECT_EQ(geocode_id(q), "gn:172955") << q;
  for (const char* q : {"Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr", "Deir Ezzor"})
    EXPECT_EQ(geocode_id(q), "gn:170794") << q;
  for (const char* q : {"Ain Issa", "Ayn Issa"}) EXPECT_EQ(geocode_id(q), "gn:172134") << q;
  for (const char* q : {"Palmyra", "Tadmur"}) EXPECT_EQ(geocode_id(q), "gn:163808") << q;
  for (const char* q : {"the Euphrates River", "Euphrates", "Euphrates river"})
    EXPECT_EQ(geocode_id(q), "ne:euphrates") << q;
  EXPECT_EQ(geocode_id("Mosul"), "gn:99072");
  EXPECT_EQ(geocode_id("Aleppo"), "gn:170063");
  EXPECT_EQ(geocode_id("Homs"), "gn:169577");
}

TEST_F(GazetteerTest, AlTanfVariantsStayNearTheGarrison) {
  for (const char* q : {"Al-Tanf", "Al-Tanaf", "At Tanf"}) {
    auto i = gaz().geocode(q, {});
    ASSERT_TRUE(i) << q;
    const Place p = gaz().place(*i);
    EXPECT_NEAR(p.lat, 33.49, 0.05) << q;
    EXPECT_NEAR(p.lon, 38.66, 0.05) << q;
    EXPECT_EQ(p.country, "SY");
  }
  auto g = gaz().geocode("Al-Tanf garrison", {});
  ASSERT_TRUE(g);
  EXPECT_EQ(gaz().place(*g).id, "sup:al-tanf-garrison");
  EXPECT_EQ(gaz().place(*g).precision, PlacePrecision::kPoint);
}

TEST_F(GazetteerTest, SupplementFeatures) {
  for (const char* q : {"Mashlab", "Meshleb", "al-Mashlab", "Al-Meshleb district"})
    EXPECT_EQ(geocode_id(q), "sup:raqqa-mashlab") << q;
  auto d = gaz().geocode("Tabqa Dam", {});
  ASSERT_TRUE(d);
  const Place dam = gaz().place(*d);
  EXPECT_EQ(dam.id, "sup:tabqa-dam");
  EXPECT_EQ(dam.feature, "dam");
  EXPECT_EQ(dam.precision, PlacePrecision::kPoint);
  EXPECT_EQ(dam.admin1, "Ar Raqqah");
  EXPECT_EQ(geocode_id("Tishrin Dam"), "sup:tishrin-dam");
  EXPECT_EQ(geocode_id("T4 airbase"), "sup:tiyas-airbase");
  EXPECT_EQ(geocode_id("Rukban camp"), "sup:rukban-camp");
}

TEST_F(GazetteerTest, PrecisionAdminAndCountry) {
  const Place raqqa = gaz().place(*gaz().geocode("Raqqa", {}));
  EXPECT_EQ(raqqa.precision, PlacePrecision::kLocality);
  EXPECT_EQ(raqqa.admin1, "Ar Raqqah");
  EXPECT_EQ(raqqa.country, "SY");
  EXPECT_STREQ(to_string(raqqa.precision), "locality");

  const Place province = gaz().place(*gaz().geocode("Raqqa province", {}));
  EXPECT_EQ(province.precision, PlacePrecision::kRegion);
  EXPECT_EQ(province.country, "SY");
  const Place aleppo = gaz().place(*gaz().geocode("Aleppo province", {}));
  EXPECT_EQ(aleppo.precision, PlacePrecision::kRegion);
  EXPECT_EQ(aleppo.admin1, "Aleppo");

  const Place iraq = gaz().place(*gaz().geocode("Iraq", {}));
  EXPECT_EQ(iraq.precision, PlacePrecision::kCountry);
  EXPECT_EQ(iraq.country, "IQ");
  EXPECT_EQ(gaz().place(*gaz().geocode("Jordan", {})).country, "JO");
  EXPECT_EQ(gaz().place(*gaz().geocode("US", {})).country, "US");
  EXPECT_FALSE(gaz().geocode("Xqzzyvv Qwrtp", {}));
}

// precision() and country() read the record without building a Place: they
// must agree with place() on every place, and out of range.
TEST_F(GazetteerTest, PrecisionAndCountryAgreeWithPlace) {
  const uint32_t n = static_cast<uint32_t>(gaz().size());
  ASSERT_GT(n, 0u);
  for (uint32_t i = 0; i < n; i += (i < 5000 ? 1 : 97)) {
    const Place p = gaz().place(i);
    EXPECT_EQ(gaz().precision(i), p.precision) << i;
    EXPECT_EQ(gaz().country(i), p.country) << i;
  }
  EXPECT_EQ(gaz().precision(n), gaz().place(n).precision);
  EXPECT_EQ(gaz().country(n), gaz().place(n).country);
}

TEST_F(GazetteerTest, ContextRanksAmbiguousNames) {
  GeoContext near_raqqa;
  near_raqqa.near.emplace_back(35.95, 39.01);
  auto h = gaz().geocode("Hazima", near_raqqa);
  ASSERT_TRUE(h);
  const Place p = gaz().place(*h);
  EXPECT_NEAR(p.lat, 36.13, 0.05);
  EXPECT_NEAR(p.lon, 38.96, 0.05);

  // A country preference beats the default Syria-first prior.
  GeoContext jordan;
  jordan.country = "JO";
  auto a = gaz().geocode("Ariha", jordan);
  ASSERT_TRUE(a);
  EXPECT_EQ(gaz().place(*a).country, "JO");
  EXPECT_EQ(gaz().place(*gaz().geocode("Ariha", {})).country, "SY");
}

// Bare names of towns that share their name with villages or that a source
// gave to another town.
TEST_F(GazetteerTest, TownsOverNamesakes) {
  // GeoNames lists "Kobanî" among Afrin's names (data/kb/places-supplement.tsv removes it).
  for (const char* q : {"Kobani", "Kobane", "Kobanî"}) EXPECT_EQ(geocode_id(q), "gn:172256") << q;
  EXPECT_EQ(geocode_id("Afrin"), "gn:174186");
  // Maskanah east of Aleppo is a subdistrict's seat (PPLA3); two villages share its name.
  EXPECT_EQ(geocode_id("Maskanah"), "gn:167080");
  // "Ras al Ain" is not the district of Ras al Ain (177,000 people, a sum).
  EXPECT_NE(geocode_id("Ras al Ain"), "wof:1108779083");
}

// "Sarja" is an alternate of Sharjah (UAE) and the name of Syrian villages;
// foreign cities whose English name is an alternate stay where they are.
TEST_F(GazetteerTest, RegionBeforeForeignAlternates) {
  auto cc = [](std::string_view q) {
    auto i = gaz().geocode(q, {});
    return i ? gaz().place(*i).country : std::string("(none)");
  };
  EXPECT_EQ(cc("Sarja"), "SY");
  EXPECT_EQ(cc("Geneva"), "CH");
  EXPECT_EQ(cc("Odessa"), "UA");
  EXPECT_EQ(cc("Kiev"), "UA");
  EXPECT_EQ(cc("Cairo"), "EG");
  // A city of a million is not reached through transliteration keys of its
  // exonyms: "Asthma" shared one with Istanbul's "Éseutamu", "Al-Bara" with
  // Aleppo's "Berea". Its own names still find it.
  EXPECT_NE(geocode_id("Asthma"), "gn:745044");
  EXPECT_EQ(geocode_id("Al-Bara"), "gn:173999");
  for (const char* q : {"Alepo", "Halab", "Aleppo"}) EXPECT_EQ(geocode_id(q), "gn:170063") << q;
  for (const char* q : {"Mawsil", "Mosul"}) EXPECT_EQ(geocode_id(q), "gn:99072") << q;
}

TEST_F(GazetteerTest, CandidatesListsAlternatives) {
  auto c = gaz().candidates("Hazima");
  ASSERT_GT(c.size(), 1u);
  bool has = false;
  for (uint32_t i : c) has |= gaz().place(i).id == "gn:173784";
  EXPECT_TRUE(has);
}

TEST_F(GazetteerTest, BestCandidateIsCountryAgreesWithRanking) {
  // The shortcut (no candidate is a country) and the ranking answer alike.
  for (std::string_view w : {"syria", "Syria", "turkey", "iraq", "russia", "raqqa", "aleppo", "homs",
                             "islamic", "syrian", "observatory", "sarisah", "jordan", "lebanon", "x"}) {
    const std::optional<uint32_t> best = gaz().best_candidate(w);
    EXPECT_EQ(gaz().best_candidate_is_country(w), best && gaz().precision(*best) == PlacePrecision::kCountry) << w;
  }
  EXPECT_TRUE(gaz().best_candidate_is_country("syria"));
  EXPECT_FALSE(gaz().best_candidate_is_country("aleppo"));
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

TEST_F(GazetteerTest, FindOnSeedArticle) {
  const std::string text =
      read_file(std::string(SITREP_SOURCE_DIR) + "/data/samples/seeds/001_ebdecad3bcd8edbe.txt");
  ASSERT_FALSE(text.empty());
  auto ms = gaz().find(text, {});
  std::map<std::string, std::string> found;  // surface -> id
  for (const PlaceMention& m : ms) {
    ASSERT_LE(m.end, text.size());
    const std::string surface = text.substr(m.begin, m.end - m.begin);
    found[surface] = gaz().place(m.place).id;
  }
  EXPECT_EQ(found["Raqqa"], "gn:172955");
  EXPECT_EQ(found["Raqa"], "gn:172955");
  EXPECT_EQ(found["Hazima"], "gn:173784");  // the one north of Raqqa, by context
  EXPECT_EQ(found["Euphrates River"], "ne:euphrates");
  EXPECT_EQ(found["Al-Meshleb"], "sup:raqqa-mashlab");
  EXPECT_EQ(found["Mosul"], "gn:99072");
  EXPECT_EQ(found["Iraq"], "gn:99237");
  ASSERT_TRUE(found.count("Jordan"));
  EXPECT_EQ(gaz().place(*gaz().geocode("Jordan", {})).id, found["Jordan"]);
  // Common words, demonyms, acronyms and people are not places.
  for (const char* w : {"Tuesday", "Wednesday", "US", "IS", "SDF", "Syrian", "Rami", "Best", "Leave",
                        "Observatory", "Monday", "Old City", "Abu Mohamed", "Lavrov"})
    EXPECT_EQ(found.count(w), 0u) << w;
}

// A capitalised word that is no place before a name makes it a person's
// ("Sergei Lavrov"), but a country's possessive with its apostrophe lost does
// not ("Syrias Aleppo"); a common word whose stem is some village does.
TEST_F(GazetteerTest, FindAfterACountrysPossessive) {
  const std::string text = "Terrorists Attacks Kill 12 Civilians in Syrias Aleppo Hama.";
  std::map<std::string, std::string> found;  // surface -> admin1
  for (const PlaceMention& m : gaz().find(text, {}))
    found[text.substr(m.begin, m.end - m.begin)] = gaz().place(m.place).admin1;
  EXPECT_EQ(found["Aleppo"], "Aleppo");
  EXPECT_EQ(found["Hama"], "Hama");
  EXPECT_EQ(found.count("Kill"), 0u);
}

// A title-case headline: the capitalised words around a city's name do not
// make it a person's name; but a common word there is no place by its
// transliteration key ("Kills" ~ Kilis).
TEST_F(GazetteerTest, FindInATitleCaseHeadline) {
  auto found = [&](const std::string& text) {
    std::map<std::string, std::string> out;  // surface -> admin1
    for (const PlaceMention& m : gaz().find(text, {}))
      out[text.substr(m.begin, m.end - m.begin)] = gaz().place(m.place).admin1;
    return out;
  };
  EXPECT_EQ(found("Mon Jul 11 2016 Aleppos Civilian Massacre Continues 88 Killed & Injured.")["Aleppo"], "Aleppo");
  EXPECT_TRUE(found("Heavy Shelling in Square Kills 8 Civilians.").empty());
}

// R10g: a capitalised word after a town's name makes it a person's name
// ("Hama Abbas"), unless the words end in a building or site: the hotel,
// prison or airport is in the town.
TEST_F(GazetteerTest, FindATownInTheNameOfABuilding) {
  auto surfaces = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const PlaceMention& m : gaz().find(text, {"SY", {}})) out.push_back(text.substr(m.begin, m.end - m.begin));
    return out;
  };
  EXPECT_EQ(surfaces("A shell fell near Damascus Sheraton Hotel, injuring a dustman."), std::vector<std::string>{"Damascus"});
  EXPECT_EQ(surfaces("Rebels stormed Aleppo Central Prison on Monday."), std::vector<std::string>{"Aleppo"});
  EXPECT_TRUE(surfaces("A shell fell near Damascus Sheraton on Monday.").empty());
}

// City neighbourhoods from the supplement: the sources know only namesake
// villages elsewhere (a Jawbar in Homs, a Bab al-Faraj in Hasakah), or nothing.
TEST_F(GazetteerTest, FindCityNeighbourhoods) {
  auto admin1s = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const PlaceMention& m : gaz().find(text, {"SY", {}})) out.push_back(gaz().place(m.place).admin1);
    return out;
  };
  EXPECT_EQ(admin1s("Rockets hit Jobar and Bab Touma on Monday."), (std::vector<std::string>{"Damascus", "Damascus"}));
  EXPECT_EQ(admin1s("Barrel bombs fell on Bustan al-Qasr and Bab al-Faraj."), (std::vector<std::string>{"Aleppo", "Aleppo"}));
  EXPECT_EQ(admin1s("Rebels fought in the Yarmouk Basin."), std::vector<std::string>{"Daraa"});
}

// A city of the article's country by a spelling only its transliteration key
// knows needs no other place beside it; a lower-case word may complete a
// name ("Deir ezzor"). A common word at a sentence's start is no city abroad
// ("Mortar" ~ Istanbul's Merter).
TEST_F(GazetteerTest, FindAWellKnownCityByAnySpelling) {
  for (const std::string text : {"US airstrikes kill 23 civilians in Deir ezzor.", "Strikes hit Deir Ezzor on Monday."}) {
    auto ms = gaz().find(text, {"SY", {}});
    ASSERT_EQ(ms.size(), 1u) << text;
    EXPECT_EQ(gaz().place(ms[0].place).id, "gn:170794") << text;
  }
  EXPECT_TRUE(gaz().find("Mortar shells killed five civilians on Monday.", {"SY", {}}).empty());
  // So does a generic place word with its name, by the pair's key ("Tel Hamis" ~ Tall Hamis).
  auto ms = gaz().find("The capture of Tel Hamis was announced by the Kurdish militia.", {"SY", {}});
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(gaz().place(ms[0].place).id, "gn:163568");
}

// A place's own display name is not re-read through its transliteration key
// as another place the context pulls near: "Daraa" beside Damascus is not
// Darayya, "Beirut" is not the Syrian village Al Buwayrat; but the city of
// "Hasakah" is not an Iraqi village that happens to be spelled so.
TEST_F(GazetteerTest, FindKeepsAPlacesOwnName) {
  auto admin1_of = [&](const std::string& text, const std::string& surface) {
    for (const PlaceMention& m : gaz().find(text, {"SY", {}}))
      if (text.substr(m.begin, m.end - m.begin) == surface) return gaz().place(m.place).admin1;
    return std::string("(none)");
  };
  EXPECT_EQ(admin1_of("Rockets hit Damascus and Harasta while shelling killed 10 in Daraa.", "Daraa"), "Daraa");
  // So is a display name after an Arabic article: "al-Mayadin" is the town
  // of Deir ez-Zor, not the Damascus quarter Maydan the context pulls near.
  EXPECT_EQ(admin1_of("Airstrikes hit a school in al-Mayadin near Deir az-Zour. Planes left their base after threats to "
                      "Damascus.",
                      "al-Mayadin"),
            "Deir ez Zor");
  const std::string beirut = "BEIRUT Air strikes killed 44 people in Jassem in Daraa province, a monitor in Beirut said.";
  for (const PlaceMention& m : gaz().find(beirut, {"SY", {}}))
    if (beirut.substr(m.begin, m.end - m.begin) == "Beirut") {
      EXPECT_EQ(gaz().place(m.place).country, "LB");
    }
  EXPECT_EQ(admin1_of("A suicide bomber struck a wedding in the city of Hasakah near Tall Tawil.", "Hasakah"),
            "Al Hasakah");
}

TEST_F(GazetteerTest, FindSpansAreByteExact) {
  const std::string text = "Shelling hit Deir ez-Zor and al-Raqqa’s outskirts; Best of all, Tuesday.";
  auto ms = gaz().find(text, {});
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(text.substr(ms[0].begin, ms[0].end - ms[0].begin), "Deir ez-Zor");
  EXPECT_EQ(gaz().place(ms[0].place).id, "gn:170794");
  EXPECT_EQ(text.substr(ms[1].begin, ms[1].end - ms[1].begin), "al-Raqqa");
  EXPECT_EQ(gaz().place(ms[1].place).id, "gn:172955");
  EXPECT_TRUE(gaz().find("Leave a reply. Best wishes. US-led strikes on Tuesday.", {}).empty());
  // "The City" is an alternate name of a Latakia village; common words are no name.
  EXPECT_TRUE(gaz().find("The city was hit. Rows of houses burned.", {"SY", {}}).empty());
}

// Names short and long, with a possessive, ending the text or not, keep
// exact spans (the word scan's end of text).
TEST_F(GazetteerTest, FindANameThatEndsTheText) {
  for (const std::string name : {"Aleppo", "Damascus", "Deir ez-Zor", "Deir ez-Zor's"}) {
    for (const std::string& text : {"Shelling hit " + name, "Shelling hit " + name + "."}) {
      auto ms = gaz().find(text, {"SY", {}});
      ASSERT_EQ(ms.size(), 1u) << text;
      EXPECT_EQ(text.substr(ms[0].begin, ms[0].end - ms[0].begin), name.substr(0, name.find('\''))) << text;
    }
  }
}

// More distinct capitalised words in one text than the thread keeps facts
// of (so that words of the text share a slot), names among them at every
// offset from a 16-byte block: the same mentions on a second call and in a
// new thread, whose kept facts are empty.
TEST_F(GazetteerTest, FindAnswersAlikeWhateverTheThreadKept) {
  std::string text;
  for (int i = 0; i < 20000; ++i) {
    std::string word = "Q";
    for (int v = i; v > 0; v /= 26) word += static_cast<char>('a' + v % 26);
    text += word + " said. ";
    if (i % 97 == 0) text += std::string(static_cast<size_t>(i % 16), 'x') + " Shelling hit Aleppo and al-Raqqa’s outskirts. ";
  }
  auto spans = [](const std::vector<PlaceMention>& ms) {
    std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> out;
    for (const PlaceMention& m : ms) out.emplace_back(m.begin, m.end, m.place);
    return out;
  };
  const auto first = spans(gaz().find(text, {"SY", {}}));
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> fresh;
  std::thread([&] { fresh = spans(gaz().find(text, {"SY", {}})); }).join();
  EXPECT_GE(first.size(), 2u * (20000 / 97));
  EXPECT_EQ(spans(gaz().find(text, {"SY", {}})), first);
  EXPECT_EQ(fresh, first);
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/gazetteer_test_XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A gazetteer compiled in `dir` from `rows`, the data lines of a gazetteer
// TSV (id, name, lat, lon, precision, feature, admin1, country, population, names).
Result<std::unique_ptr<Gazetteer>> compile_tiny(const TempDir& dir, const std::string& rows) {
  {
    std::ofstream f(dir.path() + "/gazetteer-test.tsv");
    f << "#id\tname\tlat\tlon\tprecision\tfeature\tadmin1\tcountry\tpopulation\tnames\n" << rows;
  }
  const std::string out = dir.path() + "/g.bin";
  if (Status st = compile_gazetteer(dir.path(), out); !st.is_ok()) return st;
  return Gazetteer::load(out);
}

// The id of geocode()'s answer, or "(none)".
std::string geocode_id(const Gazetteer& g, std::string_view q, const GeoContext& c = {}) {
  auto i = g.geocode(q, c);
  return i ? g.place(*i).id : std::string("(none)");
}

// The compiled index (keys known by hash only) against the naive twin (a
// std::map from every key of the TSV to its places), on the seed articles and
// 100 FA-KES texts: every mention find() returns is a name (or the
// transliteration key of a name) of the place it chose, and every n-gram that
// is an exact name has that name's places among its candidates.
TEST_F(GazetteerTest, FindAgreesWithNaiveTwin) {
  static const testing::NaiveGazetteer naive = [] {
    testing::NaiveGazetteer n;
    const Status s = n.load(std::string(SITREP_SOURCE_DIR) + "/data/kb");
    EXPECT_TRUE(s.is_ok()) << s.message();
    return n;
  }();
  std::vector<std::string> texts;
  for (const auto& e : std::filesystem::directory_iterator(std::string(SITREP_SOURCE_DIR) + "/data/samples/seeds"))
    if (e.path().extension() == ".txt") texts.push_back(read_file(e.path().string()));
  {
    std::ifstream in(std::string(SITREP_SOURCE_DIR) + "/data/samples/fakes-sample.jsonl", std::ios::binary);
    std::string line;
    uint64_t n = 0;
    while (texts.size() < 100 + 8 && std::getline(in, line)) {
      auto doc = ingest::parse_jsonl_record("fakes-sample.jsonl", line, ++n);
      if (doc.is_ok()) texts.push_back(doc.value().body);
    }
  }
  ASSERT_GE(texts.size(), 100u);
  namespace gd = gazetteer_detail;
  size_t mentions = 0, ngrams = 0;
  for (const std::string& t : texts) {
    for (const PlaceMention& m : gaz().find(t, {})) {
      ++mentions;
      const std::string id = gaz().place(m.place).id;
      const std::string key = gd::normalize_name(std::string_view(t).substr(m.begin, m.end - m.begin));
      // Exact key, its transliteration key, or the stem of a lost possessive ("Aleppos").
      bool ok = false;
      for (const std::string& k : {key, key.substr(0, key.size() - (key.ends_with("s") ? 1 : 0))}) {
        for (const auto* ids : {naive.exact(k), naive.skeleton(gd::skeleton_key(k, true))})
          ok |= ids && ids->count(id);
      }
      EXPECT_TRUE(ok) << "find() chose " << id << " for '" << t.substr(m.begin, m.end - m.begin)
                      << "', which is none of its names";
    }
    for (const auto& ng : naive.ngrams(t, 4)) {
      const auto* ids = naive.exact(ng.key);
      if (!ids || ids->size() > 20 || ng.key.size() < 4) continue;
      ++ngrams;
      bool any = false;
      for (uint32_t c : gaz().candidates(ng.key)) any |= ids->count(gaz().place(c).id) > 0;
      EXPECT_TRUE(any) << "the exact name '" << ng.key << "' is not found by the compiled index";
    }
  }
  EXPECT_GT(mentions, 500u);
  EXPECT_GT(ngrams, 1000u);
}

TEST(GazetteerCompile, RoundTripsATinyTsv) {
  TempDir dir;
  auto r = compile_tiny(dir,
      "t:1\tAr Raqqah\t35.95283\t39.00788\tlocality\tcity\tAr Raqqah\tSY\t177636\tRaqqa|الرقة\n"
      "t:2\tAl Huzaymah\t36.13317\t38.96442\tlocality\tvillage\tAr Raqqah\tSY\t0\tḨazīmah\n"
      "t:3\tHizma\t31.8349\t35.2644\tlocality\tvillage\tWest Bank\tPS\t7000\t\n"
      "t:4\tTabqa Dam\t35.87118\t38.56532\tpoint\tdam\tAr Raqqah\tSY\t0\tEuphrates Dam\n");
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const Gazetteer& g = *r.value();
  ASSERT_EQ(g.size(), 4u);
  const Place p = g.place(0);
  EXPECT_EQ(p.id, "t:1");
  EXPECT_EQ(p.name, "Ar Raqqah");
  EXPECT_NEAR(p.lat, 35.95283, 1e-4);
  EXPECT_NEAR(p.lon, 39.00788, 1e-4);
  EXPECT_EQ(p.precision, PlacePrecision::kLocality);
  EXPECT_EQ(p.feature, "city");
  EXPECT_EQ(p.admin1, "Ar Raqqah");
  EXPECT_EQ(p.country, "SY");
  EXPECT_EQ(p.population, 177636);
  EXPECT_EQ(g.place(3).precision, PlacePrecision::kPoint);

  auto id = [&](std::string_view q, const GeoContext& c = {}) { return geocode_id(g, q, c); };
  EXPECT_EQ(id("Raqqa"), "t:1");
  EXPECT_EQ(id("Raqa"), "t:1");           // transliteration key
  EXPECT_EQ(id("الرقة"), "t:1");          // Arabic alternate
  EXPECT_EQ(id("RAQQA"), "t:1");
  EXPECT_EQ(id("Euphrates Dam"), "t:4");
  GeoContext near;
  near.near.emplace_back(35.95, 39.0);
  EXPECT_EQ(id("Hazima", near), "t:2");
  GeoContext ps;
  ps.country = "PS";
  EXPECT_EQ(id("Hazima", ps), "t:3");
  EXPECT_EQ(id("Nowhere at all"), "(none)");
}

// Ranking beyond the keys, on made-up villages: spelling closeness among
// transliteration matches, English directions for Arabic qualifiers.
TEST(GazetteerCompile, SpellingAndQualifiers) {
  TempDir dir;
  auto r = compile_tiny(dir,
      "t:1\tMurat\t35.0\t37.0\tlocality\tvillage\tHama\tSY\t0\t\n"
      "t:2\tMa‘arrat\t36.0\t37.0\tlocality\tvillage\tIdlib\tSY\t0\t\n"
      "t:3\tKabish\t35.5\t38.0\tlocality\tvillage\tAr Raqqah\tSY\t0\t\n"
      "t:4\tKabish al Gharbiyah\t35.5\t37.9\tlocality\tvillage\tAr Raqqah\tSY\t0\t\n"
      "t:5\tHamamah\t34.0\t36.5\tlocality\tvillage\tHoms\tSY\t0\t\n"
      "t:6\tHamumi\t36.5\t40.0\tlocality\ttown\tAl Hasakah\tSY\t5000\t\n");
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const Gazetteer& g = *r.value();
  auto id = [&](std::string_view q) { return geocode_id(g, q); };
  // "Hamama" is Hamamah spelt without its final h: as good as its own name,
  // above the larger Hamumi that only shares its vowel key.
  EXPECT_EQ(id("Hamama"), "t:5");
  EXPECT_EQ(id("Al Hamama"), "t:5");
  EXPECT_EQ(id("Hamumi"), "t:6");
  // Both share the vowel key of "Maarat"; the closer spelling wins the tie.
  EXPECT_EQ(id("Maarat"), "t:2");
  EXPECT_EQ(id("Murat"), "t:1");
  EXPECT_EQ(id("Kabish"), "t:3");
  EXPECT_EQ(id("Western Kabish"), "t:4");
  EXPECT_EQ(id("Kabish Gharbi"), "t:4");
  EXPECT_EQ(id("Eastern Kabish"), "t:3");  // no eastern village: the village itself
  EXPECT_EQ(id("Nowhere at all"), "(none)");
}

// Strings that name two places, on made-up villages: the pair that lies
// together wins over the first name's best alone; an unknown name set in a
// town ("X (Madina)") is the town; a district's population does not make it
// outrank the villages of its name.
TEST(GazetteerCompile, TwoNamesAndDistricts) {
  TempDir dir;
  auto r = compile_tiny(dir,
      "t:1\tQaryat Zan\t35.0\t37.0\tlocality\tvillage\tHama\tSY\t0\t\n"
      "t:2\tQaryat Zan\t36.0\t38.0\tlocality\tvillage\tAleppo\tSY\t0\t\n"
      "t:3\tKafr Lam\t36.03\t38.02\tlocality\tvillage\tAleppo\tSY\t0\t\n"
      "t:4\tMadina\t34.0\t36.0\tlocality\tcity\tHoms\tSY\t200000\t\n"
      "t:5\tQaryat Zan\t35.5\t37.5\tdistrict\tdistrict\tHama\tSY\t177000\t\n"
      "t:6\tHomsa\t35.02\t37.02\tregion\tregion\tHomsa\tSY\t1000000\t\n"
      "t:7\tHomsa\t34.5\t36.5\tlocality\tcity\tHomsa\tSY\t500000\t\n"
      "t:8\tPullman\t46.7\t-117.2\tlocality\ttown\tWA\tUS\t30000\t\n");
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const Gazetteer& g = *r.value();
  auto id = [&](std::string_view q) { return geocode_id(g, q); };
  EXPECT_EQ(id("Qaryat Zan"), "t:1");  // a tie between the villages; never the district
  EXPECT_EQ(id("Qaryat Zan/Kafr Lam"), "t:2");
  EXPECT_EQ(id("Qaryat Zan and Kafr Lam"), "t:2");
  EXPECT_EQ(id("Road between Qaryat Zan and Kafr Lam"), "t:2");
  EXPECT_EQ(id("Qaryat Zan near Kafr Lam"), "t:2");
  EXPECT_EQ(id("Kafr Lam (Qaryat Zan)"), "t:3");
  EXPECT_EQ(id("Bab Nowhere (Madina)"), "t:4");
  EXPECT_EQ(id("Bab Nowhere neighbourhood of Madina"), "t:4");
  // Both Qaryat Zans lie far from Madina: neither is the one meant, the town is nearer the truth.
  EXPECT_EQ(id("Qaryat Zan (Madina)"), "t:4");
  // A region's point pairs with nothing: t:1 lies by the centroid of the Homsa region, not by Homsa.
  EXPECT_EQ(id("Qaryat Zan (Homsa)"), "t:7");
  // Alternatives that do not lie together: the better-resolved name.
  EXPECT_EQ(id("Kafr Lama or Madina"), "t:4");
  // A description's word that is a town abroad is not the place described.
  EXPECT_EQ(id("Pullman bus garage"), "(none)");
}

// find(): a region the text names ("in Alpha province") favours its own
// places among namesakes; the mention of the region stays the region.
TEST(GazetteerCompile, FindPrefersTheNamedRegion) {
  TempDir dir;
  auto r = compile_tiny(dir,
      "t:1\tQarya\t33.0\t35.8\tlocality\tvillage\tAlpha\tSY\t0\t\n"
      "t:2\tQarya\t36.0\t37.2\tlocality\ttown\tBeta\tSY\t0\t\n"
      "t:3\tAlpha\t33.1\t35.9\tregion\tregion\tAlpha\tSY\t90000\t\n"
      "t:4\tBeta\t36.1\t37.3\tregion\tregion\tBeta\tSY\t4000000\t\n");
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const Gazetteer& g = *r.value();
  auto found = [&](std::string_view text) {
    std::map<std::string, std::string> ids;
    for (const PlaceMention& m : g.find(text, {}))
      ids[std::string(text.substr(m.begin, m.end - m.begin))] = g.place(m.place).id;
    return ids;
  };
  auto a = found("Five men were killed in Qarya in Alpha province on Monday.");
  EXPECT_EQ(a["Qarya"], "t:1");
  EXPECT_EQ(a["Alpha"], "t:3");
  auto b = found("Five men were killed in Qarya on Monday, in Beta province.");
  EXPECT_EQ(b["Qarya"], "t:2");
  EXPECT_EQ(b["Beta"], "t:4");
  EXPECT_EQ(found("Five men were killed in Qarya on Monday.")["Qarya"], "t:2");  // the town
}

// A foreign city found only through another language's name gives way to a
// village of the region of that name, unless a foreign place wins anyway.
TEST(GazetteerCompile, ForeignAlternateNames) {
  TempDir dir;
  auto r = compile_tiny(dir,
      "t:1\tZalabiya\t25.3\t55.4\tlocality\tcity\tZ\tAE\t1000000\tQasra\n"
      "t:2\tQasrah\t35.6\t36.9\tlocality\tvillage\tIdlib\tSY\t0\t\n"
      "t:3\tGenf\t46.2\t6.1\tlocality\tcity\tG\tCH\t200000\tGeneva\n"
      "t:4\tGeneva\t41.9\t-88.3\tlocality\ttown\tIL\tUS\t10000\t\n"
      "t:5\tGanava\t35.0\t37.0\tlocality\tvillage\tHama\tSY\t0\t\n");
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const Gazetteer& g = *r.value();
  auto id = [&](std::string_view q) { return geocode_id(g, q); };
  EXPECT_EQ(id("Qasra"), "t:2");
  EXPECT_EQ(id("Zalabiya"), "t:1");
  EXPECT_EQ(id("Geneva"), "t:3");  // a foreign place wins anyway: the order abroad is kept
}

// A bare village name: the Syrian namesake before a neighbour's village;
// a neighbour's town keeps its name.
TEST(GazetteerCompile, NeighbourVillages) {
  TempDir dir;
  auto r = compile_tiny(dir,
      "t:1\tDawra\t37.5\t38.5\tlocality\tvillage\tSanliurfa\tTR\t500\t\n"
      "t:2\tDuwra\t36.5\t38.5\tlocality\tvillage\tAleppo\tSY\t0\t\n"
      "t:3\tKalsa\t37.6\t38.6\tlocality\ttown\tSanliurfa\tTR\t20000\t\n"
      "t:4\tKulsa\t36.6\t38.6\tlocality\tvillage\tAleppo\tSY\t0\t\n");
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const Gazetteer& g = *r.value();
  auto id = [&](std::string_view q, const GeoContext& c = {}) { return geocode_id(g, q, c); };
  EXPECT_EQ(id("Dawra"), "t:2");
  EXPECT_EQ(id("Kalsa"), "t:3");
  GeoContext tr;
  tr.country = "TR";
  EXPECT_EQ(id("Dawra", tr), "t:1");  // an article about Turkey
}

// Two gazetteers loaded at once, asked in turn from one thread: each answers
// from its own file (find() keeps answers per thread and per gazetteer).
TEST(GazetteerCompile, TwoGazetteersAnswerApart) {
  TempDir one, two;
  auto a = compile_tiny(one, "t:1\tAr Raqqah\t35.95283\t39.00788\tlocality\tcity\tAr Raqqah\tSY\t177636\tRaqqa\n");
  auto b = compile_tiny(two,
      "u:1\tHoms\t34.73\t36.72\tlocality\tcity\tHoms\tSY\t650000\tHims|Emesa\n"
      "u:2\tHama\t35.13\t36.75\tlocality\tcity\tHama\tSY\t460000\tHamah|Epiphania\n"
      "u:3\tRaqqa\t36.0\t39.1\tlocality\ttown\tAr Raqqah\tSY\t60000\t\n");
  ASSERT_TRUE(a.is_ok()) << a.status().message();
  ASSERT_TRUE(b.is_ok()) << b.status().message();
  const std::string text = "Shelling hit Raqqa on Monday.";
  for (int round = 0; round < 2; ++round) {
    for (const Gazetteer* g : {a.value().get(), b.value().get()}) {
      const std::vector<PlaceMention> found = g->find(text, {"SY", {}});
      ASSERT_EQ(found.size(), 1u);
      EXPECT_EQ(g->place(found[0].place).id, g == a.value().get() ? "t:1" : "u:3");
    }
  }
  EXPECT_TRUE(a.value()->find("Shelling hit Homs on Monday.", {"SY", {}}).empty());
}

TEST(GazetteerCompile, LoadRejectsBadFiles) {
  TempDir dir;
  EXPECT_FALSE(Gazetteer::load(dir.path() + "/missing.bin").is_ok());
  const std::string bad = dir.path() + "/bad.bin";
  {
    std::ofstream f(bad);
    f << std::string(200, 'x');
  }
  auto r = Gazetteer::load(bad);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("not a compiled gazetteer"), std::string::npos);
  EXPECT_FALSE(compile_gazetteer(dir.path() + "/nope", dir.path() + "/x.bin").is_ok());
  // A file of an older format (version 2 had no key filter) asks for a rebuild.
  ASSERT_TRUE(compile_tiny(dir, "t:1\tHoms\t34.73\t36.72\tlocality\tcity\tHoms\tSY\t650000\t\n").is_ok());
  {
    std::fstream f(dir.path() + "/g.bin", std::ios::in | std::ios::out | std::ios::binary);
    const uint32_t old_version = 2;
    f.seekp(8);  // after the magic
    f.write(reinterpret_cast<const char*>(&old_version), sizeof old_version);
  }
  auto old = Gazetteer::load(dir.path() + "/g.bin");
  ASSERT_FALSE(old.is_ok());
  EXPECT_NE(old.status().message().find("format version 2, this build reads version 3 (rebuild the knowledge base)"),
            std::string::npos)
      << old.status().message();
}

// The English word list that R10f tests capitalised words against.
TEST(EnglishWordsTest, LoadsTheKbListAndNamesABadOne) {
  auto w = EnglishWords::load(default_kb_dir() + "/english-words.txt.gz");
  ASSERT_TRUE(w.is_ok()) << w.status().message();
  EXPECT_GT(w.value()->size(), 50000u);
  EXPECT_TRUE(w.value()->contains("society"));
  EXPECT_TRUE(w.value()->contains("center"));
  EXPECT_FALSE(w.value()->contains("aleppo"));
  EXPECT_FALSE(w.value()->contains("Society"));  // the list is lower case
  // The first and last words, searched from their two letters' range.
  EXPECT_TRUE(w.value()->contains("aardvark"));
  EXPECT_TRUE(w.value()->contains("zygotes"));
  EXPECT_FALSE(w.value()->contains("zz"));
  EXPECT_FALSE(w.value()->contains("a-"));
  const auto dir = std::filesystem::temp_directory_path() / ("sitrep-english-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto missing = EnglishWords::load((dir / "nope.txt.gz").string());
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.status().message().find("nope.txt.gz"), std::string::npos);
  // A gzip stream cut short is an error, not a shorter list.
  std::ifstream in(default_kb_dir() + "/english-words.txt.gz", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ofstream((dir / "cut.txt.gz").string(), std::ios::binary).write(bytes.data(), 1000);
  auto cut = EnglishWords::load((dir / "cut.txt.gz").string());
  EXPECT_FALSE(cut.is_ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sitrep::kb
