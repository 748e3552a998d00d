// threads_peak (BENCH.md section 9): the peak OS thread count of the process
// during a timed region. Every peer measures it the same way: a sampler on
// its own OS thread reads `Threads:` from /proc/self/status every 10 ms,
// and once more when the region ends; the sampler's own thread is not
// counted. (The Go twins do the same from a goroutine locked to its thread,
// bench/go/benchutil.) Header-only; no gort dependency.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "bench.hpp"

namespace bench {

// The process's current OS thread count (`Threads:` of /proc/self/status).
inline int os_threads() { return int(proc_status_field("Threads:")); }

class threads_peak {
 public:
  // Starts sampling: call just before the timed region.
  void start() {
    sampler_ = std::thread([this] {
      while (!stop_.load(std::memory_order_relaxed)) {
        sample();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    });
  }
  // Ends sampling: call when the timed region ends. Returns the peak,
  // without the sampler's thread.
  int stop() {
    sample();
    stop_.store(true);
    sampler_.join();
    return peak_.load() - 1;
  }

 private:
  void sample() {
    int n = os_threads();
    int p = peak_.load();
    while (n > p && !peak_.compare_exchange_weak(p, n)) {
    }
  }
  std::thread sampler_;
  std::atomic<bool> stop_{false};
  std::atomic<int> peak_{0};
};

}  // namespace bench
