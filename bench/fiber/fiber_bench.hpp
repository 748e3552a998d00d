// What the Boost.Fiber peers share: the scheduler set-up for `threads` and a
// WaitGroup. threads == 1: Boost.Fiber's default round_robin scheduler on
// the main thread. threads > 1: algo::work_stealing on the main thread and
// threads-1 worker threads, each of which runs fibers until the pool ends.
#pragma once

#include <boost/context/stack_traits.hpp>
#include <boost/fiber/all.hpp>
#include <boost/fiber/algo/work_stealing.hpp>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "bench.hpp"

namespace bench {

class fiber_pool {
 public:
  explicit fiber_pool(int threads) {
    if (threads <= 1) return;
    auto n = static_cast<std::uint32_t>(threads);
    for (int i = 1; i < threads; ++i)
      workers_.emplace_back([this, n] {
        boost::fibers::use_scheduling_algorithm<
            boost::fibers::algo::work_stealing>(n);
        // Park this thread's main fiber; the scheduler runs (and steals)
        // other fibers meanwhile.
        std::unique_lock<boost::fibers::mutex> lock(mu_);
        cv_.wait(lock, [this] { return done_; });
      });
    // work_stealing's constructor waits until all n threads have registered.
    boost::fibers::use_scheduling_algorithm<boost::fibers::algo::work_stealing>(n);
  }

  ~fiber_pool() {
    {
      std::lock_guard<boost::fibers::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
  }

  fiber_pool(const fiber_pool&) = delete;
  fiber_pool& operator=(const fiber_pool&) = delete;

 private:
  boost::fibers::mutex mu_;
  boost::fibers::condition_variable cv_;
  bool done_ = false;
  std::vector<std::thread> workers_;
};

// Go's sync.WaitGroup for fibers: counts down and wakes the waiter.
class fiber_wait_group {
 public:
  void add(std::int64_t n) { count_.fetch_add(n); }
  void done() {
    if (count_.fetch_sub(1) == 1) {
      std::lock_guard<boost::fibers::mutex> lock(mu_);
      zero_ = true;
      cv_.notify_all();
    }
  }
  void wait() {
    std::unique_lock<boost::fibers::mutex> lock(mu_);
    cv_.wait(lock, [this] { return zero_; });
  }

 private:
  std::atomic<std::int64_t> count_{0};
  boost::fibers::mutex mu_;
  boost::fibers::condition_variable cv_;
  bool zero_ = false;
};

// The default fiber stack (boost::fibers::default_stack = fixedsize_stack).
inline long long fiber_stack_kb() {
  return static_cast<long long>(boost::context::stack_traits::default_size() / 1024);
}

}  // namespace bench
