#include "common/ordered_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace sitrep {
namespace {

// Uneven work, so that later items often finish before earlier ones.
int slow_square(int x) {
  volatile int spin = 0;
  for (int i = 0; i < (x % 7) * 20000; ++i) spin = spin + 1;
  return x * x;
}

TEST(OrderedPool, DeliversInInputOrderWhateverTheThreads) {
  for (size_t threads : {0, 1, 2, 3, 8}) {
    std::vector<int> got;
    OrderedPool<int, int> pool(threads, slow_square, [&](int&& v) { got.push_back(v); });
    for (int i = 0; i < 500; ++i) pool.submit(i);
    pool.finish();
    ASSERT_EQ(got.size(), 500u) << threads;
    for (int i = 0; i < 500; ++i) ASSERT_EQ(got[i], i * i) << threads;
  }
}

TEST(OrderedPool, OneThreadRunsInlineOnTheCaller) {
  const auto caller = std::this_thread::get_id();
  std::vector<std::thread::id> ran_on;
  OrderedPool<int, int> pool(1, [&](int&& v) {
    ran_on.push_back(std::this_thread::get_id());
    return v;
  }, [](int&&) {});
  for (int i = 0; i < 10; ++i) pool.submit(i);
  pool.finish();
  ASSERT_EQ(ran_on.size(), 10u);
  for (auto id : ran_on) EXPECT_EQ(id, caller);
  EXPECT_EQ(pool.threads(), 1u);
}

TEST(OrderedPool, BoundsTheItemsInFlight) {
  std::atomic<int> live{0}, peak{0};
  constexpr size_t kMax = 6;
  {
    OrderedPool<int, int> pool(
        3,
        [](int&& v) { return slow_square(v); },
        [&](int&&) { live.fetch_sub(1); }, kMax);
    for (int i = 0; i < 300; ++i) {
      const int now = live.fetch_add(1) + 1;  // submitted, not yet delivered
      int p = peak.load();
      while (now > p && !peak.compare_exchange_weak(p, now)) {
      }
      pool.submit(i);
    }
    pool.finish();
  }
  EXPECT_EQ(live.load(), 0);
  // The item being submitted waits for room: at most kMax in the pool plus it.
  EXPECT_LE(peak.load(), static_cast<int>(kMax) + 1);
}

TEST(OrderedPool, MoveOnlyItemsAndResults) {
  std::string joined;
  OrderedPool<std::unique_ptr<std::string>, std::unique_ptr<std::string>> pool(
      2, [](std::unique_ptr<std::string>&& s) { return std::make_unique<std::string>(*s + ";"); },
      [&](std::unique_ptr<std::string>&& s) { joined += *s; });
  for (const char* w : {"a", "b", "c"}) pool.submit(std::make_unique<std::string>(w));
  pool.finish();
  EXPECT_EQ(joined, "a;b;c;");
}

TEST(OrderedPool, DestroyedWithoutFinishJoinsCleanly) {
  int delivered = 0;
  {
    OrderedPool<int, int> pool(2, slow_square, [&](int&&) { ++delivered; });
    for (int i = 0; i < 50; ++i) pool.submit(i);
  }
  EXPECT_LE(delivered, 50);
}

}  // namespace
}  // namespace sitrep
