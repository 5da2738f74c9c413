// OrderedPool: a fixed set of worker threads that transform a stream of items
// and hand the results back in input order.
//
//   OrderedPool<RawDocument, Out> pool(threads, work, deliver);
//   for (...) pool.submit(std::move(doc));  // may block; calls deliver
//   pool.finish();                          // the rest, in order
//
// `work(In&&) -> Out` runs on the workers, concurrently: it must be
// thread-safe. `deliver(Out&&)` runs only on the thread that calls submit()
// and finish(), one result at a time, in exactly the order the items were
// submitted, so it needs no locking and output built from it is identical
// whatever the number of threads. At most `max_in_flight` items (submitted
// but not delivered) exist at any time: submit() blocks, delivering finished
// results, until there is room, so memory stays flat on an endless stream.
//
// A full window is drained in halves: submit() sleeps until the first half
// of the window is finished, not just its first item, so the submitting
// thread and the workers wake each other once per half window instead of
// once per item (on two cores the per-item hand-off cost a futex wake and a
// context switch for every article).
//
// threads <= 1 runs `work` inline inside submit(): no threads at all, the
// single-threaded behaviour the parallel one must reproduce.
//
// Not copyable or movable. finish() (or the destructor) joins the workers;
// the destructor does not deliver what is left (call finish() for that).
// `work` must not throw.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace sitrep {

template <typename In, typename Out>
class OrderedPool {
 public:
  using Work = std::function<Out(In&&)>;
  using Deliver = std::function<void(Out&&)>;

  // max_in_flight 0: sixteen items per thread.
  OrderedPool(size_t threads, Work work, Deliver deliver, size_t max_in_flight = 0)
      : work_(std::move(work)), deliver_(std::move(deliver)) {
    if (threads <= 1) return;
    max_in_flight_ = max_in_flight ? max_in_flight : 16 * threads;
    drain_batch_ = std::max<size_t>(1, max_in_flight_ / 2);
    workers_.reserve(threads);
    for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { run_worker(); });
  }
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;
  ~OrderedPool() { stop(); }

  // Hands one item to the pool; delivers every result that is ready in order.
  void submit(In item) {
    if (workers_.empty()) {
      deliver_(work_(std::move(item)));
      return;
    }
    std::unique_lock lock(mu_);
    deliver_ready(lock);
    while (slots_.size() >= max_in_flight_) {
      wait_ready(lock, drain_batch_);
      deliver_ready(lock);
    }
    slots_.push_back(Slot{});
    todo_.push_back(Task{next_seq_++, std::move(item)});
    todo_cv_.notify_one();
  }

  // Waits for every submitted item and delivers the rest in order.
  void finish() {
    if (workers_.empty()) return;
    {
      std::unique_lock lock(mu_);
      while (!slots_.empty()) {
        wait_ready(lock, std::min(drain_batch_, slots_.size()));
        deliver_ready(lock);
      }
    }
    stop();
  }

  size_t threads() const { return workers_.empty() ? 1 : workers_.size(); }

 private:
  struct Task {
    size_t seq;
    In item;
  };
  struct Slot {
    std::optional<Out> out;
  };

  // Sleeps until the first `n` slots of the window are finished.
  void wait_ready(std::unique_lock<std::mutex>& lock, size_t n) {
    wanted_ = n;
    done_cv_.wait(lock, [&] { return ready_ >= n; });
    wanted_ = SIZE_MAX;
  }

  // Delivers the finished results at the front of the window. `deliver_`
  // runs without the lock so that the workers keep going meanwhile.
  void deliver_ready(std::unique_lock<std::mutex>& lock) {
    while (ready_ > 0) {
      Out out = std::move(*slots_.front().out);
      slots_.pop_front();
      ++first_seq_;
      --ready_;
      lock.unlock();
      deliver_(std::move(out));
      lock.lock();
    }
  }

  void run_worker() {
    for (;;) {
      std::optional<Task> task;
      {
        std::unique_lock lock(mu_);
        todo_cv_.wait(lock, [&] { return stopping_ || !todo_.empty(); });
        if (todo_.empty()) return;  // stopping, nothing left
        task.emplace(std::move(todo_.front()));
        todo_.pop_front();
      }
      Out out = work_(std::move(task->item));
      std::lock_guard lock(mu_);
      const size_t index = task->seq - first_seq_;
      slots_[index].out.emplace(std::move(out));
      if (index != ready_) continue;  // an earlier item is still running
      while (ready_ < slots_.size() && slots_[ready_].out.has_value()) ++ready_;
      if (ready_ >= wanted_) done_cv_.notify_one();
    }
  }

  void stop() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    todo_cv_.notify_all();
    for (std::thread& t : workers_)
      if (t.joinable()) t.join();
    workers_.clear();
  }

  Work work_;
  Deliver deliver_;
  size_t max_in_flight_ = 0;
  std::vector<std::thread> workers_;

  std::mutex mu_;
  std::condition_variable todo_cv_, done_cv_;
  std::deque<Task> todo_;   // submitted, not started
  std::deque<Slot> slots_;  // submitted, not delivered: slots_[i] is seq first_seq_ + i
  size_t ready_ = 0;        // the finished slots at the front of slots_
  size_t wanted_ = SIZE_MAX;  // the ready_ the submitting thread sleeps for
  size_t drain_batch_ = 1;
  size_t next_seq_ = 0, first_seq_ = 0;
  bool stopping_ = false;
};

}  // namespace sitrep
