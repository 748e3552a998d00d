// Sleepers wake in deadline order, whatever order they went to sleep in:
// the timer heap fires due timers earliest first and, on one P, the woken
// goroutines run in that order. Sleeping parks goroutines: main keeps
// running while all eight sleep.
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=1 %t | FileCheck %s
// CHECK: main ran while 8 slept
// CHECK-NEXT: woke: 10 20 30 40 50 60 70 80
#include <gort/gort.hpp>

#include <chrono>
#include <cstdio>
#include <string>

int main() {
  const int ms[] = {50, 10, 80, 30, 70, 20, 60, 40};
  std::string order;
  gort::mutex mu;
  gort::wait_group wg;
  wg.add(8);
  int asleep = 0;
  for (int d : ms)
    gort::go([&, d] {
      ++asleep;
      gort::sleep_for(std::chrono::milliseconds(d));
      std::lock_guard lk(mu);
      order += " " + std::to_string(d);
      wg.done();
    });
  while (asleep < 8) gort::yield();
  std::printf("main ran while %d slept\n", asleep);
  wg.wait();
  std::printf("woke:%s\n", order.c_str());
}
