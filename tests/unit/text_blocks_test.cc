#include "ingest/text_blocks.h"

#include <gtest/gtest.h>

namespace sitrep::ingest {
namespace {

void expect_exact_offsets(const std::string& text, const std::vector<Block>& blocks) {
  for (const Block& b : blocks)
    for (const OffsetSegment& s : b.segments)
      EXPECT_EQ(b.text.substr(s.clean_begin, s.length), text.substr(s.orig_begin, s.length));
}

TEST(TextBlocks, TitleParagraphsHeadingsBullets) {
  const std::string text =
      "Mass escape due to battle for Raqqa\n\n"
      "RAQQA, SYRIA (June 15, 2017) - More and more families are trying to escape.\n\n"
      "The battle for Raqqa\n\n"
      "\xE2\x80\xA2 Russia wants to represent the US as a supporter of ISIS.\n"
      "  - Second point made by the experts in the article.\n";
  auto blocks = split_text_blocks(text);
  ASSERT_EQ(blocks.size(), 5u);
  EXPECT_EQ(blocks[0].kind, ParagraphKind::kTitle);
  EXPECT_EQ(blocks[1].kind, ParagraphKind::kBody);
  EXPECT_EQ(blocks[2].kind, ParagraphKind::kHeading);
  EXPECT_EQ(blocks[3].kind, ParagraphKind::kListItem);
  EXPECT_EQ(blocks[3].text, "Russia wants to represent the US as a supporter of ISIS.");
  EXPECT_EQ(blocks[4].kind, ParagraphKind::kListItem);
  expect_exact_offsets(text, blocks);
}

TEST(TextBlocks, CaptionsByCredit) {
  const std::string text =
      "Title\n\nA fighter stands in the village, on June 6, 2017. (DELIL SOULEIMAN/AFP)\n"
      "Smoke rises over the city during a battle.Source:AP\n";
  auto blocks = split_text_blocks(text);
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[1].kind, ParagraphKind::kCaption);
  EXPECT_EQ(blocks[2].kind, ParagraphKind::kCaption);
}

TEST(TextBlocks, RejoinsParagraphSplitMidSentence) {
  const std::string text =
      "Title\n\n"
      "A senior State Department official recently described the relation as \"temporary, "
      "transactional and\n\n"
      "tactical,\" signaling that Washington will betray the Kurds as soon as they have served.\n";
  auto blocks = split_text_blocks(text);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_NE(blocks[1].text.find("transactional and tactical,"), std::string::npos);
  expect_exact_offsets(text, blocks);
}

TEST(TextBlocks, HardWrappedLinesJoin) {
  const std::string text =
      "Title of a wrapped story\n\n"
      "Fighting raged on Tuesday in the eastern districts of the city while\n"
      "the coalition carried out more than twenty strikes on positions held\n"
      "by the militants, according to a monitor based in Britain and to local\n"
      "activists who spoke by phone.\n\n"
      "A second paragraph follows here and is long enough to be a paragraph.\n";
  auto blocks = split_text_blocks(text);
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_NE(blocks[1].text.find("city while the coalition"), std::string::npos);
  expect_exact_offsets(text, blocks);
}

TEST(TextBlocks, SingleNewlinesSeparateUnwrappedLines) {
  const std::string text =
      "Title\nFirst paragraph of the story, a full sentence.\nSecond one here.\n";
  auto blocks = split_text_blocks(text);
  EXPECT_EQ(blocks.size(), 3u);
}

TEST(TextBlocks, EmptyAndWhitespace) {
  EXPECT_TRUE(split_text_blocks("").empty());
  EXPECT_TRUE(split_text_blocks(" \n\t\n \xC2\xA0\n").empty());
}

}  // namespace
}  // namespace sitrep::ingest
