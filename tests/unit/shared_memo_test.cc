// SharedMemo: the kept answers are the function's, from any thread, and the
// bound holds.
#include "common/shared_memo.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace sitrep {
namespace {

int slow_length(std::string_view s) { return static_cast<int>(s.size()) * 3 + (s.empty() ? 0 : s[0]); }

TEST(SharedMemo, AnswersAreTheFunctionsFromManyThreads) {
  SharedMemo<int> memo;
  std::atomic<int> calls{0};
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string key = "k" + std::to_string((i * 7 + t) % 300);
        const int got = memo.get(key, [&](std::string_view k) {
          ++calls;
          return slow_length(k);
        });
        if (got != slow_length(key)) ++wrong;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(memo.size(), 300u);
  // Each key computed at least once, and far fewer times than asked.
  EXPECT_GE(calls.load(), 300);
  EXPECT_LT(calls.load(), 8000);
}

TEST(SharedMemo, KeepsAtMostTheBoundAndStillAnswers) {
  SharedMemo<int> memo(10);
  for (int i = 0; i < 50; ++i) {
    const std::string key(static_cast<size_t>(i), 'x');
    EXPECT_EQ(memo.get(key, slow_length), slow_length(key));
  }
  EXPECT_EQ(memo.size(), 10u);
  int calls = 0;
  memo.get(std::string(3, 'x'), [&](std::string_view k) { ++calls; return slow_length(k); });
  EXPECT_EQ(calls, 0);  // kept
  memo.get(std::string(30, 'x'), [&](std::string_view k) { ++calls; return slow_length(k); });
  EXPECT_EQ(calls, 1);  // past the bound: computed again
}

}  // namespace
}  // namespace sitrep
