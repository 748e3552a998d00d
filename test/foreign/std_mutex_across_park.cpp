// A goroutine that holds a std::mutex across a gort park (a sleep, a
// channel receive) keeps its thread: the park blocks the thread and hands
// the P on, so the other goroutines that want the mutex block in
// pthread_mutex_lock on other threads until the owner unlocks it, exactly
// as with plain threads. Before pinning, the park let the next goroutine
// run on the owner's thread and lock the mutex there: with one P it waited
// for itself forever. Mutual exclusion is checked with a count of
// goroutines inside (must stay 1) and an exact total.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 timeout 120 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=2 timeout 120 %t | FileCheck %s
// CHECK: sleep: total=400 max_inside=1
// CHECK: recv: total=400 max_inside=1 received=100
#include <gort/gort.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

int main() {
  using namespace std::chrono_literals;
  for (int variant = 0; variant < 2; ++variant) {
    std::mutex mu;
    int total = 0;
    std::atomic<int> inside{0}, max_inside{0};
    auto ch = gort::make_chan<int>();
    std::atomic<int> received{0};
    gort::wait_group wg;
    constexpr int workers = 4, rounds = 100;
    wg.add(workers);
    for (int w = 0; w < workers; ++w) {
      gort::go([&, w] {
        for (int i = 0; i < rounds; ++i) {
          std::lock_guard<std::mutex> lock(mu);
          int now = ++inside;
          int seen = max_inside.load();
          while (now > seen && !max_inside.compare_exchange_weak(seen, now)) {
          }
          if (w == 0) {  // the one that parks while holding the mutex
            if (variant == 0)
              gort::sleep_for(100us);
            else
              received += ch.recv().value_or(0);
          }
          ++total;
          --inside;
        }
        wg.done();
      });
    }
    if (variant == 1)
      gort::go([&] {
        for (int i = 0; i < rounds; ++i) ch.send(1);
      });
    wg.wait();
    std::printf("%s: total=%d max_inside=%d", variant == 0 ? "sleep" : "recv",
                total, max_inside.load());
    if (variant == 1) std::printf(" received=%d", received.load());
    std::printf("\n");
  }
}
