#include "ingest/metadata.h"

#include <gtest/gtest.h>

#include "ingest/text_blocks.h"

namespace sitrep::ingest {
namespace {

ArticleMetadata read_text(const std::string& text, RawDocument doc = {}) {
  BoilerplateResult r = remove_boilerplate(split_text_blocks(text));
  promote_title(r.kept);
  return read_metadata(doc, nullptr, r.kept, r.removed);
}

std::string published(const ArticleMetadata& m) {
  if (!m.published) return "null";
  return m.published->date.iso() + " " + to_string(m.published->from);
}

TEST(Metadata, BylineWithDate) {
  auto m =
      read_text("A title here\n\nBill Van Auken 7 June 2017\n\nThe story starts on Tuesday.\n");
  EXPECT_EQ(m.title, "A title here");
  EXPECT_EQ(m.byline.value_or(""), "Bill Van Auken");
  EXPECT_EQ(published(m), "2017-06-07 text");
  EXPECT_EQ(m.consumed_blocks, std::vector<size_t>{1});
}

TEST(Metadata, ByPrefixByline) {
  auto m = read_text("A title here\n\nBy Jane Doe\n\nThe story starts here and goes on.\n");
  EXPECT_EQ(m.byline.value_or(""), "Jane Doe");
  EXPECT_EQ(published(m), "null");
}

TEST(Metadata, Dateline) {
  auto m =
      read_text("Title\n\nRAQQA, SYRIA (June 15, 2017) \xE2\x80\x93 Families flee the city.\n");
  EXPECT_EQ(published(m), "2017-06-15 dateline");
  m = read_text("Title\n\nBEIRUT, June 7, 2017 (Reuters) - Air strikes hit the city.\n");
  EXPECT_EQ(published(m), "2017-06-07 dateline");
}

TEST(Metadata, DateAtTheTopOfSingleLineText) {
  RawDocument doc;
  doc.title = "Homs governor says U.S. attack caused deaths";
  auto m = read_text(
      "Fri 07 Apr 2017 at 0914 Homs governor says U.S. attack caused deaths. A U.S. missile "
      "strike...",
      doc);
  EXPECT_EQ(published(m), "2017-04-07 text");
  EXPECT_EQ(m.title, "Homs governor says U.S. attack caused deaths");
}

TEST(Metadata, DayAndYearRunTogetherAtTheTop) {
  auto m = read_text(
      "Last updated at Apr 092017 BEIRUT Air strikes killed at least 18 civilians on Tuesday in "
      "the city a monitor said, and the toll is expected to rise as rescuers dig.");
  EXPECT_EQ(published(m), "2017-04-09 text");
}

// A text that is only a headline carries its date in the headline; a body date still wins.
TEST(Metadata, DateOfAHeadlineOnlyText) {
  RawDocument doc;
  doc.title = "51 martyrs escorted from Military Hospital in Aleppo";
  auto m = read_text("25 April 2017 51 martyrs escorted from Military Hospital in Aleppo", doc);
  EXPECT_EQ(published(m), "2017-04-25 text");
  m = read_text("Strikes kill 34 in Deir Ezzor Monitor AFP Sunday 26 Nov 2017");
  EXPECT_EQ(published(m), "2017-11-26 text");
  m = read_text("Remembering 21 August 2013\n\nPublished 21 August 2017 The families gather.\n");
  EXPECT_EQ(published(m), "2017-08-21 text");
}

TEST(Metadata, CaptionDateRefinedByStoryWeekday) {
  // June 6, 2017 was a Tuesday; the lead speaks of Wednesday: June 7.
  auto m = read_text(
      "Force gains ground\n\nA fighter stands in a village, on June 6, 2017. (DELIL "
      "SOULEIMAN/AFP)\n\n"
      "Fighters gained ground in the streets on Wednesday, a day after breaking in.\n");
  EXPECT_EQ(published(m), "2017-06-07 caption");
  // Without weekdays the caption date stands.
  m = read_text(
      "Title\n\nA fighter stands, on June 6, 2017. (A B/AFP)\n\nFighters gained ground.\n");
  EXPECT_EQ(published(m), "2017-06-06 caption");
}

TEST(Metadata, BannerDateIsNotPublication) {
  auto m = read_text(
      "This site is for sale.\nTuesday, February 7th, 2023\n\nUS sends troops\n\nThe US will send "
      "200 troops.\n");
  EXPECT_EQ(m.title, "US sends troops");
  EXPECT_EQ(published(m), "null");
}

TEST(Metadata, ContainerFieldsWin) {
  RawDocument doc;
  doc.title = "From the record";
  doc.outlet = "reuters";
  doc.published = "2017-06-05T10:00:00Z";
  auto m = read_text("Headline in text\n\nBEIRUT, June 7, 2017 (Reuters) - Text.\n", doc);
  EXPECT_EQ(m.title, "From the record");
  EXPECT_EQ(m.outlet, "reuters");
  EXPECT_EQ(published(m), "2017-06-05 metadata");
}

TEST(Metadata, OutletFromUrlOrContactLine) {
  RawDocument doc;
  doc.url = "https://www.Military.com/daily-news/2017/06/07/x.html";
  EXPECT_EQ(read_text("Title\n\nBody text.\n", doc).outlet, "military.com");
  EXPECT_EQ(
      read_text("Title\n\nBody one.\n\nBody two.\n\nTo contact us visit:\n\nwsws.org/contact\n")
          .outlet,
      "wsws.org");
  EXPECT_EQ(read_text("Title\n\nBody text.\n").outlet, "unknown");
}

TEST(Metadata, HostOfUrl) {
  EXPECT_EQ(host_of_url("http://news.example.org:8080/a?b").value_or(""), "news.example.org");
  EXPECT_FALSE(host_of_url("not a url").has_value());
}

}  // namespace
}  // namespace sitrep::ingest
