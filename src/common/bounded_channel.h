// BoundedChannel: values handed from one thread to another, at most
// `capacity` waiting, so a fast producer does not pile them up in memory.
// Either side may end early: the reader stops the channel when it gives up
// (pushes are then dropped), the writer closes it with a Status saying
// whether what it sent is complete.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <utility>

#include "sitrep/status.h"

namespace sitrep {

template <typename T>
class BoundedChannel {
 public:
  explicit BoundedChannel(size_t capacity) : capacity_(capacity) {}

  // Waits while the channel is full; false once the reader has stopped (the
  // value is dropped) or the channel is closed.
  bool push(T value) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return queue_.size() < capacity_ || stopped_ || closed_; });
    if (stopped_ || closed_) return false;
    queue_.push_back(std::move(value));
    not_empty_.notify_one();
    return true;
  }

  // The next value, in push order; false at the end, once closed and empty
  // (end_status() then says whether the values were complete).
  bool pop(T& value) {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return false;
    value = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return true;
  }

  // The writer's end; only the first close counts.
  void close(Status status) {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    closed_ = true;
    end_status_ = std::move(status);
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  // The reader's end: pushes return false from now on.
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    not_full_.notify_all();
  }

  Status end_status() const {
    std::lock_guard lock(mutex_);
    return end_status_;
  }

 private:
  const size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  std::deque<T> queue_;
  bool closed_ = false, stopped_ = false;
  Status end_status_;
};

}  // namespace sitrep
