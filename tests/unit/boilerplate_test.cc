#include "ingest/boilerplate.h"

#include <gtest/gtest.h>

#include "ingest/text_blocks.h"

namespace sitrep::ingest {
namespace {

std::vector<std::string> kept_texts(const BoilerplateResult& r) {
  std::vector<std::string> out;
  for (const Block& b : r.kept) out.push_back(b.text);
  return out;
}

TEST(Boilerplate, ParkedDomainBannerAndItsDate) {
  auto r = remove_boilerplate(split_text_blocks(
      "This site is for sale.\nTuesday, February 7th, 2023\n\nUS sends more troops\n\n"
      "THE US will send another 200 troops to Syria to help capture Raqqa.\n"));
  EXPECT_EQ(kept_texts(r),
            (std::vector<std::string>{
                "US sends more troops",
                "THE US will send another 200 troops to Syria to help capture Raqqa."}));
  ASSERT_EQ(r.removed.size(), 2u);
  EXPECT_EQ(r.removed[0].reason, "parked domain");
  EXPECT_EQ(r.removed[1].reason, "page date");
}

TEST(Boilerplate, FooterFromMarkerToEnd) {
  auto r = remove_boilerplate(split_text_blocks(
      "Title\n\nFirst paragraph of the article, long enough.\n\nSecond paragraph of it.\n\n"
      "Third paragraph of the article.\n\nSyrian Civil War\n\nLeave A Reply\n\n"
      "Your email address will not be published.\n"));
  EXPECT_EQ(r.kept.size(), 4u);
  EXPECT_EQ(r.kept.back().text, "Third paragraph of the article.");
}

TEST(Boilerplate, MarkerNearTheTopDoesNotCut) {
  auto r = remove_boilerplate(split_text_blocks(
      "Title\n\nComments\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n\n"
      "Fourth paragraph.\n\nFifth paragraph.\n"));
  EXPECT_EQ(r.kept.size(), 6u);  // only the "Comments" prompt goes
}

TEST(Boilerplate, RepeatedCaptionOnceWithOrWithoutCredit) {
  auto r = remove_boilerplate(split_text_blocks(
      "Title\n\nSoldiers celebrate outside Mosul, Iraq.\n\nBody text of the story here.\n\n"
      "Soldiers celebrate outside Mosul, Iraq.Source:AP\n\nMore body text.\n"));
  EXPECT_EQ(kept_texts(r),
            (std::vector<std::string>{"Title", "Soldiers celebrate outside Mosul, Iraq.",
                                      "Body text of the story here.", "More body text."}));
}

TEST(Boilerplate, ContactLinesAndLinks) {
  auto r = remove_boilerplate(split_text_blocks(
      "Title\n\nBody paragraph one.\n\nBody paragraph two.\n\n"
      "To contact the WSWS and the Socialist Equality Party visit:\n\nwsws.org/contact\n"));
  EXPECT_EQ(r.kept.size(), 3u);
  ASSERT_EQ(r.removed.size(), 2u);
  EXPECT_EQ(r.removed[1].reason, "contact");
}

TEST(Boilerplate, StripPhotoCredit) {
  EXPECT_EQ(strip_photo_credit("A man stands. (DELIL SOULEIMAN/AFP)"), "A man stands");
  EXPECT_EQ(strip_photo_credit("Smoke rises.Source:AP"), "Smoke rises");
  EXPECT_EQ(strip_photo_credit("Plain (text)"), "Plain (text)");
  // A credit starts within the last 29 bytes, the last "Source:" there counting.
  const std::string credit29 = "Source: Syrian Arab News Agy.";  // 29 bytes
  EXPECT_EQ(strip_photo_credit("Text. " + credit29), "Text");
  EXPECT_EQ(strip_photo_credit("Text. " + credit29 + "x"), "Text. " + credit29 + "x");
  EXPECT_EQ(strip_photo_credit("Source: one. Source: two"), "Source: one");
}

}  // namespace
}  // namespace sitrep::ingest
