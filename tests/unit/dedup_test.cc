#include "ingest/dedup.h"

#include <gtest/gtest.h>

#include <bit>

#include "sitrep/ingest.h"

namespace sitrep {
namespace {

const char* kStory =
    "US-backed fighters gained ground against the Islamic State group in the streets of Raqqa on "
    "Wednesday, a day after their months-long offensive finally broke into the jihadists' Syrian "
    "bastion. The Syrian Democratic Forces militia has spent seven months advancing on the city, "
    "with "
    "backing from the US-led coalition bombing IS in Syria and neighbouring Iraq. Captured by the "
    "jihadists in 2014, Raqqa became synonymous with IS atrocities including beheadings and public "
    "displays of bodies, and also emerged as a hub for planning attacks abroad.";

TEST(MinHash, CopiesAreCloseOtherTextIsFar) {
  const std::string copy = std::string("Related: news. ") + kStory + " Share this article.";
  const auto a = ingest::minhash(kStory);
  ASSERT_EQ(a.size(), kMinHashSize);
  EXPECT_EQ(a, ingest::minhash(kStory));
  EXPECT_GE(ingest::estimated_jaccard(a, ingest::minhash(copy)), ingest::kNearDuplicateJaccard);
  const auto other = ingest::minhash(
      "The Turkish government has threatened to intervene in Syria if it perceives the Kurdish "
      "offensive in Raqqa posing a threat to its interests, the prime minister said in Ankara on "
      "Monday after talks with officials from Washington about the arming of the militia.");
  EXPECT_LT(ingest::estimated_jaccard(a, other), 0.2);
  // Case and punctuation do not matter.
  EXPECT_EQ(ingest::minhash("Air strikes hit Raqqa, killing 21."),
            ingest::minhash("air strikes HIT raqqa killing 21"));
}

Article make(const std::string& id, const std::string& text, std::optional<Date> date) {
  Article a;
  a.id = id;
  a.minhash = ingest::minhash(text);
  if (date) a.published = PublishedDate{*date, DateSource::kText, ""};
  return a;
}

TEST(NearDuplicates, EarliestPublishedRepresentsIndependentOfOrder) {
  const std::string story = kStory;
  std::vector<Article> arts = {
      make("b", story + " Read more.", Date{2017, 6, 8}),
      make("a", "Breaking: " + story, std::nullopt), make("c", story, Date{2017, 6, 7}),
      make("d", "Another story about the Turkish government and its threats.", Date{2017, 6, 1})};
  for (int round = 0; round < 2; ++round) {
    std::vector<Article*> ptrs;
    for (Article& a : arts) ptrs.push_back(&a);
    if (round == 1) std::reverse(ptrs.begin(), ptrs.end());
    mark_near_duplicates(ptrs);
    EXPECT_EQ(arts[0].duplicate_of.value_or(""), "c");
    EXPECT_EQ(arts[1].duplicate_of.value_or(""), "c");
    EXPECT_FALSE(arts[2].duplicate_of.has_value());
    EXPECT_FALSE(arts[3].duplicate_of.has_value());
  }
}

TEST(NearDuplicates, HalfTheStoryIsNotADuplicate) {
  const std::string story = kStory;
  std::vector<Article> arts = {make("a", story, std::nullopt),
                               make("b",
                                    story.substr(0, story.size() / 2) +
                                        " The rest of this article is about something else "
                                        "entirely, a trade agreement signed in Geneva by two "
                                        "ministers after long talks on tariffs and quotas.",
                                    std::nullopt)};
  std::vector<Article*> ptrs = {&arts[0], &arts[1]};
  mark_near_duplicates(ptrs);
  EXPECT_FALSE(arts[0].duplicate_of || arts[1].duplicate_of);
}

}  // namespace
}  // namespace sitrep
