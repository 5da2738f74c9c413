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

// Signatures are stored (articles.minhash) and compared across runs: the
// values must not change. Pinned from the implementation before the
// shingles were hashed as the words come (1, 2, 3 words; a story; UTF-8).
TEST(MinHash, SignaturesStayTheSame) {
  const std::vector<std::pair<std::string, std::vector<uint32_t>>> pinned = {
      {"Raqqa", {0xA6D4C2F3u, 0x041F4C2Au, 0x6267D661u, 0xC1AE5198u, 0x2FF6DBDFu, 0x8DC12516u, 0xEB09AF4Du, 0x49503684u}},
      {"Air strikes", {0xB642762Cu, 0xC5DCBA66u, 0x63273439u, 0x816FCFF0u, 0x20B6494Bu, 0x5EFEC302u, 0xFCC15AC5u, 0x1A09D49Cu}},
      {"Air strikes hit", {0x30219F78u, 0x9E6A1533u, 0x7C928BEAu, 0xDADB01ADu, 0xBB038664u, 0x19343CDFu, 0xE77CB296u, 0x45A52B49u}},
      {kStory, {0x2CB2213Bu, 0xDC511B3Au, 0x9B06BCA9u, 0x0531C510u, 0x663F71E7u, 0x04994B95u, 0x2C722A9Du, 0x3D28E7F3u}},
      {"\xe1\xb8\xa4" "alab \xe2\x80\x99" "s war",
       {0x9DCC67A4u, 0x3FB7EC6Bu, 0xD97F7232u, 0x7B26F8F9u, 0xE5118140u, 0x0AB775C7u, 0xB47EFB8Eu, 0x56298055u}}};
  for (const auto& [text, first] : pinned) {
    const std::vector<uint32_t> sig = ingest::minhash(text);
    ASSERT_EQ(sig.size(), kMinHashSize);
    EXPECT_EQ(std::vector<uint32_t>(sig.begin(), sig.begin() + 8), first) << text;
  }
  EXPECT_EQ(ingest::minhash(""), std::vector<uint32_t>(kMinHashSize, 0xFFFFFFFFu));
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
