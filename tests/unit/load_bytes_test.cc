#include "common/load_bytes.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace sitrep {
namespace {

TEST(LoadBytes, TailAsMemcpyIntoZero) {
  std::string buf;
  for (int i = 0; i < 16; ++i) buf.push_back(static_cast<char>(0x81 + i * 17));
  for (size_t at = 0; at < 8; ++at)
    for (size_t n = 1; n < 8; ++n) {
      uint64_t expected = 0;
      std::memcpy(&expected, buf.data() + at, n);
      EXPECT_EQ(load_tail_le(buf.data() + at, n), expected) << n << " bytes at " << at;
    }
}

}  // namespace
}  // namespace sitrep
