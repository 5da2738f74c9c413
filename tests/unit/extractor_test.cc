// Extraction rules (R1..R9 in src/extract/extractor.cc), each on sentences
// from real reports. Needs the compiled knowledge base (SITREP_KB_DIR).
#include "sitrep/extract.h"

#include <gtest/gtest.h>

#include "kb/kb_paths.h"
#include "sitrep/ingest.h"

namespace sitrep {
namespace {

class ExtractorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto e = Extractor::load(kb::default_kb_dir());
    ASSERT_TRUE(e.is_ok()) << e.status().message();
    extractor_ = std::move(e).value().release();
  }
  static void TearDownTestSuite() { delete extractor_; }

  // One article from `text`, published on `date` (YYYY-MM-DD) unless empty,
  // with the record's `title` if one is given.
  std::vector<Report> run(const std::string& text, const std::string& date = "2017-06-07",
                          const std::string& title = "") {
    RawDocument doc;
    doc.input = doc.path = "test";
    doc.format = "jsonl";
    if (!title.empty()) doc.title = title;
    doc.body = text;
    if (!date.empty()) doc.published = date;
    auto a = build_article(doc, nullptr);
    EXPECT_TRUE(a.is_ok());
    return extractor_->extract(a.value());
  }

  static Extractor* extractor_;
};
Extractor* ExtractorTest::extractor_ = nullptr;

// The report gives a killed figure whose low bound is `low` (a fatal failure
// when it gives none: callers wrap it in ASSERT_NO_FATAL_FAILURE).
void expect_killed(const Report& r, int64_t low) {
  ASSERT_TRUE(r.figures.killed);
  EXPECT_EQ(r.figures.killed->low, low);
}

// The report's perpetrator is the actor `id` (wrap in ASSERT_NO_FATAL_FAILURE,
// as expect_killed).
void expect_agent(const Report& r, std::string_view id) {
  ASSERT_TRUE(r.perpetrator);
  EXPECT_EQ(r.perpetrator->id, id);
}

const Report* lead_of(const std::vector<Report>& rs) {
  for (const Report& r : rs)
    if (r.lead) return &r;
  return nullptr;
}

// A record's headline that the text does not repeat is read as the first
// paragraph: its place is the article's main place; the body's toll, not
// the headline's rounded one, is the lead.
TEST_F(ExtractorTest, R9cHeadlineBesideTheTextGivesPlaceBodyGivesToll) {
  auto rs = run("An air strike on Thursday killed at least 24 civilians in eastern Syria, activists said.",
                "2017-12-14", "US airstrikes kill 20 civilians in Syria's Deir ez-Zor");
  const Report* lead = lead_of(rs);
  ASSERT_TRUE(lead);
  EXPECT_EQ(lead->quote, "An air strike on Thursday killed at least 24 civilians in eastern Syria, activists said.");
  ASSERT_TRUE(lead->figures.civilians_killed);
  EXPECT_EQ(lead->figures.civilians_killed->low, 24);
  ASSERT_TRUE(lead->place);
  EXPECT_EQ(lead->place->admin1, "Deir ez Zor");
  ASSERT_NO_FATAL_FAILURE(expect_agent(*lead, "us.military"));
  // The headline's own report is there too, with its quote from the text.
  ASSERT_GE(rs.size(), 2u);
  EXPECT_EQ(rs[0].quote, "US airstrikes kill 20 civilians in Syria's Deir ez-Zor");
  // A headline with line breaks is one paragraph all the same.
  auto broken = run("An air strike on Thursday killed at least 24 civilians in eastern Syria, activists said.",
                    "2017-12-14", "US airstrikes kill 20 civilians\n\nin Syria's Deir ez-Zor\n");
  ASSERT_GE(broken.size(), 2u);
  EXPECT_EQ(broken[0].quote, "US airstrikes kill 20 civilians in Syria's Deir ez-Zor");
}

// A text that repeats its headline (after a date line) is not given it twice.
TEST_F(ExtractorTest, HeadlineRepeatedInTheTextIsNotAdded) {
  auto rs = run("Thu Dec 14 2017 US airstrikes kill 23 civilians in Syria's Deir ez-Zor. Activists said the "
                "strike hit a market.",
                "2017-12-14", "US airstrikes kill 23 civilians in Syria's Deir ez-Zor - Region - World - Ahram Online");
  ASSERT_FALSE(rs.empty());
  EXPECT_EQ(rs[0].span_begin, 0u);
  EXPECT_EQ(rs[0].quote.rfind("Thu Dec 14 2017", 0), 0u);
}

// R5e: an actor is not the agent of an act named after a preposition.
TEST_F(ExtractorTest, R5eNoAgentAcrossAPreposition) {
  auto rs = run("The British-based Observatory said Kurdish forces killed at least 175 members and commanders of "
                "the ultra-hardline Islamist militants in an offensive which began last weekend.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_NO_FATAL_FAILURE(expect_agent(rs[0], "ypg"));
}

// R5i: a state's name before a group's branch says where the branch is, not
// who acts.
TEST_F(ExtractorTest, R5iStateNameBeforeABranchIsNoAgent) {
  auto rs = run("A suicide bomber from al-Qaeda's Syrian affiliate al-Nusra Front killed 25 soldiers in Aleppo on "
                "Monday.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_TRUE(rs[0].perpetrator);
  // al-Qaeda or its affiliate, not the Syrian state.
  EXPECT_TRUE(rs[0].perpetrator->id == "hts" || rs[0].perpetrator->id == "al-qaeda")
      << rs[0].perpetrator->id;
  auto state = run("Syrian warplanes killed 25 civilians in Aleppo on Monday.");
  ASSERT_EQ(state.size(), 1u);
  ASSERT_TRUE(state[0].perpetrator);
  EXPECT_EQ(state[0].perpetrator->side, "government");
}

// R5f: the other party of a clash killed the victims.
TEST_F(ExtractorTest, R5fOtherPartyOfAClash) {
  auto rs = run("Twenty-one Syrian opposition fighters have been killed in clashes with the Daish terrorist "
                "organization in the last 24 hours.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_NO_FATAL_FAILURE(expect_agent(rs[0], "isis"));
  ASSERT_TRUE(rs[0].figures.fighters_killed);
  EXPECT_EQ(rs[0].figures.fighters_killed->low, 21);
}

// R10b: a place named inside a monitor's or agency's name is not where the
// act happened.
TEST_F(ExtractorTest, R10bPlaceInsideAMonitorsNameIsNoPlace) {
  auto rs = run("Air strikes killed 12 civilians in Deir ez-Zor province on Monday, the activist group Raqqa "
                "is Being Slaughtered Silently said.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_TRUE(rs[0].place);
  EXPECT_EQ(rs[0].place->admin1, "Deir ez Zor");
  ASSERT_TRUE(rs[0].source);
  EXPECT_EQ(rs[0].source->id, "rbss");
}

// R10e: a place name as the subject of a reporting verb is a speaker (a
// capital for its government), not where the act happened.
TEST_F(ExtractorTest, R10eSpeakerIsNoPlace) {
  auto rs = run("A car bomb killed 12 people in a town in the south of the country on Thursday, Damascus said.");
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_FALSE(rs[0].place && rs[0].place->admin1 == "Damascus") << rs[0].place->name;
  rs = run("A car bomb killed 12 people in Damascus on Thursday, state media said.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_TRUE(rs[0].place);
  EXPECT_EQ(rs[0].place->admin1, "Damascus");
  // A small place's name given to a speaker is a person's all through the text.
  rs = run("Shells with a nerve agent killed 300 people, according to Winfield. Winfield said the regime has the "
           "delivery systems.");
  ASSERT_FALSE(rs.empty());
  for (const Report& r : rs) EXPECT_FALSE(r.place && r.place->country == "US") << r.place->name;
  // Where a speaker is stays a place ("a reporter in Quneitra said").
  rs = run("Rockets killed one civilian in Quneitra on Monday. A reporter in Quneitra said the shells hit two towns.");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].place);
  EXPECT_EQ(rs[0].place->admin1, "Quneitra");
}

// R10f: a capitalised common English word is no place by a village's name,
// an alternate name or a transliteration key ("Society" ~ Sukayyat); a
// country by its own name is, and so is a word the text calls a place.
TEST_F(ExtractorTest, R10fCommonEnglishWordIsNoPlace) {
  auto rs = run("An attack on a clinic of the Qatar Red Crescent Society has killed two patients, the charity said.");
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_FALSE(rs[0].place && rs[0].place->country == "SY") << rs[0].place->name;
  rs = run("A car bomb killed 12 people in Turkey on Friday.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_TRUE(rs[0].place);
  EXPECT_EQ(rs[0].place->country, "TR");
  rs = run("Air strikes killed 12 people in Harem district on Friday.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_TRUE(rs[0].place);
  EXPECT_EQ(rs[0].place->admin1, "Idlib");
}

// R16e: a place fused to "-backed" names who backs a force, not where the act
// was; the Golan Heights are in Quneitra (places-supplement.tsv).
TEST_F(ExtractorTest, R16eAffiliationIsNoPlace) {
  auto rs = run("Israeli jets struck a base of the Damascus-backed National Defense Forces in the Golan Heights, "
                "killing three fighters.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_TRUE(rs[0].place);
  EXPECT_EQ(rs[0].place->admin1, "Quneitra");
  auto only = run("Israeli jets struck a base of the Damascus-backed militia, killing three fighters.");
  ASSERT_EQ(only.size(), 1u);
  EXPECT_FALSE(only[0].place && only[0].place->admin1 == "Damascus");
}

// R10d: the names before "in Y" are inside Y; a namesake outside Y's
// governorate gives way to Y. "Damascus Countryside" is Rif Dimashq.
TEST_F(ExtractorTest, R10dPlaceInsideItsSetting) {
  auto rs = run("Two people were killed on Friday by a rocket attack on the areas of al-Midan and al-Muhafaza in "
                "Aleppo city.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_TRUE(rs[0].place);
  EXPECT_EQ(rs[0].place->admin1, "Aleppo");
  auto rural = run("Four civilians were injured by a mortar round fired from Daraya town in Damascus Countryside.");
  ASSERT_EQ(rural.size(), 1u);
  ASSERT_TRUE(rural[0].place);
  EXPECT_EQ(rural[0].place->admin1, "Rif Dimashq");
  // A word for the part of Y may stand between "in" and Y (Abu Hamam is also a village of Homs).
  auto part = run("IS executed 12 people in the town of Abu Hamam in rural Deir Ezzor on Friday.");
  ASSERT_EQ(part.size(), 1u);
  ASSERT_TRUE(part[0].place);
  EXPECT_EQ(part[0].place->admin1, "Deir ez Zor");
  // So may "the countryside of", and the setting holds through a nearer one
  // ("in Abu al-Duhour area in ..."; the gazetteer knows Qar al-Ghazal and
  // Abu al-Duhour only as villages of Aleppo and Raqqa).
  auto chain = run("Army units killed 20 terrorists in Qar al-Ghazal in Abu al-Duhour area in the countryside of "
                   "the northern Idleb province.");
  ASSERT_EQ(chain.size(), 1u);
  ASSERT_TRUE(chain[0].place);
  EXPECT_EQ(chain[0].place->admin1, "Idlib");
}

// R11c: a point counts as a town for the main place: the first named wins
// (a quarter of Damascus is also called al-Mayadin).
TEST_F(ExtractorTest, R11cFirstNamedPlaceOfTheLeadWins) {
  auto rs = run("Syrian air raids killed nine children and 14 others on Thursday, activists said. Airstrikes hit "
                "a school and a bakery in Deir az-Zour province and in al-Mayadin. The regime withdrew fighter "
                "planes from al-Qamishli after threats to Damascus.");
  const Report* lead = lead_of(rs);
  ASSERT_TRUE(lead);
  ASSERT_TRUE(lead->place);
  EXPECT_EQ(lead->place->admin1, "Deir ez Zor") << lead->place->name;
}

// R17b: a place after "from" (and the places joined to it) is an origin:
// among places of the same precision the sentence's place is another.
TEST_F(ExtractorTest, R17bOriginIsNotTheSentencesPlace) {
  auto rs = run("51 martyrs from Kefraya and al-Fouaa were escorted from the Military Hospital in Aleppo on Tuesday.");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].place);
  EXPECT_EQ(rs[0].place->admin1, "Aleppo");
}

// R17c: a village the gazetteer found in another governorate than the one
// its sentence names is a namesake: the named governorate stands for it.
TEST_F(ExtractorTest, R17cNamesakeVillageGivesWayToTheSentencesGovernorate) {
  const std::pair<const char*, const char*> cases[] = {
      {"In Damascus Countryside the army air force killed 12 ISIS terrorists and destroyed a car bomb in Tal "
       "al-Dabe al-Gharbi on the outskirts of the desert.",
       "Rif Dimashq"},
      {"Three civilians were killed in a Russian air strike on a residential area in Maarret al-Numan, another "
       "town of Idlib province.",
       "Idlib"}};
  for (const auto& [text, admin1] : cases) {
    auto rs = run(text, "2016-06-12");
    ASSERT_EQ(rs.size(), 1u) << text;
    ASSERT_TRUE(rs[0].place) << text;
    EXPECT_EQ(rs[0].place->admin1, admin1) << rs[0].place->name;
  }
}

// R11d: a tie between countries goes to the theatre's (Turkey named three
// times; Syria once and Aleppo once, a town counting twice).
TEST_F(ExtractorTest, R11dTieGoesToTheTheatre) {
  auto rs = run("Turkey and the coalition killed 20 Daesh terrorists in northern Syria, Turkey said. The strikes hit "
                "villages of Aleppo, the army of Turkey said.");
  const Report* lead = lead_of(rs);
  ASSERT_TRUE(lead);
  ASSERT_TRUE(lead->place);
  EXPECT_EQ(lead->place->admin1, "Aleppo");
}

// R2c': a count of victims that rose to the figure; a number before a
// capitalised "The" belongs to a sentence whose stop was lost (page chrome).
TEST_F(ExtractorTest, R2cNumberOfVictimsRoseTo) {
  auto rs = run("Get short URL 0 214 The number of civilians killed by the US-led coalition airstrike in the Syrian "
                "northern province of Raqqa has risen to 20, media reported.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_TRUE(rs[0].figures.civilians_killed);
  EXPECT_EQ(rs[0].figures.civilians_killed->low, 20);
  EXPECT_EQ(rs[0].figures.civilians_killed->text, "20");
}

TEST_F(ExtractorTest, R2aVictimsThenVerbWithQualifierDatePlaceSource) {
  auto rs = run("Late on Monday, at least 21 civilians were killed in a coalition strike as they tried "
                "to escape Raqqa by dinghy on the Euphrates River, the Observatory said.");
  ASSERT_EQ(rs.size(), 1u);
  const Report& r = rs[0];
  EXPECT_TRUE(r.lead);
  EXPECT_EQ(to_string(r.type), std::string("air_strike"));
  ASSERT_TRUE(r.figures.civilians_killed);
  EXPECT_EQ(r.figures.civilians_killed->low, 21);
  EXPECT_FALSE(r.figures.civilians_killed->high);
  EXPECT_EQ(r.figures.civilians_killed->qualifier, "at least");
  EXPECT_EQ(r.figures.civilians_killed->text, "at least 21");
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->start.iso(), "2017-06-05");
  ASSERT_NO_FATAL_FAILURE(expect_agent(r, "coalition"));
  ASSERT_TRUE(r.source);
  EXPECT_EQ(r.source->id, "sohr");
  EXPECT_EQ(to_string(r.stance), std::string("reported"));
  ASSERT_TRUE(r.place);
  EXPECT_EQ(r.place->country, "SY");
}

TEST_F(ExtractorTest, R2bVerbThenNumberAndR2dBreakdown) {
  auto rs = run("One of Tuesday's air strikes inside the city killed eight civilians, including three "
                "children, Observatory head Rami Abdel Rahman told AFP.");
  ASSERT_EQ(rs.size(), 1u);
  const Report& r = rs[0];
  ASSERT_TRUE(r.figures.civilians_killed);
  EXPECT_EQ(r.figures.civilians_killed->low, 8);
  ASSERT_TRUE(r.figures.children_killed);
  EXPECT_EQ(r.figures.children_killed->low, 3);
  EXPECT_EQ(r.date->start.iso(), "2017-06-06");
  ASSERT_TRUE(r.source);
  EXPECT_EQ(r.source->id, "sohr");  // not AFP, whom he told
  EXPECT_EQ(r.source->verb, "told");
}

TEST_F(ExtractorTest, NoInventedBreakdown) {
  auto rs = run("Last Saturday, a US airstrike hit a residential building in Raqqa, killing 43 "
                "civilians, most of them women and children.");
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].figures.civilians_killed->low, 43);
  EXPECT_FALSE(rs[0].figures.children_killed);
  EXPECT_FALSE(rs[0].figures.women_killed);
  EXPECT_EQ(rs[0].date->start.iso(), "2017-06-03");
}

TEST_F(ExtractorTest, TrapsGiveNoCasualtyFigure) {
  for (const char* s : {
           "The US carried out an airstrike against pro-government forces, attacking a column the "
           "Pentagon claimed included a tank, artillery, antiaircraft weapons, vehicles and more than "
           "60 soldiers.",
           "According to UN, more than 40.000 children are at risk of death in Raqqa.",
           "The sieges of the Syrian city of some 300,000 people and Mosul, which had a population of "
           "1.6 million people, go on.",
           "The US will send another 200 troops to Syria to help capture Raqqa.",
       }) {
    for (const Report& r : run(s)) {
      EXPECT_FALSE(r.figures.killed) << s;
      EXPECT_FALSE(r.figures.civilians_killed) << s;
    }
  }
}

TEST_F(ExtractorTest, R6CumulativeTotalsAreNotIncidents) {
  auto rs = run("The monitoring group Airwars has conservatively estimated over 3,800 killed since the "
                "US first launched its airstrikes in Iraq and Syria in 2014.");
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_TRUE(rs[0].cumulative);
  EXPECT_EQ(rs[0].figures.killed->low, 3800);
  EXPECT_EQ(rs[0].source->id, "airwars");
}

TEST_F(ExtractorTest, R6bR6cTheWarsTollIsARunningTotal) {
  for (const char* text : {"The Syrian Center for Policy Research has put the death toll from the six-year-old "
                           "conflict at more than 470,000.",
                           "The ongoing war in Syria has left an estimated 220,000 dead.",
                           "More than 300,000 people have been killed and millions forced to flee their homes."}) {
    auto rs = run(text);
    ASSERT_EQ(rs.size(), 1u) << text;
    EXPECT_TRUE(rs[0].cumulative) << text;
  }
  // A war monitor reporting one strike is not the war's toll.
  auto rs = run("Twelve civilians were killed in an air strike on Idlib, the Britain-based war monitor said.");
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_FALSE(rs[0].cumulative);
  EXPECT_EQ(rs[0].figures.killed->low, 12);
}

// R6e: the war a monitor watches ("a group monitoring the conflict said")
// names the source, not the frame of a running total.
TEST_F(ExtractorTest, R6eTheConflictAMonitorWatchesIsNoFrame) {
  for (const char* text : {"At least 32 militants were killed in fighting with Kurdish forces in Hasaka province on "
                           "Monday, a group monitoring the conflict said.",
                           "At least 32 militants were killed in fighting in Hasaka province on Monday, according to "
                           "the Observatory, which monitors both sides of the conflict."}) {
    auto rs = run(text);
    ASSERT_EQ(rs.size(), 1u) << text;
    EXPECT_FALSE(rs[0].cumulative) << text;
    ASSERT_NO_FATAL_FAILURE(expect_killed(rs[0], 32));
  }
}

TEST_F(ExtractorTest, R17R18TheConvoyStrikeAtAlTanfAndItsToll) {
  auto rs = run("Even as Syrian government forces were fighting ISIS in Deir al-Zour and Palmyra, further south, in "
                "the al-Tanf area, the US carried out an airstrike against pro-government forces.\n\n"
                "The coalition said on Tuesday that it had hit a regime convoy that was nearing the Al-Tanaf "
                "garrison.\n\nThe Observatory said that at least 17 pro-regime troops were killed in the air strike.");
  ASSERT_EQ(rs.size(), 3u);
  EXPECT_EQ(rs[0].place->name, "At Tanf");              // R17: the place nearest the act
  EXPECT_EQ(rs[0].perpetrator->id, "us.military");       // light verb: "the US carried out an airstrike"
  EXPECT_NE(rs[1].place->name.find("Tanf"), std::string::npos);  // "the Al-Tanaf garrison"
  EXPECT_EQ(rs[1].date->start.iso(), "2017-06-06");
  EXPECT_EQ(rs[2].figures.killed->low, 17);
  EXPECT_EQ(rs[2].place->id, rs[1].place->id);           // R18: "the air strike" told before
  EXPECT_EQ(rs[2].date->start.iso(), "2017-06-06");
}

TEST_F(ExtractorTest, R19BackingIsNotTheAct) {
  auto rs = run("Backed by intense US airstrikes, an armed force dominated by the YPG crossed into the eastern "
                "sector of Raqqa on Tuesday.");
  for (const Report& r : rs) EXPECT_NE(r.type, IncidentType::kAirStrike) << r.quote;
}

TEST_F(ExtractorTest, R5PerpetratorNotTarget) {
  auto rs = run("The coalition said on Tuesday that it had hit a regime convoy that was nearing the "
                "Al-Tanaf garrison. The Observatory said that at least 17 pro-regime troops were killed.");
  ASSERT_GE(rs.size(), 1u);
  const Report* with_figure = nullptr;
  for (const Report& r : rs)
    if (r.figures.soldiers_killed) with_figure = &r;
  ASSERT_NE(with_figure, nullptr);
  EXPECT_EQ(with_figure->figures.soldiers_killed->low, 17);
  EXPECT_EQ(with_figure->victims->category, "soldiers");
}

TEST_F(ExtractorTest, R4PronounSpeakerIsNotTheActorBeforeIt) {
  auto rs = run("Dozens of IS fighters had been killed in the fight for Hasakeh as well as strikes by the "
                "US-led coalition outside the city he said.");
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_FALSE(rs[0].source);
  ASSERT_NO_FATAL_FAILURE(expect_agent(rs[0], "coalition"));
}

TEST_F(ExtractorTest, R5NamedActorBehindAWeaponWord) {
  auto rs = run("The hospital was hit by warplanes from the US-led coalition, killing four civilians.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_NO_FATAL_FAILURE(expect_agent(rs[0], "coalition"));
}

TEST_F(ExtractorTest, R12GenericAgentIsTheArticleCountrysForces) {
  auto rs = run("At least 25 civilians have been killed in regime airstrikes on Aleppo on Thursday.", "2016-09-01");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_NO_FATAL_FAILURE(expect_agent(rs[0], "sy.army"));
}

TEST_F(ExtractorTest, R7StanceHedgedAndDenied) {
  auto hedged = run("The al-Mawasah hospital in Raqqa was also reportedly hit by warplanes from the "
                    "US-led coalition, with a number of civilians killed and wounded.");
  ASSERT_FALSE(hedged.empty());
  EXPECT_EQ(to_string(hedged[0].stance), std::string("hedged"));
  auto denied = run("The Syrian government has strongly denied responsibility for the chemical attack "
                    "on Khan Sheikhun that killed 86 people.");
  ASSERT_FALSE(denied.empty());
  EXPECT_EQ(to_string(denied[0].stance), std::string("denied"));
}

TEST_F(ExtractorTest, R9OneLeadPerArticle) {
  auto rs = run("Syria air strikes kill 42 including 16 children Monitor AFP Monday 22 Sep 2014 Syrian "
                "government air strikes killed at least 42 people including 16 children in the north of "
                "Syria on Monday, a monitor said. Separately, a car bomb killed five people in Homs.",
                "2014-09-22");
  int leads = 0;
  for (const Report& r : rs) leads += r.lead;
  EXPECT_EQ(leads, 1);
  const Report* lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  EXPECT_EQ(lead->figures.killed->low, 42);
  EXPECT_EQ(lead->figures.children_killed->low, 16);
  ASSERT_TRUE(lead->perpetrator);
}

// R16 geocodes the capitalised words after "in", "near", ...: not a country
// word, even when what follows is lower case (R16b), not a date (R16c), and
// not a single word the article also writes in lower case (R16d), not a
// headline's verb (R16f). The geocoder would take each of these for a Syrian
// village (Sarisah, Al Mu'ah, Sakir, Kul Kilinjah).
TEST_F(ExtractorTest, R16PlacePhraseIsNoCountryDateOrCommonWord) {
  auto not_a_village = [](const std::vector<Report>& rs) {
    ASSERT_FALSE(rs.empty());
    const Report* lead = lead_of(rs);
    ASSERT_NE(lead, nullptr);
    if (lead->place) {
      EXPECT_EQ(lead->place->precision, "country") << lead->place->name;
    }
  };
  not_a_village(run("A car bomb killed 12 people in Syrias opposition-held south, a monitor said."));
  not_a_village(run("Government air strikes killed 15 civilians in May, a monitor said."));
  not_a_village(run("Heavy Shelling in Square Kills 8 Civilians. Eight civilians were killed when shells "
                    "hit the main square of the town, a monitor said."));
  // R16f: a headline's verb after the place is not part of it ("Killing" would be Kul Kilinjah).
  not_a_village(run("Rebel Rockets Hit Market in Syria Killing Nine People. Nine people died when rockets hit "
                    "a crowded market, a monitor said."));
  // A real place after the preposition is still found.
  auto rs = run("Government air strikes killed 15 civilians in Syrias Idlib, a monitor said.");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].place);
  EXPECT_EQ(rs[0].place->admin1, "Idlib");
}

// R10g: the names of a credit line are people's, not the villages the
// geocoder finds for them ("Allen" would be 'Uwaylin in Aleppo province).
TEST_F(ExtractorTest, R10gNoPlaceInACreditLine) {
  auto rs = run("Government air strikes killed 12 people on Monday, a monitor said. Reporting by John "
                "Smith and Anna Brown; Editing by Vicki Allen");
  const Report* lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  if (lead->place) {
    EXPECT_EQ(lead->place->precision, "country") << lead->place->name;
  }
}

// R11a: the article's country is the one its towns and regions name most; a
// country's own name counts half (it is often the actor). Here Idlib (twice)
// against Russia (twice) and Moscow.
TEST_F(ExtractorTest, R11aArticleCountryFromItsTowns) {
  auto rs = run("Russian Airstrikes Hit Hospital in Idlib. Russia said its jets had killed seven fighters "
                "near Idlib, and Moscow denied that Russia hit a hospital.");
  const Report* lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  ASSERT_TRUE(lead->place);
  EXPECT_EQ(lead->place->admin1, "Idlib") << lead->place->name;
}

// R11e: "the Syrian town of Hassak" puts a place in Syria though the
// gazetteer lacks the name: the demonym votes for its country as a town
// does, so two Iraqi towns no longer outvote the one Syrian town found.
TEST_F(ExtractorTest, R11eDemonymBeforeAPlaceKindVotesForItsCountry) {
  auto rs = run("Islamic State killed 15 Assyrian hostages on Friday. The priest heads an aid program in Dohuk and "
                "heard it from a lawyer in the Syrian town of Hassak. Church leaders in Mosul and in Hasakah "
                "condemned the killings.");
  const Report* lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  ASSERT_TRUE(lead->place);
  EXPECT_EQ(lead->place->country, "SY") << lead->place->name;
  EXPECT_EQ(lead->place->admin1, "Al Hasakah") << lead->place->name;
}

// R11b: a report whose sentence names only a place outside the article's
// country takes its paragraph's place in that country.
TEST_F(ExtractorTest, R11bForeignPlaceGivesWayToTheArticlesCountry) {
  auto rs = run("Air strikes killed 12 civilians in Idlib province on Monday, a monitor said. Another five "
                "people were killed on Tuesday as talks went on in Geneva, the monitor said.");
  ASSERT_EQ(rs.size(), 2u);
  ASSERT_TRUE(rs[1].place);
  EXPECT_EQ(rs[1].place->country, "SY");
  EXPECT_EQ(rs[1].place->admin1, "Idlib");
}

// R5: the bomber is the weapon, not an identified agent: "a suicide bomber"
// is not "rebels" (CAMEO's reading) nor "a bomber" the army (an aircraft);
// the group that sent the bomber is the perpetrator when the text names it.
TEST_F(ExtractorTest, R5ABomberIsNotTheAgent) {
  auto rs = run("A suicide bomber killed 30 people at a wedding party in Hasakeh on Monday, a monitor said.");
  ASSERT_FALSE(rs.empty());
  EXPECT_FALSE(rs[0].perpetrator) << rs[0].perpetrator->id;
  rs = run("A motorcycle bomber killed at least 16 civilians outside a bakery in Qamishli on Tuesday.");
  ASSERT_FALSE(rs.empty());
  EXPECT_FALSE(rs[0].perpetrator) << rs[0].perpetrator->id;
  rs = run("An Islamic State suicide bomber killed 30 people at a wedding party in Hasakeh on Monday.");
  ASSERT_FALSE(rs.empty());
  ASSERT_NO_FATAL_FAILURE(expect_agent(rs[0], "isis"));
}

// R9b: a lead whose toll is only an order of magnitude gives way to the first
// later report of a compatible act with a stated toll; a toll of fighters
// does not refine civilians.
TEST_F(ExtractorTest, R9bVagueLeadTollIsRefinedLater) {
  auto rs = run("Dozens of civilians have been killed by air strikes on Manbij, activists said. The strikes "
                "hit a crowded market. At least 73 civilians were killed in the air strikes on Tuesday, a "
                "monitor said.");
  const Report* lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  ASSERT_TRUE(lead->figures.civilians_killed);
  EXPECT_EQ(lead->figures.civilians_killed->low, 73);
  EXPECT_EQ(lead->figures.civilians_killed->text, "At least 73");
  rs = run("Dozens of civilians were killed in shelling on Aleppo on Sunday. Fighting has also killed 30 "
           "soldiers and fighters, the Observatory said.");
  lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  ASSERT_TRUE(lead->figures.civilians_killed);
  EXPECT_EQ(lead->figures.civilians_killed->qualifier, "unknown");
}

// R9d: a rounded floor ("more than 30") gives way to a later exact toll above
// it, not to a smaller one nor to one far above it.
TEST_F(ExtractorTest, R9dRoundedLeadTollIsRefinedLater) {
  const std::string lead_sentence = "Syrian regime air raids killed more than 30 people in and around Aleppo on Friday. ";
  auto rs = run(lead_sentence + "At least 31 people have been killed by regime raids in and around the city, the monitor said.");
  const Report* lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  ASSERT_NO_FATAL_FAILURE(expect_killed(*lead, 31));
  for (const std::string later : {"At least 12 people were killed by regime raids on the city, the monitor said.",
                                  "At least 90 people were killed by regime raids this week, the monitor said."}) {
    rs = run(lead_sentence + later);
    lead = lead_of(rs);
    ASSERT_NE(lead, nullptr) << later;
    ASSERT_TRUE(lead->figures.killed) << later;
    EXPECT_EQ(lead->figures.killed->low, 30) << later;
  }
}

// R15b: a date more than a year before the article's is history; the
// sentences after it in its paragraph do not inherit it.
TEST_F(ExtractorTest, R15bHistoryIsNotInherited) {
  auto rs = run("In 1988 a gas attack on Halabja killed 5,000 people, the report recalled. The opposition "
                "coalition said 650 people died.",
                "2013-08-24");
  ASSERT_EQ(rs.size(), 2u);
  ASSERT_TRUE(rs[0].date);
  EXPECT_EQ(rs[0].date->start.year, 1988);
  ASSERT_TRUE(rs[1].date);
  EXPECT_EQ(rs[1].date->start.iso(), "2013-08-24");
}

// R15d: a date a "since" opens starts a period; the sentences after it in
// its paragraph do not inherit it (one that names no day of its own takes the
// article's date), while a date named plainly still passes on.
TEST_F(ExtractorTest, R15dPeriodStartIsNotInherited) {
  const std::string later = " The toll includes 26 people killed by shelling of Aleppo city.";
  auto rs = run("Air strikes on the province have intensified since rebels launched a campaign to break the "
                "siege on July 31, killing 122 civilians." + later,
                "2016-08-14");
  ASSERT_EQ(rs.size(), 2u);
  ASSERT_TRUE(rs[1].date);
  EXPECT_EQ(rs[1].date->start.iso(), "2016-08-14");
  EXPECT_EQ(rs[1].date->from, "article");
  rs = run("Rebels launched a campaign to break the siege on July 31, killing 122 civilians." + later, "2016-08-14");
  ASSERT_EQ(rs.size(), 2u);
  ASSERT_TRUE(rs[1].date);
  EXPECT_EQ(rs[1].date->start.iso(), "2016-07-31");
  EXPECT_EQ(rs[1].date->from, "paragraph");
}

// R15e: a month or year before the paragraph's day is background: the
// sentences after it keep the day.
TEST_F(ExtractorTest, R15eBackgroundMonthIsNotInherited) {
  auto rs = run("Government air raids on the town of Ariha killed at least 27 people on Monday, activists said. "
                "The town was captured by opposition fighters in May. The LCC said 31 people were killed.",
                "2015-08-04");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs.back().quote.starts_with("The LCC"));
  ASSERT_TRUE(rs.back().date);
  EXPECT_EQ(rs.back().date->start.iso(), "2015-08-03");
  EXPECT_EQ(rs.back().date->from, "paragraph");
}

// R2f: "11 children among 18 dead": the children are part of the 18.
TEST_F(ExtractorTest, R2fPartAmongTheTotal) {
  auto rs = run("Eleven children were among at least 18 people killed when an air raid hit a school in "
                "Aleppo on Wednesday.");
  ASSERT_FALSE(rs.empty());
  ASSERT_NO_FATAL_FAILURE(expect_killed(rs[0], 18));
  ASSERT_TRUE(rs[0].figures.children_killed);
  EXPECT_EQ(rs[0].figures.children_killed->low, 11);
}

// R2/R3 victim phrases: "14 others" is another group of the same toll; a
// number starts another group; "people" stays the head of its phrase.
TEST_F(ExtractorTest, R3VictimGroupsOthersNumbersAndPeople) {
  auto rs = run("Syrian air raids hit a market in Idlib, killing nine children and 14 others, activists said.");
  ASSERT_FALSE(rs.empty());
  ASSERT_NO_FATAL_FAILURE(expect_killed(rs[0], 23));
  rs = run("40 Civilians 25 YPG Fighters Killed 110 Injured by Turkey Near Jarablus.");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].figures.civilians_killed);
  EXPECT_EQ(rs[0].figures.civilians_killed->low, 40);
  rs = run("The strikes hit western Aleppo province, killing at least seven people both militants and "
           "civilians, the Observatory said.");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].victims);
  EXPECT_EQ(rs[0].victims->category, "people");
}

// R2a: a breakdown in words whose noun the lexicon does not know stands
// between the victims and the verb ("including three commanders were killed").
TEST_F(ExtractorTest, R2aBreakdownInWordsBeforeTheVerb) {
  auto rs = run("More than 30 militants including three commanders were killed by the Syrian army in Hama province.");
  ASSERT_FALSE(rs.empty());
  ASSERT_NO_FATAL_FAILURE(expect_killed(rs[0], 30));
  rs = run("On Tuesday 11 people including six school children were killed in regime shelling on Jisreen.");
  ASSERT_FALSE(rs.empty());
  ASSERT_NO_FATAL_FAILURE(expect_killed(rs[0], 11));
}

// R3b: civilian groups add up unless one is civilians at large; R2g': "and
// a child" is one more victim of the group before.
TEST_F(ExtractorTest, R3bCivilianGroupsAddUp) {
  auto rs = run("Five children and four medical staff were killed by regime airstrikes on a hospital in Idlib.");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].figures.civilians_killed);
  EXPECT_EQ(rs[0].figures.civilians_killed->low, 9);
  rs = run("War planes bombed a refugee camp in Idlib province, killing five women and a child.");
  ASSERT_FALSE(rs.empty());
  ASSERT_NO_FATAL_FAILURE(expect_killed(rs[0], 6));
  ASSERT_TRUE(rs[0].figures.civilians_killed);
  EXPECT_EQ(rs[0].figures.civilians_killed->low, 6);
  rs = run("Shelling killed 16 civilians and three children in Douma on Monday.");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].figures.civilians_killed);
  EXPECT_EQ(rs[0].figures.civilians_killed->low, 16);
  // Teachers, like medical staff, are civilians; "citizens" is state media's word for them.
  rs = run("Air strikes hit a school in Idlib province on Wednesday, killing 22 children and six teachers.");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].figures.civilians_killed);
  EXPECT_EQ(rs[0].figures.civilians_killed->low, 28);
  rs = run("A rocket shell landed in al-Zahraa neighborhood in Homs, killing 4 citizens.");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].figures.civilians_killed);
  EXPECT_EQ(rs[0].figures.civilians_killed->low, 4);
}

// R2b' and R2g: "Child Killed 20 People Injured": one child killed, 20 injured;
// "A woman was killed" counts one.
TEST_F(ExtractorTest, R2gOneVictimAndR2bPrimeHeadlineClauses) {
  auto rs = run("Child Killed 20 People Injured in Terrorist Attacks on Aleppo.");
  ASSERT_FALSE(rs.empty());
  ASSERT_NO_FATAL_FAILURE(expect_killed(rs[0], 1));
  ASSERT_TRUE(rs[0].figures.injured);
  EXPECT_EQ(rs[0].figures.injured->low, 20);
  rs = run("A woman was killed and six other people were injured when a landmine exploded in Jarez village.");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].figures.women_killed);
  EXPECT_EQ(rs[0].figures.women_killed->low, 1);
  EXPECT_EQ(rs[0].figures.women_killed->text, "A");
  // Not a victim: "the child was killed" names one already counted; "a suicide bomber" is no victim.
  rs = run("The child was killed when the shell hit the school, and a suicide bomber killed 30 people.");
  ASSERT_FALSE(rs.empty());
  ASSERT_NO_FATAL_FAILURE(expect_killed(rs[0], 30));
}

// R5b: the article's country by its name before the act says where, not who;
// R5c: "controlled by rebels" names the holder, not the agent.
TEST_F(ExtractorTest, R5bCountryNameIsWhereR5cHolderIsNotAgent) {
  auto rs = run("Twin car bombs kill 25 in Syria car bombings in Homs, a monitor said.");
  ASSERT_FALSE(rs.empty());
  EXPECT_FALSE(rs[0].perpetrator) << rs[0].perpetrator->id;
  rs = run("Air strikes killed 10 people on Thursday at a hospital in Idlib province controlled by rebels.");
  ASSERT_FALSE(rs.empty());
  EXPECT_FALSE(rs[0].perpetrator) << rs[0].perpetrator->id;
  // Named as the agent, the country or the group still is.
  rs = run("Air strikes carried out by the Syrian army killed 10 people in Idlib on Thursday.");
  ASSERT_FALSE(rs.empty());
  ASSERT_NO_FATAL_FAILURE(expect_agent(rs[0], "sy.army"));
  rs = run("Russia carried out air strikes that killed 10 people in Idlib on Thursday.");
  ASSERT_FALSE(rs.empty());
  ASSERT_NO_FATAL_FAILURE(expect_agent(rs[0], "ru.military"));
}

// R14b: the lead takes the agent its title and lead name only for a compatible act.
TEST_F(ExtractorTest, R14bLeadAgentOfACompatibleActOnly) {
  auto rs = run("A car bomb killed 25 people in Homs on Wednesday. Syrian government forces shelled rebel "
                "districts of Hama on the same day.");
  const Report* lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  EXPECT_EQ(to_string(lead->type), std::string("explosion"));
  EXPECT_FALSE(lead->perpetrator) << lead->perpetrator->id;
  rs = run("At least 15 civilians were killed in Aleppo on Saturday. Syrian warplanes carried out the air "
           "strikes on a market in the city.");
  lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  ASSERT_NO_FATAL_FAILURE(expect_agent(*lead, "sy.airforce"));
  // A sentence naming no act and no toll gives no agent to the lead.
  rs = run("A car bomb killed 25 people in Homs on Wednesday. Syrian government forces stormed the "
           "districts of the city.");
  lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  EXPECT_FALSE(lead->perpetrator) << lead->perpetrator->id;
}

// R5j: an actor before a toll and its verb belongs to the victims ("Senior
// ISIS Commander, 34 Terrorists Killed"), not to their killers.
TEST_F(ExtractorTest, R5jActorBeforeATollIsNoAgent) {
  auto rs = run("Senior ISIS Commander 34 Terrorists Killed in Clashes in Eastern Aleppo.");
  ASSERT_FALSE(rs.empty());
  EXPECT_FALSE(rs[0].perpetrator && rs[0].perpetrator->id == "isis") << rs[0].perpetrator->id;
  rs = run("ISIS militants killed 34 civilians in eastern Aleppo on Monday.");
  ASSERT_FALSE(rs.empty());
  ASSERT_NO_FATAL_FAILURE(expect_agent(rs[0], "isis"));
}

// R5: "destroyed" is an act of its subject; a passive verb's subject is
// the target ("vehicles of Jabhat al-Nusra were destroyed").
TEST_F(ExtractorTest, R5AttackVerbActiveNotPassive) {
  auto rs = run("The Syrian army destroyed several boats in al-Rastan Lake, killing 12 terrorists aboard.");
  ASSERT_FALSE(rs.empty());
  ASSERT_NO_FATAL_FAILURE(expect_agent(rs[0], "sy.army"));
  // So are the verbs of a ground advance or fight ("advanced ..., killing").
  rs = run("The Syrian army also advanced in Huweijet al-Sakr in Deir Ezzor, killing and injuring scores of terrorists.");
  ASSERT_FALSE(rs.empty());
  ASSERT_NO_FATAL_FAILURE(expect_agent(rs[0], "sy.army"));
  rs = run("More than 20 members of IS were killed in strikes on two of the group's positions in Raqqa province.");
  ASSERT_FALSE(rs.empty());
  EXPECT_FALSE(rs[0].perpetrator) << rs[0].perpetrator->id;
}

// R5k: "anti-X" names X's enemies, not X.
TEST_F(ExtractorTest, R5kAntiXIsNotX) {
  auto rs = run("At least 50 fighters were killed on Tuesday in clashes between rival anti-regime groups east of the capital.");
  ASSERT_FALSE(rs.empty());
  EXPECT_FALSE(rs[0].perpetrator) << rs[0].perpetrator->id;
}

// R5m: an actor right before an act is its agent ("Russian jets struck"),
// but not through a passive ("were hit", "under bombardment", "executed by").
TEST_F(ExtractorTest, R5mPatientOrCommentatorBeforeTheActIsNoAgent) {
  for (const std::string s : {"Twelve people died when IS fighters were hit by strikes near Raqqa on Monday.",
                              "At least 30 people were killed as the militants under heavy bombardment fled Raqqa."}) {
    auto rs = run(s);
    ASSERT_FALSE(rs.empty()) << s;
    EXPECT_FALSE(rs[0].perpetrator) << s << " -> " << rs[0].perpetrator->id;
  }
  // Blame is speech about the act: "the government blamed the attack on terrorists".
  auto blame = run("A car bomb killed 12 people in Homs on Monday. The government blamed the attack on terrorists.");
  for (const Report& r : blame)
    EXPECT_FALSE(r.perpetrator && r.perpetrator->id == "sy.army") << r.quote;
  // The victims' side before a participle with its agent after it.
  auto victims_first = run("Five FSA officers executed by the jihadists on Monday had been kidnapped in Hafez.");
  ASSERT_FALSE(victims_first.empty());
  ASSERT_NO_FATAL_FAILURE(expect_agent(victims_first[0], "jihadists"));
  // An active progressive is no passive.
  auto rs = run("IS has been shelling the town of Kobane since Monday, killing at least 12 civilians.");
  ASSERT_FALSE(rs.empty());
  ASSERT_NO_FATAL_FAILURE(expect_agent(rs[0], "isis"));
}

// "Bombers" after a bombing are the people who carried the bombs (actors
// supplement), not a state's aircraft (CAMEO's reading).
TEST_F(ExtractorTest, BombersAreNotTheStatesAircraft) {
  auto rs = run("Two car bombs killed 18 people in Hama on Friday. The bombers hit the towns of Jibrin and Humeiri.");
  ASSERT_FALSE(rs.empty());
  for (const Report& r : rs) EXPECT_FALSE(r.perpetrator && r.perpetrator->id == "sy.army") << r.quote;
}

// R5c': "by" after a deal's verb names a party to the talks, not an agent.
TEST_F(ExtractorTest, R5cPartyToADealIsNoAgent) {
  auto rs = run("A blast killed 12 evacuees near Aleppo on Saturday, putting the evacuation brokered by rebel backer "
                "Qatar in doubt.");
  ASSERT_FALSE(rs.empty());
  EXPECT_FALSE(rs[0].perpetrator) << rs[0].perpetrator->id;
}

// R14c: a lead without a named agent takes the group that claims
// responsibility, but not from a denied claim or one for another act.
TEST_F(ExtractorTest, R14cClaimOfResponsibilityNamesTheAgent) {
  auto rs = run("A car bomb killed 25 people in Homs on Wednesday. The Islamic State group claimed "
                "responsibility for the attack.");
  const Report* lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  ASSERT_NO_FATAL_FAILURE(expect_agent(*lead, "isis"));
  rs = run("A car bomb killed 25 people in Homs on Wednesday. No group has claimed responsibility, but the "
           "Islamic State group has claimed responsibility for similar attacks.");
  lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  EXPECT_FALSE(lead->perpetrator) << lead->perpetrator->id;
  rs = run("A car bomb killed 25 people in Homs on Wednesday. The Islamic State group claimed "
           "responsibility for a bombing in the city in January.");
  lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  EXPECT_FALSE(lead->perpetrator) << lead->perpetrator->id;
  // A claim in other words: the group claimed the attack, or says one of its
  // own carried it out (past a generic "militant group" after its name).
  for (const std::string claim : {"The Islamic State group claimed the attack.",
                                  "The Islamic State (IS) militant group said in a statement that one of its "
                                  "fighters had fired on the gathering."}) {
    rs = run("A suicide bomber struck a wedding in Hasakeh on Monday, killing 32 people. " + claim);
    SCOPED_TRACE(claim);
    lead = lead_of(rs);
    ASSERT_NE(lead, nullptr);
    ASSERT_NO_FATAL_FAILURE(expect_agent(*lead, "isis"));
  }
}

// R14g: a lead does not take the agent of a lead-region sentence placed in
// another governorate: that is another incident.
TEST_F(ExtractorTest, R14gNoAgentFromAnotherGovernorate) {
  auto rs = run("Two car bombs killed 18 people in the central province of Hama on Friday. The bombings came in a "
                "bloody week which also saw 33 civilians killed in Aleppo on Thursday when government aircraft bombed a "
                "market.");
  const Report* lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  EXPECT_FALSE(lead->perpetrator) << lead->perpetrator->id;
  // In the same governorate it is the lead's agent.
  rs = run("Two car bombs killed 18 people in the central province of Hama on Friday. The bombings came in a "
           "bloody week which also saw 33 civilians killed in Hama on Thursday when government aircraft bombed a "
           "market.");
  lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  ASSERT_NO_FATAL_FAILURE(expect_agent(*lead, "sy.airforce"));
  // The capital and its countryside (Eastern Ghouta is in Rif Dimashq) count as one.
  rs = run("An air strike killed 40 people in Eastern Ghouta on Wednesday. The strike came in a week which also saw "
           "12 people killed in Damascus on Tuesday when government warplanes bombed a market.");
  lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  ASSERT_NO_FATAL_FAILURE(expect_agent(*lead, "sy.airforce"));
}

// R14e: an article that says nobody knows who did it leaves its bombing
// without an agent, even one its lead region names elsewhere.
TEST_F(ExtractorTest, R14eUnclaimedBombingHasNoAgent) {
  auto rs = run("A car bomb killed 20 people at an opposition checkpoint in Azaz on Thursday. No group has claimed "
                "responsibility for the attack.");
  const Report* lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  EXPECT_FALSE(lead->perpetrator) << lead->perpetrator->id;
  rs = run("A motorcycle bomber killed at least 16 civilians in Hasakeh on Tuesday. It was not immediately clear "
           "who carried out the attack, but IS has claimed previous bombings in the region.");
  lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  EXPECT_FALSE(lead->perpetrator) << lead->perpetrator->id;
  // An air strike is not a bombing that anyone claims.
  rs = run("Syrian warplanes killed 20 civilians in Idlib on Thursday. No group has claimed responsibility for "
           "the car bomb that hit Azaz the same day.");
  lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  ASSERT_TRUE(lead->perpetrator);
}

// R14f: the lead does not take as agent the group its victims belong to.
TEST_F(ExtractorTest, R14fVictimsSideIsNotTheLeadsAgent) {
  auto rs = run("A total of 24 Daesh terrorists were killed near Deir ez-Zor on Monday. Daesh fighters shelled the "
                "city with mortars.");
  const Report* lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  EXPECT_FALSE(lead->perpetrator && lead->perpetrator->id == "isis") << lead->perpetrator->id;
}

// R5d: an actor of the victims' own identity is not their killer; a singular
// victim noun after a number ("25 Terrorist Killed") still names the victims.
TEST_F(ExtractorTest, R5dVictimsIdentityIsNotTheKiller) {
  auto rs = run("Syrian Army Frustrates Terrorist Attack on Qalamoun Kills 10 Terrorists.");
  ASSERT_FALSE(rs.empty());
  ASSERT_NO_FATAL_FAILURE(expect_agent(rs[0], "sy.army"));
  rs = run("Syrian Air Force Targets ISIS in Deir El-Zour 25 Terrorist Killed.");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].figures.fighters_killed);
  EXPECT_EQ(rs[0].figures.fighters_killed->low, 25);
}

// R2: state media's words for killing ("eliminated", "martyred").
TEST_F(ExtractorTest, R2EliminatedAndMartyred) {
  auto rs = run("The Syrian army eliminated 75 terrorists in Daraa on Sunday, a military source said.");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].figures.fighters_killed);
  EXPECT_EQ(rs[0].figures.fighters_killed->low, 75);
  ASSERT_NO_FATAL_FAILURE(expect_agent(rs[0], "sy.army"));
  rs = run("A civilian was martyred and five others were injured by a rocket shell on Aleppo.");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].figures.civilians_killed);
  EXPECT_EQ(rs[0].figures.civilians_killed->low, 1);
}

// Nouns of the dead right after their number are a toll ("leaving 5 martyrs",
// "14 fatalities"); elsewhere ("the Martyrs Brigade") they are not.
TEST_F(ExtractorTest, R2aNounsOfTheDead) {
  auto rs = run("A motorcycle bomb exploded near a mosque in Latakia city leaving 5 martyrs.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_NO_FATAL_FAILURE(expect_killed(rs[0], 5));
  rs = run("There were 14 fatalities in the shelling of Aleppo on Monday.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_NO_FATAL_FAILURE(expect_killed(rs[0], 14));
  rs = run("Twelve villagers were slaughtered by IS militants near Salamiyah on Monday.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_TRUE(rs[0].figures.civilians_killed);
  EXPECT_EQ(rs[0].figures.civilians_killed->low, 12);
  rs = run("Funerals were held for the martyrs of Houla in Homs on Monday.");
  for (const Report& r : rs) EXPECT_FALSE(r.figures.killed);
}

// R2c: a toll foreseen ("could reach", "is expected to rise to") is no figure
// of the act; a toll that rose is, even far from "toll". "Confirmed" may
// stand before "dead".
TEST_F(ExtractorTest, R2cForeseenToll) {
  auto rs = run("More than 40 people have been confirmed dead in the suburbs of Damascus and the death toll "
                "could reach as many as 200, the Observatory said.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_NO_FATAL_FAILURE(expect_killed(rs[0], 40));
  EXPECT_EQ(rs[0].figures.killed->qualifier, "more than");
  rs = run("The death toll in Azaz is expected to rise to 60, a monitor said.");
  for (const Report& r : rs) EXPECT_FALSE(r.figures.killed);
  rs = run("The death toll in Azaz rose to 60 on Sunday, a monitor said.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_NO_FATAL_FAILURE(expect_killed(rs[0], 60));
  // A toll that rose may stand further from its subject.
  rs = run("Death toll from terrorist rocket attacks on residential neighborhoods in Aleppo rises to 12.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_NO_FATAL_FAILURE(expect_killed(rs[0], 12));
}

// R2b'': the act named as a noun before "of" and the number.
TEST_F(ExtractorTest, R2bNominalAct) {
  auto rs = run("The rocket bomb led to the killing of one person and the injury of 40 others in Damascus on "
                "Saturday.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_NO_FATAL_FAILURE(expect_killed(rs[0], 1));
  ASSERT_TRUE(rs[0].figures.injured);
  EXPECT_EQ(rs[0].figures.injured->low, 40);
}

// R2h: a person's name right before "was killed" counts one dead; "He was
// killed" names no one.
TEST_F(ExtractorTest, R2hNamedVictim) {
  auto rs = run("The town's medical centre was hit and its director Amjad al-Danaf was killed, activists said.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_NO_FATAL_FAILURE(expect_killed(rs[0], 1));
  EXPECT_EQ(rs[0].figures.killed->text, "Amjad al-Danaf");
  rs = run("He was killed in the town on Monday, activists said.");
  for (const Report& r : rs) EXPECT_FALSE(r.figures.killed);
}

// R15c: a yearless day that only fits the year before is a coming day.
TEST_F(ExtractorTest, R15cComingDayIsNotTheActsDay) {
  auto rs = run("Syrian rebels bombarded a campaign rally ahead of a controversial June 3 poll, killing at "
                "least 21 people, a monitor said.",
                "2014-05-23");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].date);
  EXPECT_EQ(rs[0].date->start.iso(), "2014-05-23");
  rs = run("Air strikes on May 20 killed at least 21 people, a monitor said.", "2014-05-23");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].date);
  EXPECT_EQ(rs[0].date->start.iso(), "2014-05-20");
}

// R3 victim phrases: "regime and rebel fighters" is one phrase; R3c: "killed
// 28 and wounded 30 militants": the 28 are militants too.
// R2a: a victim group the lexicon does not know, right before the verb, does
// not hide the verb from the figures before it.
TEST_F(ExtractorTest, R2aUnknownGroupBeforeTheVerb) {
  auto rs = run("Clashes have rocked the city of Hasakeh leaving 23 civilians - including nine children - and 16 "
                "combattants dead, the Observatory said.");
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_TRUE(rs[0].figures.civilians_killed);
  EXPECT_EQ(rs[0].figures.civilians_killed->low, 23);
  ASSERT_TRUE(rs[0].figures.children_killed);
  EXPECT_EQ(rs[0].figures.children_killed->low, 9);
}

TEST_F(ExtractorTest, R3cSharedVictims) {
  auto rs = run("At least 70 regime and rebel fighters have been killed in 24 hours in Aleppo, a monitor said.");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].figures.fighters_killed);
  EXPECT_EQ(rs[0].figures.fighters_killed->low, 70);
  rs = run("The Syrian army killed 28 and wounded 30 Daesh terror group militants in Deir ez-Zor city.");
  ASSERT_FALSE(rs.empty());
  ASSERT_TRUE(rs[0].figures.fighters_killed);
  EXPECT_EQ(rs[0].figures.fighters_killed->low, 28);
  EXPECT_FALSE(rs[0].figures.civilians_killed);
}

// R11c: for the article's main place a governorate counts as a town: the first named wins.
TEST_F(ExtractorTest, R11cFirstNamedGovernorateOrTown) {
  auto rs = run("US-led coalition air strikes killed 10 civilians in Syria, the Observatory said.\n\n"
                "The strikes hit villages in Hasakah province and a bridge in the city of Deir ez-Zor.");
  const Report* lead = lead_of(rs);
  ASSERT_NE(lead, nullptr);
  ASSERT_TRUE(lead->place);
  EXPECT_EQ(lead->place->admin1, "Al Hasakah") << lead->place->name;
}

}  // namespace
}  // namespace sitrep
