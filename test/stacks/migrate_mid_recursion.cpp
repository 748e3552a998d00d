// Goroutines yield at every level of a deep recursion under two Ps, and
// every 50 levels sleep briefly (a timer-woken goroutine goes to the global
// run queue, so either P may resume it), so they resume on other threads in
// the middle of a segment chain: the split-stack state (current segment,
// %fs:0x70) moves with them.
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=2 %t | FileCheck %s
// CHECK: migrated=1 correct=16
#include <gort/gort.hpp>

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <cstdio>

std::atomic<int> migrations{0};

__attribute__((noinline)) long climb(int n, pthread_t last) {
  volatile char buf[400];
  buf[0] = static_cast<char>(n);
  if (n % 50 == 0)
    gort::sleep_for(std::chrono::microseconds(1));
  else
    gort::yield();
  pthread_t now = pthread_self();
  if (!pthread_equal(now, last)) ++migrations;
  if (n == 0) return 0;
  return climb(n - 1, now) + n + (buf[0] - static_cast<char>(n));
}

int main() {
  constexpr int g = 16, depth = 3000;
  std::atomic<int> correct{0};
  gort::wait_group wg;
  wg.add(g);
  for (int i = 0; i < g; ++i)
    gort::go([&] {
      if (climb(depth, pthread_self()) == long(depth) * (depth + 1) / 2) ++correct;
      wg.done();
    });
  wg.wait();
  std::printf("migrated=%d correct=%d\n", int(migrations.load() > 0), correct.load());
}
