// std::recursive_mutex held across a park: the owner keeps its thread, so
// no other goroutine can run there and be taken for the owner (glibc
// records the owner by thread). Before pinning, the goroutines that ran on
// the parked owner's thread walked into the critical section: up to 4 at
// once. The count inside must stay 1.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 timeout 120 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=2 timeout 120 %t | FileCheck %s
// CHECK: total=200 max_inside=1 nested_ok=1
#include <gort/gort.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

int main() {
  std::recursive_mutex mu;
  int total = 0;
  std::atomic<int> inside{0}, max_inside{0};
  std::atomic<bool> nested_ok{true};
  gort::wait_group wg;
  constexpr int workers = 4, rounds = 50;
  wg.add(workers);
  for (int w = 0; w < workers; ++w) {
    gort::go([&] {
      for (int i = 0; i < rounds; ++i) {
        std::lock_guard<std::recursive_mutex> outer(mu);
        int now = ++inside;
        int seen = max_inside.load();
        while (now > seen && !max_inside.compare_exchange_weak(seen, now)) {
        }
        // std::this_thread::sleep_for parks on a gort timer: a park while
        // holding the lock.
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        {
          std::lock_guard<std::recursive_mutex> inner(mu);  // recursion
          if (inside.load() != now) nested_ok = false;
        }
        ++total;
        --inside;
      }
      wg.done();
    });
  }
  wg.wait();
  std::printf("total=%d max_inside=%d nested_ok=%d\n", total, max_inside.load(),
              int(nested_ok.load()));
}
