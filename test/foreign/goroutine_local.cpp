// gort::goroutine_local<T>: one value per goroutine for its whole life,
// also across migrations (a thread_local is per thread: after a move it is
// another variable); created on first access, destroyed when the goroutine
// returns; plain threads get their own value, destroyed at thread exit.
// 50 goroutines each add their id to their own counter across channel
// hand-offs and sleeps, with migrations at 2 Ps.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=2 %t | FileCheck %s
// CHECK: wrong=0 destroyed=50 initial_copies_ok=1
// CHECK-NEXT: plain thread: own value 7, destroyed at exit: 51
#include <gort/gort.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

std::atomic<int> destroyed{0};

struct counter {
  long sum = 0;
  int touched = 0;
  counter() = default;
  counter(const counter&) = default;
  ~counter() { if (touched) ++destroyed; }
};

int main() {
  gort::goroutine_local<counter> local;
  gort::goroutine_local<int> start(100);  // copied into each goroutine
  std::atomic<int> wrong{0}, bad_initial{0};
  auto ch = gort::make_chan<int>(1);
  gort::wait_group wg;
  constexpr int n = 50, rounds = 20;
  wg.add(n);
  for (int i = 1; i <= n; ++i) {
    gort::go([&, i] {
      if (*start != 100) ++bad_initial;
      *start += i;
      for (int r = 0; r < rounds; ++r) {
        local->sum += i;
        local->touched = 1;
        ch.send(r);
        (void)ch.recv();
        if (r % 5 == 0) gort::sleep_for(std::chrono::microseconds(50));
      }
      if (local->sum != long(i) * rounds || *start != 100 + i) ++wrong;
      wg.done();
    });
  }
  wg.wait();
  // Goroutines are done but their last destructors may still be running.
  while (destroyed.load() < n) gort::yield();
  std::printf("wrong=%d destroyed=%d initial_copies_ok=%d\n", wrong.load(),
              destroyed.load(), int(bad_initial.load() == 0));
  int seen = 0;
  std::thread t([&] {
    local->sum = 7;
    local->touched = 1;
    seen = int(local->sum);
  });
  t.join();
  std::printf("plain thread: own value %d, destroyed at exit: %d\n", seen,
              destroyed.load());
}
