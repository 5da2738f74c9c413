#include <gtest/gtest.h>

#include "sitrep/article.h"

namespace sitrep {
namespace {

TEST(OffsetMap, ExactInexactAndGaps) {
  // clean "Hello\n\nWorld": "Hello" from 10, "World" from 40 (inexact).
  OffsetMap m({{0, 10, 5, true}, {7, 40, 5, false}});
  EXPECT_EQ(m.to_original(0), 10u);
  EXPECT_EQ(m.to_original(4), 14u);
  EXPECT_EQ(m.to_original(5), 40u);  // inserted break -> next segment
  EXPECT_EQ(m.to_original(9), 40u);  // inexact: start only
  EXPECT_EQ(m.to_original(100), 40u);
}

TEST(OffsetMap, EmptyMapIsIdentity) { EXPECT_EQ(OffsetMap().to_original(7), 7u); }

TEST(Date, IsoByPrecision) {
  EXPECT_EQ((Date{2017, 6, 7, DatePrecision::kDay}).iso(), "2017-06-07");
  EXPECT_EQ((Date{2017, 6, 0, DatePrecision::kMonth}).iso(), "2017-06");
  EXPECT_EQ((Date{2017, 0, 0, DatePrecision::kYear}).iso(), "2017");
}

}  // namespace
}  // namespace sitrep
