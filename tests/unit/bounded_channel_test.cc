// BoundedChannel: values arrive in order and complete, the bound holds, and
// either side ending early releases the other.
#include "common/bounded_channel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace sitrep {
namespace {

TEST(BoundedChannel, HandsOverEveryValueInOrder) {
  BoundedChannel<int> channel(4);
  std::atomic<size_t> most_waiting{0};
  std::thread writer([&] {
    for (int i = 0; i < 10000; ++i) ASSERT_TRUE(channel.push(i));
    channel.close(Status::ok());
  });
  std::vector<int> got;
  for (int v; channel.pop(v);) got.push_back(v);
  writer.join();
  ASSERT_EQ(got.size(), 10000u);
  for (int i = 0; i < 10000; ++i) ASSERT_EQ(got[i], i);
  EXPECT_TRUE(channel.end_status().is_ok());
}

TEST(BoundedChannel, AWriterWaitsWhileFull) {
  BoundedChannel<int> channel(2);
  std::atomic<int> pushed{0};
  std::thread writer([&] {
    for (int i = 0; i < 3; ++i) {
      channel.push(i);
      ++pushed;
    }
  });
  while (pushed < 2) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(pushed, 2);  // the third waits for room
  int v = -1;
  ASSERT_TRUE(channel.pop(v));
  EXPECT_EQ(v, 0);
  writer.join();
  EXPECT_EQ(pushed, 3);
}

TEST(BoundedChannel, ClosingWithAFailureEndsTheReader) {
  BoundedChannel<int> channel(2);
  ASSERT_TRUE(channel.push(1));
  channel.close(internal_error("stopped"));
  channel.close(Status::ok());  // only the first close counts
  int v = 0;
  EXPECT_TRUE(channel.pop(v));
  EXPECT_FALSE(channel.pop(v));
  EXPECT_FALSE(channel.end_status().is_ok());
  EXPECT_FALSE(channel.push(2));
}

TEST(BoundedChannel, AStoppedReaderReleasesAWaitingWriter) {
  BoundedChannel<int> channel(1);
  ASSERT_TRUE(channel.push(1));
  std::thread writer([&] { EXPECT_FALSE(channel.push(2)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  channel.stop();
  writer.join();
}

}  // namespace
}  // namespace sitrep
