#include "ingest/dedup.h"

#include <gtest/gtest.h>

#include <bit>

#include "sitrep/ingest.h"

namespace sitrep {
namespace {

const char* kStory =
    "US-backed fighters gained ground against the Islamic State group in the streets of Raqqa on "
    "Wednesday, a day after their months-long offensive finally broke into the jihadists' Syrian "
    "bastion. The Syrian Democratic Forces militia has spent seven months advancing on the city, with "
    "backing from the US-led coalition bombing IS in Syria and neighbouring Iraq. Captured by the "
    "jihadists in 2014, Raqqa became synonymous with IS atrocities including beheadings and public "
    "displays of bodies, and also emerged as a hub for planning attacks abroad.";

TEST(SimHash, CopiesAreCloseOtherTextIsFar) {
  const std::string copy = std::string("Related: news. ") + kStory + " Share this article.";
  const uint64_t a = ingest::simhash(kStory);
  EXPECT_EQ(a, ingest::simhash(kStory));
  EXPECT_LE(std::popcount(a ^ ingest::simhash(copy)), ingest::kNearDuplicateBits);
  const uint64_t other = ingest::simhash(
      "The Turkish government has threatened to intervene in Syria if it perceives the Kurdish "
      "offensive in Raqqa posing a threat to its interests, the prime minister said in Ankara on "
      "Monday after talks with officials from Washington about the arming of the militia.");
  EXPECT_GT(std::popcount(a ^ other), 10);
}

Article make(const std::string& id, uint64_t simhash, std::optional<Date> date) {
  Article a;
  a.id = id;
  a.simhash = simhash;
  if (date) a.published = PublishedDate{*date, DateSource::kText, ""};
  return a;
}

TEST(NearDuplicates, EarliestPublishedRepresentsIndependentOfOrder) {
  std::vector<Article> arts = {make("b", 0xF0F0F0F0F0F0F0F0ull, Date{2017, 6, 8}),
                               make("a", 0xF0F0F0F0F0F0F0F1ull, std::nullopt),
                               make("c", 0xF0F0F0F0F0F0F0F3ull, Date{2017, 6, 7}),
                               make("d", 0x0F0F0F0F0F0F0F0Full, Date{2017, 6, 1})};
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

TEST(NearDuplicates, FourBitsApartAreNotDuplicates) {
  std::vector<Article> arts = {make("a", 0, std::nullopt), make("b", 0xFull, std::nullopt)};
  std::vector<Article*> ptrs = {&arts[0], &arts[1]};
  mark_near_duplicates(ptrs);
  EXPECT_FALSE(arts[0].duplicate_of || arts[1].duplicate_of);
}

}  // namespace
}  // namespace sitrep
