// 10,000 goroutines each calling std::this_thread::sleep_for(100ms) (the
// interposed nanosleep) all finish, while the process never has more than
// GORT_MAXPROCS + 4 threads: sleeping parks goroutines on the runtime's
// timer heap instead of blocking threads. The 4 are the main thread (M0,
// which runs goroutines too, counted in GORT_MAXPROCS's Ms only when it
// holds a P), one spare M handed a P by wakep, the timer thread and sysmon.
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=2 %t | FileCheck %s
// CHECK: finished=10000
// CHECK-NEXT: threads never above GORT_MAXPROCS+4: yes
#include <gort/gort.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>

#include "../Inputs/os_threads.hpp"

int main() {
  std::atomic<int> finished{0}, max_threads{0};
  std::atomic<bool> stop{false};
  gort::wait_group wg;
  wg.add(10000);
  for (int i = 0; i < 10000; ++i)
    gort::go([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      ++finished;
      wg.done();
    });
  // A sampler goroutine: it sleeps too, so it costs no thread either.
  gort::go([&] {
    while (!stop) {
      int n = os_threads();
      int m = max_threads.load();
      while (n > m && !max_threads.compare_exchange_weak(m, n)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  wg.wait();
  stop = true;
  int limit = gort::max_procs() + 4;
  std::printf("finished=%d\n", finished.load());
  std::printf("threads never above GORT_MAXPROCS+4: %s\n",
              max_threads.load() <= limit ? "yes" : "no");
  std::fprintf(stderr, "max threads seen: %d\n", max_threads.load());
}
