// Linking and assessment: the rules on hand-made reports, the seed articles
// end to end, the blocked linker against its all-pairs twin, and incremental
// against full linking.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <random>

#include "assess/assess.h"
#include "assess/narratives.h"
#include "kb/actors.h"
#include "kb/kb_paths.h"
#include "link/units.h"
#include "naive_linker.h"
#include "serve/incident_json.h"
#include "serve/report_html.h"
#include "serve/report_json.h"
#include "sitrep/extract.h"
#include "sitrep/ingest.h"
#include "sitrep/link.h"
#include "text/dates.h"

// Reports are written with designated initializers naming only the fields a
// test is about; the others keep their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace sitrep {
namespace {

// A specific report (its own date and place) of one article.
struct R {
  std::string id, article, outlet = "outlet-a";
  IncidentType type = IncidentType::kAirStrike;
  std::string date = "2017-06-05";
  double lat = 35.95, lon = 39.01;  // Raqqa
  std::string place_precision = "locality", admin1 = "Ar Raqqah", place_id = "gn:172955";
  std::optional<Figure> killed;
  std::string source, source_id;
  Stance stance = Stance::kReported;
  std::string perp_id, perp_side, victims;
  std::optional<std::string> duplicate_of;

  LinkInput build() const {
    LinkInput in;
    Report& r = in.report;
    r.id = id;
    r.article = article;
    r.type = type;
    const Date d = *text::parse_date(date);
    r.date = ReportDate{d, d, DatePrecision::kDay, "sentence"};
    r.place = ReportPlace{"place", place_id, lat, lon, admin1, "SY", place_precision, "sentence"};
    r.figures.killed = killed;
    if (!source.empty()) r.source = Attribution{source, source_id, "said"};
    r.stance = stance;
    if (!perp_id.empty()) r.perpetrator = ActorRef{perp_id, perp_id, "state_force", perp_side};
    if (!victims.empty()) r.victims = Victims{victims, victims};
    r.quote = "quote of " + id;
    in.article.id = article;
    in.article.outlet = outlet;
    in.article.duplicate_of = duplicate_of;
    in.article.published = d;
    return in;
  }
};

Figure fig(int64_t n, std::string qualifier = "exact") {
  Figure f;
  f.low = n;
  f.qualifier = std::move(qualifier);
  f.text = std::to_string(n);
  return f;
}

ActorFacts facts(std::string_view id) {
  if (id == "sohr") return {"monitor", ""};
  if (id == "coalition") return {"state_force", "coalition"};
  if (id == "sy.army") return {"state_force", "government"};
  return {};
}

std::vector<Incident> link(std::vector<R> rs) {
  std::vector<LinkInput> in;
  for (const R& r : rs) in.push_back(r.build());
  return link_reports(std::move(in), facts);
}

const Incident* with_report(const std::vector<Incident>& incidents, const std::string& id) {
  for (const Incident& i : incidents)
    if (std::find(i.reports.begin(), i.reports.end(), id) != i.reports.end()) return &i;
  return nullptr;
}

bool together(const std::vector<Incident>& incidents, const std::string& a, const std::string& b) {
  const Incident* i = with_report(incidents, a);
  return i && i == with_report(incidents, b);
}

// --- Rules L1-L8 ---

TEST(Link, SameTypeDayAndTownAcrossOutletsIsOneIncident) {
  auto inc = link({{.id = "a1", .article = "A"}, {.id = "b1", .article = "B", .outlet = "outlet-b"}});
  ASSERT_EQ(inc.size(), 1u);
  EXPECT_EQ(inc[0].articles.size(), 2u);
  EXPECT_EQ(inc[0].outlets, (std::vector<std::string>{"outlet-a", "outlet-b"}));
}

TEST(Link, ADayApartWithAMatchingTollLinksButTwoDaysApartDoesNot) {
  auto inc = link({{.id = "a1", .article = "A", .killed = fig(21)},
                   {.id = "b1", .article = "B", .date = "2017-06-06", .killed = fig(21, "at least")},
                   {.id = "c1", .article = "C", .date = "2017-06-08", .killed = fig(21)}});
  EXPECT_TRUE(together(inc, "a1", "b1"));
  EXPECT_FALSE(together(inc, "a1", "c1"));
}

TEST(Link, FarPlacesIncompatibleTypesAndVictimsDoNotLink) {
  auto inc = link({{.id = "a1", .article = "A", .victims = "civilians"},
                   {.id = "b1", .article = "B", .lat = 36.2, .lon = 37.15, .admin1 = "Aleppo"},  // Aleppo, 170 km
                   {.id = "c1", .article = "C", .type = IncidentType::kDisplacement},
                   {.id = "d1", .article = "D", .victims = "soldiers"}});
  EXPECT_EQ(inc.size(), 4u);
}

TEST(Link, TollsMoreThanThreeTimesApartExcludeEachOther) {
  auto inc = link({{.id = "a1", .article = "A", .killed = fig(5)}, {.id = "b1", .article = "B", .killed = fig(40)}});
  EXPECT_FALSE(together(inc, "a1", "b1"));
}

TEST(Link, AMentionWithoutDateOrTollOfItsOwnStaysAlone) {
  std::vector<LinkInput> in = {R{.id = "a1", .article = "A"}.build(), R{.id = "b1", .article = "B"}.build()};
  in[1].report.date->from = "article";
  in[1].report.place->from = "article";
  const auto inc = link_reports(std::move(in));
  EXPECT_EQ(inc.size(), 2u);
}

TEST(Link, ReportsOfOneArticleNeverLinkAcrossButMergeWithinWhenTheyAgree) {
  // Two tolls of one article from one source are two incidents; the same
  // toll restated is one.
  auto inc = link({{.id = "a1", .article = "A", .killed = fig(43)},
                   {.id = "a2", .article = "A", .killed = fig(2)},
                   {.id = "a3", .article = "A", .killed = fig(43)}});
  EXPECT_FALSE(together(inc, "a1", "a2"));
  EXPECT_TRUE(together(inc, "a1", "a3"));
}

TEST(Link, AnIncidentHoldsAtMostOneUnitPerArticle) {
  // B's two strikes both fit A's, but only the better one joins it.
  auto inc = link({{.id = "a1", .article = "A", .killed = fig(8)},
                   {.id = "b1", .article = "B", .killed = fig(8)},
                   {.id = "b2", .article = "B", .date = "2017-06-06", .killed = fig(30)}});
  EXPECT_TRUE(together(inc, "a1", "b1"));
  EXPECT_FALSE(together(inc, "b1", "b2"));
}

TEST(Link, WireCopiesFollowTheirOriginalInAnyOrder) {
  // Rule L9: copies of article A (duplicate_of A) join A's incidents, whichever comes first.
  auto copy = [](std::string id, std::string article, std::string outlet, std::optional<Figure> killed) {
    return R{.id = std::move(id), .article = std::move(article), .outlet = std::move(outlet), .killed = killed,
             .stance = Stance::kAsserted, .duplicate_of = "A"};
  };
  std::vector<R> rs = {{.id = "a1", .article = "A", .killed = fig(9), .stance = Stance::kAsserted},
                       {.id = "a2", .article = "A", .date = "2017-06-09", .lat = 36.2, .lon = 37.15,
                        .admin1 = "Aleppo", .stance = Stance::kAsserted}};
  for (int c = 0; c < 30; ++c) {
    const std::string art = "C" + std::to_string(c);
    rs.push_back(copy(art + "-1", art, "copy-" + std::to_string(c), fig(9)));
    R second = copy(art + "-2", art, "copy-" + std::to_string(c), std::nullopt);
    second.date = "2017-06-09";
    second.lat = 36.2;
    second.lon = 37.15;
    second.admin1 = "Aleppo";
    rs.push_back(second);
  }
  auto forward = link(rs);
  std::reverse(rs.begin(), rs.end());
  auto backward = link(rs);
  ASSERT_EQ(forward.size(), 2u);
  ASSERT_EQ(backward.size(), 2u);
  for (size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(forward[k].id, backward[k].id);
    EXPECT_EQ(forward[k].articles.size(), 31u);
    EXPECT_EQ(forward[k].independent_sources, 1u) << forward[k].grade_reason;  // all copies of outlet-a
  }
  EXPECT_TRUE(together(forward, "a1", "C7-1"));
  EXPECT_FALSE(together(forward, "a1", "C7-2"));
}

TEST(Link, IdenticalAccountsUnderManyIdsAreLinkedThroughOneLeader) {
  // Rule L10: the same account under 40 article ids (no duplicate_of known,
  // as from `sitrep extract`), added in two orders.
  std::vector<R> rs;
  for (int c = 0; c < 40; ++c)
    rs.push_back({.id = "r" + std::to_string(c), .article = "A" + std::to_string(c), .outlet = "o" + std::to_string(c),
                  .killed = fig(9)});
  rs.push_back({.id = "other", .article = "B", .date = "2017-06-06", .killed = fig(9, "at least")});
  auto forward = link(rs);
  std::reverse(rs.begin(), rs.end());
  auto backward = link(rs);
  ASSERT_EQ(forward.size(), 1u);
  ASSERT_EQ(backward.size(), 1u);
  EXPECT_EQ(forward[0].id, backward[0].id);
  EXPECT_EQ(forward[0].articles.size(), 41u);
}

TEST(Link, IncidentIdsDependOnTheReportsOnly) {
  auto x = link({{.id = "a1", .article = "A"}, {.id = "b1", .article = "B"}});
  auto y = link({{.id = "b1", .article = "B"}, {.id = "a1", .article = "A"}});
  ASSERT_EQ(x.size(), 1u);
  ASSERT_EQ(y.size(), 1u);
  EXPECT_EQ(x[0].id, y[0].id);
}

// --- Assessment: rules A1-A3, G1-G6 ---

TEST(Assess, AtLeastTwelveAndTwentyOneAreCompatible) {
  auto inc = link({{.id = "a1", .article = "A", .killed = fig(12, "at least"), .source = "state media"},
                   {.id = "b1", .article = "B", .killed = fig(21), .source = "SOHR", .source_id = "sohr"}});
  ASSERT_EQ(inc.size(), 1u);
  ASSERT_EQ(inc[0].figures.size(), 1u);
  const FigureRange& k = inc[0].figures[0].second;
  EXPECT_EQ(k.low, 12);
  EXPECT_EQ(k.best, 21);
  EXPECT_EQ(k.high, 21);
  EXPECT_TRUE(inc[0].contradictions.empty());
}

TEST(Assess, TwelveAndTwentyOneStatedExactlyContradict) {
  auto inc = link({{.id = "a1", .article = "A", .killed = fig(12), .source = "state media"},
                   {.id = "b1", .article = "B", .killed = fig(21), .source = "SOHR", .source_id = "sohr"}});
  ASSERT_EQ(inc.size(), 1u);
  ASSERT_EQ(inc[0].contradictions.size(), 1u);
  EXPECT_EQ(inc[0].contradictions[0].field, "killed");
  ASSERT_EQ(inc[0].contradictions[0].values.size(), 2u);
  EXPECT_EQ(inc[0].figures[0].second.best, 12);  // the lower middle of the stated figures
}

TEST(Assess, ALaterTollFromTheSameSourceReplacesTheEarlier) {
  std::vector<assess::StatedFigure> stated = {{fig(8), "actor:sohr", 1, "r1"},
                                              {fig(12), "actor:sohr", 2, "r2"},
                                              {fig(10, "at least"), "name:activists", 1, "r3"}};
  const assess::Reconciled r = assess::reconcile(stated);
  EXPECT_FALSE(r.contradictory);
  EXPECT_EQ(r.range.low, 10);
  EXPECT_EQ(r.range.best, 12);
  EXPECT_EQ(r.range.high, 12);
  EXPECT_EQ(r.kept.size(), 2u);
}

TEST(Assess, OpenEndedFiguresLeaveTheHighOpen) {
  const assess::Reconciled r = assess::reconcile({{fig(12, "at least"), "a", 1, "r1"}, {fig(21, "more than"), "b", 1, "r2"}});
  EXPECT_EQ(r.range.low, 12);
  EXPECT_EQ(r.range.best, 21);
  EXPECT_FALSE(r.range.high.has_value());
}

// "a number of civilians" is 2 and up (numbers.cc), not exactly 2: it neither
// contradicts "21" nor vetoes the link, and alone it leaves the high open.
TEST(Assess, AVagueQuantityIsOpenEnded) {
  const Figure vague = fig(2, "unknown");
  EXPECT_TRUE(link::open_ended(vague));
  EXPECT_FALSE(link::open_ended(fig(2)));
  EXPECT_EQ(link::interval_of(vague).hi, INFINITY);
  auto inc = link({{.id = "a1", .article = "A", .killed = vague}, {.id = "b1", .article = "B", .killed = fig(21)}});
  ASSERT_EQ(inc.size(), 1u);
  EXPECT_TRUE(inc[0].contradictions.empty());
  EXPECT_EQ(inc[0].figures[0].second.best, 21);
  const assess::Reconciled alone = assess::reconcile({{vague, "a", 1, "r1"}});
  EXPECT_FALSE(alone.range.high.has_value());
  // Said later by the same source, it does not replace the number.
  const assess::Reconciled later = assess::reconcile({{fig(43), "a", 1, "r1"}, {vague, "a", 2, "r2"}});
  EXPECT_EQ(later.range.best, 43);
  EXPECT_EQ(later.range.high, 43);
  // Within one article it is no toll to join two accounts by: the 43 killed
  // in one strike and "a number of" civilians in another stay two incidents.
  auto two = link({{.id = "a1", .article = "A", .killed = fig(43)},
                   {.id = "a2", .article = "A", .killed = vague}});
  EXPECT_EQ(two.size(), 2u);
}

TEST(Assess, TwoOutletsQuotingOneMonitorAreOneSource) {
  auto inc = link({{.id = "a1", .article = "A", .source = "SOHR", .source_id = "sohr"},
                   {.id = "b1", .article = "B", .outlet = "outlet-b", .source = "Syrian Observatory", .source_id = "sohr"}});
  ASSERT_EQ(inc.size(), 1u);
  EXPECT_EQ(inc[0].independent_sources, 1u);
  EXPECT_EQ(inc[0].grade, "weak");
  ASSERT_EQ(inc[0].sources.size(), 1u);
  EXPECT_EQ(inc[0].sources[0].kind, "monitor");
  EXPECT_EQ(inc[0].sources[0].outlets.size(), 2u);
}

TEST(Assess, AWireCopyCountsOnceWithTheArticleItCopies) {
  auto inc = link({{.id = "a1", .article = "A", .stance = Stance::kAsserted},
                   {.id = "b1", .article = "B", .outlet = "outlet-b", .stance = Stance::kAsserted, .duplicate_of = "A"}});
  ASSERT_EQ(inc.size(), 1u);
  EXPECT_EQ(inc[0].independent_sources, 1u);
}

TEST(Assess, TwoIndependentSourcesAreFair) {
  auto inc = link({{.id = "a1", .article = "A", .source = "SOHR", .source_id = "sohr"},
                   {.id = "b1", .article = "B", .outlet = "outlet-b", .stance = Stance::kAsserted}});
  ASSERT_EQ(inc.size(), 1u);
  EXPECT_EQ(inc[0].grade, "fair");
  EXPECT_NE(inc[0].grade_reason.find("2 independent sources"), std::string::npos) << inc[0].grade_reason;
}

TEST(Assess, ThePerpetratorsOwnStatementConfirms) {
  auto inc = link({{.id = "a1", .article = "A", .source = "the coalition", .source_id = "coalition",
                    .perp_id = "coalition", .perp_side = "coalition"}});
  ASSERT_EQ(inc.size(), 1u);
  EXPECT_EQ(inc[0].grade, "confirmed");
  EXPECT_EQ(inc[0].sources[0].kind, "party");
}

TEST(Assess, BlamingDifferentSidesIsContested) {
  auto inc = link({{.id = "a1", .article = "A", .perp_id = "coalition", .perp_side = "coalition"},
                   {.id = "b1", .article = "B", .killed = fig(3), .perp_id = "sy.army", .perp_side = "government"},
                   {.id = "c1", .article = "C", .killed = fig(3)}});
  const Incident* i = with_report(inc, "a1");
  ASSERT_TRUE(i);
  ASSERT_TRUE(together(inc, "a1", "b1"));
  EXPECT_EQ(i->grade, "contested");
  EXPECT_EQ(i->contradictions.back().field, "perpetrator");
}

TEST(Assess, ADenialAloneDiscountsAndADenialOfAClaimContests) {
  auto denied = link({{.id = "a1", .article = "A", .stance = Stance::kDenied}});
  EXPECT_EQ(denied[0].grade, "discounted");
  auto both = link({{.id = "a1", .article = "A", .source = "SOHR", .source_id = "sohr", .stance = Stance::kReported},
                    {.id = "b1", .article = "B", .stance = Stance::kDenied}});
  ASSERT_EQ(both.size(), 1u);
  EXPECT_EQ(both[0].grade, "contested");
  EXPECT_EQ(both[0].contradictions.back().field, "occurred");
}

TEST(Assess, OneArticleIsSingleSource) {
  auto inc = link({{.id = "a1", .article = "A", .stance = Stance::kAsserted}});
  EXPECT_EQ(inc[0].grade, "single-source");
}

// --- Real reports: the seeds, the differential test, incremental linking ---

std::vector<LinkInput> extract_all(const std::vector<std::string>& inputs) {
  auto extractor = Extractor::load(kb::default_kb_dir());
  EXPECT_TRUE(extractor.is_ok()) << extractor.status().message();
  std::vector<LinkInput> out;
  if (!extractor.is_ok()) return out;
  for_each_document(
      inputs, IngestLimits{},
      [&](RawDocument&& doc) {
        auto a = build_article(doc, nullptr);
        if (!a.is_ok()) return;
        ArticleInfo info{a.value().id, a.value().outlet, doc.input, a.value().title, std::nullopt, std::nullopt};
        if (a.value().published) info.published = a.value().published->date;
        for (Report& r : extractor.value()->extract(a.value())) out.push_back({std::move(r), info});
      },
      nullptr);
  return out;
}

const std::string kSeeds = std::string(SITREP_SOURCE_DIR) + "/data/samples/seeds";

TEST(LinkSeeds, TheEuphratesBoatStrikeIsOneIncidentOfTwoOutletsWithItsRange) {
  const std::vector<Incident> inc = link_reports(extract_all({kSeeds}));
  const Incident* boat = nullptr;
  for (const Incident& i : inc)
    for (size_t m = 0; m < i.reports.size() && !boat; ++m)
      if (i.articles.size() >= 2 && !i.figures.empty() && i.figures[0].first == "killed" &&
          i.figures[0].second.high == 21)
        boat = &i;
  ASSERT_TRUE(boat) << "no incident of 2+ articles with a toll up to 21";
  EXPECT_EQ(boat->date->start.iso(), "2017-06-05");
  EXPECT_EQ(boat->figures[0].second.low, 12);
  EXPECT_EQ(boat->figures[0].second.best, 21);
  EXPECT_TRUE(boat->contradictions.empty());
  EXPECT_GE(boat->independent_sources, 2u);
  // The 43 killed on Saturday stays an incident of its own.
  for (const Incident& i : inc)
    for (const auto& [name, r] : i.figures)
      if (name == "killed" && r.best == 43) {
        EXPECT_EQ(i.articles.size(), 1u);
      }
}

TEST(LinkSeeds, TheAlTanfConvoyStrikeIsOneIncidentOfTwoOutlets) {
  // wsws: "in the al-Tanf area ... the US carried out an airstrike against
  // pro-government forces"; AFP: "hit a regime convoy that was nearing the
  // Al-Tanaf garrison" and "at least 17 pro-regime troops were killed in the air strike".
  const std::vector<Incident> inc = link_reports(extract_all({kSeeds}));
  const Incident* convoy = nullptr;
  for (const Incident& i : inc)
    if (i.place && i.place->name.find("Tanf") != std::string::npos && i.articles.size() >= 2) convoy = &i;
  ASSERT_TRUE(convoy) << "no incident at Al-Tanf reported by two articles";
  ASSERT_FALSE(convoy->figures.empty());
  EXPECT_EQ(convoy->figures[0].first, "killed");
  EXPECT_EQ(convoy->figures[0].second.low, 17);
  EXPECT_FALSE(convoy->figures[0].second.high.has_value());  // "at least 17"
  ASSERT_TRUE(convoy->perpetrator);
  EXPECT_NE(convoy->perpetrator->id, "sy.army") << "the government's forces were the target, not the attacker";
}

// Real reports plus shifted copies of them (other articles, days and places
// moved a little), so that many pairs sit near the blocking boundaries.
std::vector<LinkInput> real_and_shifted() {
  std::vector<LinkInput> base = extract_all({kSeeds, std::string(SITREP_SOURCE_DIR) + "/data/samples/fakes-sample.jsonl"});
  // The same text crawled twice gives the same report ids; the linker keeps the first.
  std::set<std::string> seen;
  base.erase(std::remove_if(base.begin(), base.end(), [&](const LinkInput& in) { return !seen.insert(in.report.id).second; }),
             base.end());
  std::vector<LinkInput> all = base;
  std::mt19937 rng(7);
  for (int copy = 0; copy < 3; ++copy) {
    for (const LinkInput& in : base) {
      LinkInput c = in;
      const std::string suffix = "-c" + std::to_string(copy);
      c.report.id += suffix;
      c.report.article += suffix;
      c.article.id += suffix;
      if (c.report.date) {
        const int shift = static_cast<int>(rng() % 5) - 2;
        auto move = [&](Date& d) {
          if (d.precision != DatePrecision::kDay || d.day == 0) return;
          d = text::civil_from_days(text::days_from_civil(d.year, d.month, d.day) + shift);
        };
        move(c.report.date->start);
        move(c.report.date->end);
      }
      if (c.report.place) {
        c.report.place->lat += (static_cast<int>(rng() % 1001) - 500) / 1000.0 * 0.6;
        c.report.place->lon += (static_cast<int>(rng() % 1001) - 500) / 1000.0 * 0.6;
      }
      all.push_back(std::move(c));
    }
  }
  return all;
}

std::vector<std::vector<size_t>> member_sets(const std::vector<Incident>& incidents) {
  std::vector<std::vector<size_t>> out;
  for (const Incident& i : incidents) out.push_back(i.members);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(LinkDifferential, BlockedCandidatesAndIncidentsEqualAllPairs) {
  const std::vector<LinkInput> inputs = real_and_shifted();
  ASSERT_GT(inputs.size(), 2000u);
  IncidentLinker linker;
  linker.add(inputs);
  const auto blocked = linker.candidate_pairs();
  const auto naive = testing::all_pairs_candidates(inputs);
  EXPECT_GT(naive.size(), 100u) << "the shifted copies should make many links";
  EXPECT_EQ(blocked, naive);
  EXPECT_EQ(member_sets(linker.incidents()), testing::all_pairs_incidents(inputs));
}

TEST(LinkSpool, ReportsKeptOnDiskGiveTheSameIncidentsAsInMemory) {
  const std::vector<LinkInput> inputs = real_and_shifted();
  IncidentLinker memory;
  memory.add(inputs);
  const std::vector<Incident> expected = memory.incidents();
  const std::string spool = ::testing::TempDir() + "link_spool_test";
  IncidentLinker spooled({}, spool);
  EXPECT_FALSE(std::filesystem::exists(spool)) << "the spool is removed from the directory at once";
  // Batches cut across articles: the reports of an article are linked together all the same.
  for (size_t k = 0; k < inputs.size(); k += 97)
    spooled.add(std::vector<LinkInput>(inputs.begin() + static_cast<std::ptrdiff_t>(k),
                                       inputs.begin() + static_cast<std::ptrdiff_t>(std::min(k + 97, inputs.size()))));
  ASSERT_TRUE(spooled.status().is_ok()) << spooled.status().message();
  const std::vector<Incident> got = spooled.incidents();
  ASSERT_EQ(got.size(), expected.size());
  std::string a, b;
  for (size_t k = 0; k < got.size(); ++k) {
    append_incident_json(a, expected[k]);
    append_incident_json(b, got[k]);
    ASSERT_EQ(a, b) << "incident " << k;
    EXPECT_EQ(expected[k].members, got[k].members);
  }
  ASSERT_EQ(spooled.size(), inputs.size());
  const LinkInput back = spooled.input(inputs.size() / 2);
  EXPECT_EQ(back.article.outlet, inputs[inputs.size() / 2].article.outlet);
  // Every report reads back as it was given.
  for (size_t k = 0; k < inputs.size(); ++k) {
    a.clear();
    b.clear();
    append_report_json(a, inputs[k].report);
    append_report_json(b, spooled.input(k).report);
    ASSERT_EQ(a, b) << "report " << k;
  }
}

TEST(LinkSpool, ReportsAddedAfterAssessmentAreReadBackToo) {
  // Incidents asked for halfway (the spool is mapped for reading), then the
  // other articles added: the end is the same as adding everything at once.
  const std::vector<LinkInput> inputs = real_and_shifted();
  IncidentLinker memory;
  memory.add(inputs);
  const std::vector<Incident> expected = memory.incidents();
  size_t half = inputs.size() / 2;
  while (half < inputs.size() && inputs[half].report.article == inputs[half - 1].report.article) ++half;
  IncidentLinker spooled({}, ::testing::TempDir() + "link_spool_twice_test");
  spooled.add(std::vector<LinkInput>(inputs.begin(), inputs.begin() + static_cast<std::ptrdiff_t>(half)));
  EXPECT_FALSE(spooled.incidents().empty());
  spooled.add(std::vector<LinkInput>(inputs.begin() + static_cast<std::ptrdiff_t>(half), inputs.end()));
  const std::vector<Incident> got = spooled.incidents();
  ASSERT_TRUE(spooled.status().is_ok()) << spooled.status().message();
  ASSERT_EQ(got.size(), expected.size());
  std::string a, b;
  for (size_t k = 0; k < got.size(); ++k) {
    append_incident_json(a, expected[k]);
    append_incident_json(b, got[k]);
  }
  EXPECT_EQ(a, b);
}

TEST(LinkSpool, AnArticlesReportsComingApartLinkAsAllTogether) {
  // Round robin over the articles: each one's first report, then each one's
  // second, ...: the reports of every article with several come apart.
  const std::vector<LinkInput> base = real_and_shifted();
  std::vector<std::vector<const LinkInput*>> of_article;
  std::map<std::string, size_t> number;
  for (const LinkInput& in : base) {
    auto [it, fresh] = number.try_emplace(in.report.article, of_article.size());
    if (fresh) of_article.emplace_back();
    of_article[it->second].push_back(&in);
  }
  std::vector<LinkInput> inputs;
  for (size_t round = 0; inputs.size() < base.size(); ++round)
    for (const auto& reports : of_article)
      if (round < reports.size()) inputs.push_back(*reports[round]);
  IncidentLinker spooled({}, ::testing::TempDir() + "link_spool_apart_test");
  for (size_t k = 0; k < inputs.size(); k += 97)
    spooled.add(std::vector<LinkInput>(inputs.begin() + static_cast<std::ptrdiff_t>(k),
                                       inputs.begin() + static_cast<std::ptrdiff_t>(std::min(k + 97, inputs.size()))));
  ASSERT_TRUE(spooled.status().is_ok()) << spooled.status().message();
  EXPECT_EQ(member_sets(spooled.incidents()), testing::all_pairs_incidents(inputs));
  const LinkInput back = spooled.input(inputs.size() / 3);
  EXPECT_EQ(back.report.quote, inputs[inputs.size() / 3].report.quote);
}

TEST(ReportCards, TheMostReportedIncidentsInAnyArrivalOrderShownByDate) {
  // 1,200 incidents: every third a single mention without figures (no card),
  // the others reported by 1-6 articles.
  std::vector<Incident> all;
  for (int k = 0; k < 1200; ++k) {
    Incident i;
    i.id = "i" + std::to_string(10000 + k);
    i.date = ReportDate{Date{2017, 6, 1 + k % 28}, Date{2017, 6, 1 + k % 28}, DatePrecision::kDay, "sentence"};
    const size_t articles = k % 3 == 0 ? 1 : 1 + (k * 7) % 6;
    for (size_t a = 0; a < articles; ++a) i.articles.push_back("a" + std::to_string(a));
    if (k % 3 != 0 && articles == 1) i.figures.push_back({"killed", FigureRange{3, 3, 3, 1}});
    if (k % 50 == 0) i.contradictions.push_back({"killed", {}});
    all.push_back(std::move(i));
  }
  auto pick = [](const std::vector<Incident>& order) {
    CardPicker p;
    for (const Incident& i : order) p.add(i);
    return p;
  };
  const CardPicker forward = pick(all);
  std::vector<Incident> reversed(all.rbegin(), all.rend());
  const CardPicker backward = pick(reversed);
  EXPECT_EQ(forward.incidents(), 1200u);
  EXPECT_EQ(forward.worthy(), 800u);
  EXPECT_EQ(forward.with_contradictions(), 24u);
  const std::vector<Incident> cards = forward.cards();
  ASSERT_EQ(cards.size(), CardPicker::kMaxCards);
  std::vector<std::string> ids, back_ids;
  size_t fewest = 99;
  for (const Incident& i : cards) {
    ids.push_back(i.id);
    fewest = std::min(fewest, i.articles.size());
  }
  for (const Incident& i : backward.cards()) back_ids.push_back(i.id);
  EXPECT_EQ(ids, back_ids) << "the cards do not depend on the order incidents arrive in";
  EXPECT_TRUE(std::is_sorted(cards.begin(), cards.end(), [](const Incident& a, const Incident& b) {
    return IncidentLinker::order_key(a) < IncidentLinker::order_key(b);
  }));
  // No incident left out is reported by more articles than one shown.
  size_t more = 0;
  for (const Incident& i : all) more += i.articles.size() > fewest;
  EXPECT_LE(more, CardPicker::kMaxCards);
}

TEST(LinkIncremental, AddingInBatchesGivesTheSameIncidentsAsOneRun) {
  const std::vector<LinkInput> inputs = real_and_shifted();
  IncidentLinker full;
  full.add(inputs);
  const std::vector<Incident> expected = full.incidents();
  // Batches hold whole articles, as `sitrep run` adds them; the later batches first.
  std::vector<std::vector<LinkInput>> batches(3);
  std::map<std::string, size_t> batch_of;
  for (const LinkInput& in : inputs) {
    auto [it, fresh] = batch_of.try_emplace(in.report.article, batch_of.size() % 3);
    batches[it->second].push_back(in);
  }
  IncidentLinker inc;
  for (size_t b = 3; b-- > 0;) inc.add(batches[b]);
  inc.add(batches[1]);  // adding again changes nothing
  const std::vector<Incident> got = inc.incidents();
  ASSERT_EQ(got.size(), expected.size());
  std::map<std::string, const Incident*> by_id;
  for (const Incident& i : got) by_id[i.id] = &i;
  for (const Incident& e : expected) {
    auto it = by_id.find(e.id);
    ASSERT_NE(it, by_id.end()) << "incident " << e.id << " missing after incremental adds";
    std::vector<std::string> a = e.reports, b = it->second->reports;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b);
    EXPECT_EQ(e.grade, it->second->grade);
  }
}

}  // namespace
}  // namespace sitrep

namespace sitrep {
namespace {

// --- Narratives: rules N1-N4 ---

Article text_article(std::string id, std::string outlet, std::string text) {
  Article a;
  a.id = std::move(id);
  a.outlet = std::move(outlet);
  a.text = std::move(text);
  return a;
}

std::map<std::string, std::vector<std::string>> stances(const std::vector<assess::Narrative>& ns) {
  std::map<std::string, std::vector<std::string>> out;
  for (const assess::Narrative& n : ns)
    for (const assess::NarrativePosition& p : n.positions) out[n.frame].push_back(p.stance + ":" + p.attributed_to);
  return out;
}

TEST(Narratives, EachFrameWithItsStances) {
  auto actors = kb::ActorDictionary::load(kb::default_kb_dir() + "/actors.bin");
  ASSERT_TRUE(actors.is_ok()) << actors.status().message();
  const std::vector<Article> articles = {
      text_article("a", "outlet-a",
                   "Reports from Iranian media said the coalition left an escape route for ISIS fighters.\n\n"
                   "These reports turned out to be propaganda.\n\n"
                   "The SDF denied it: there is no agreement with ISIS.\n\n"
                   "Washington is in a de facto alliance with ISIS.\n\n"
                   "Activists say the chemical attack was staged by rescuers.\n\n"
                   "The regime deliberately targets hospitals in the province."),
      // Not the claims: an evacuation of rebels, people who back a group, "armed terrorist groups".
      text_article("b", "outlet-b",
                   "Rebel fighters were granted safe passage out of Madaya.\n\n"
                   "Supporters of Nusra Front blamed the blast on rivals.\n\n"
                   "Armed terrorist groups breached the truce three times."),
  };
  const auto found = stances(assess::find_narratives(articles, *actors.value()));
  ASSERT_EQ(found.count("escape_deal"), 1u);
  const std::vector<std::string>& escape = found.at("escape_deal");
  ASSERT_EQ(escape.size(), 3u);
  EXPECT_EQ(escape[0], "reports:Iranian media");
  EXPECT_EQ(escape[1], "rejects:outlet-a");
  EXPECT_EQ(escape[2], "denies:Syrian Democratic Forces");
  EXPECT_EQ(found.at("supports_jihadists"), (std::vector<std::string>{"asserts:outlet-a"}));
  EXPECT_EQ(found.at("staged_chemical").size(), 1u);
  EXPECT_EQ(found.at("targets_civilians"), (std::vector<std::string>{"asserts:outlet-a"}));
}

// Words are runs of anything but space, tab and newline ("\r", "—" and "é"
// are inside words), counted the same at any length and alignment.
TEST(OutletProfiles, CountWordsBetweenSpacesTabsAndNewlines) {
  const std::string pieces[] = {"a", "strike", "\xc3\xa9t\xc3\xa9", "\xe2\x80\x94", "x\ry", " ", "\t", "\n", "  \n\t"};
  std::mt19937 rng(7);
  for (int n = 0; n < 200; ++n) {
    std::string text;
    while (text.size() < static_cast<size_t>(n % 41)) text += pieces[rng() % std::size(pieces)];
    size_t expected = 0;
    bool in_word = false;
    for (char c : text) {
      const bool space = c == ' ' || c == '\t' || c == '\n';
      if (!space && !in_word) ++expected;
      in_word = !space;
    }
    const std::vector<assess::OutletProfile> p = assess::profile_outlets({text_article("a", "o", text)}, {});
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].words, expected) << text;
  }
}

// report.html's cards: a story in the same words in many reports shows once,
// with the others named under it, and a card shows a bounded number of
// quotes, counting the rest (a card of every copy would run to megabytes).
TEST(ReportHtml, CardFoldsCopiesAndCountsWhatItLeavesOut) {
  auto render = [](size_t members, size_t copies) {
    Incident i;
    i.id = "inc";
    for (size_t m = 0; m < members; ++m) {
      i.members.push_back(m);
      i.reports.push_back("r" + std::to_string(m));
      i.articles.push_back("a" + std::to_string(m));
    }
    CardPicker picker;
    picker.add(i);
    const std::vector<Article> articles;
    const std::vector<assess::Narrative> narratives;
    const std::vector<assess::OutletProfile> outlets;
    auto report = [copies](size_t m) {
      LinkInput in;
      in.report.id = "r" + std::to_string(m);
      in.report.article = "a" + std::to_string(m);
      in.report.quote = m < copies ? "The same wire story." : "Own words number " + std::to_string(m) + ".";
      in.article.outlet = "outlet-" + std::to_string(m);
      return in;
    };
    return render_report_html(HtmlReportInput{articles, members, report, picker, narratives, outlets});
  };
  auto count = [](const std::string& h, const std::string& what) {
    size_t n = 0;
    for (size_t at = h.find(what); at != std::string::npos; at = h.find(what, at + 1)) ++n;
    return n;
  };

  // 100 reports, the first 80 in the same words: one quote, 59 more named
  // under it (60 are read), 40 counted as not shown.
  std::string h = render(100, 80);
  EXPECT_EQ(count(h, "<blockquote>"), 1u);
  EXPECT_EQ(count(h, "The same wire story."), 1u);
  EXPECT_NE(h.find("same words in 59 more report(s): outlet-1, outlet-2,"), std::string::npos);
  EXPECT_NE(h.find("40 more report(s) of this incident are not shown"), std::string::npos);

  // 20 reports in their own words: 12 quotes, 8 counted.
  h = render(20, 0);
  EXPECT_EQ(count(h, "<blockquote>"), 12u);
  EXPECT_EQ(h.find("same words in"), std::string::npos);
  EXPECT_NE(h.find("8 more report(s) of this incident are not shown"), std::string::npos);

  // Three reports: all shown, nothing counted.
  h = render(3, 0);
  EXPECT_EQ(count(h, "<blockquote>"), 3u);
  EXPECT_EQ(h.find("not shown"), std::string::npos);
}

}  // namespace
}  // namespace sitrep
