// 1000 goroutines x 1000 increments under gort::mutex gives exactly
// 1,000,000, on one P and on several (lock contention parks goroutines).
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=4 %t | FileCheck %s
// CHECK: counter=1000000
// CHECK: try_lock on locked: 0
#include <gort/gort.hpp>

#include <cstdio>
#include <mutex>

int main() {
  gort::mutex mu;
  long counter = 0;
  gort::wait_group wg;
  wg.add(1000);
  for (int g = 0; g < 1000; ++g)
    gort::go([&] {
      for (int i = 0; i < 1000; ++i) {
        std::lock_guard lock(mu);
        ++counter;
        if (i % 100 == 0) gort::yield();  // hold the lock across a switch
      }
      wg.done();
    });
  wg.wait();
  std::printf("counter=%ld\n", counter);
  mu.lock();
  std::printf("try_lock on locked: %d\n", int(mu.try_lock()));
  mu.unlock();
}
