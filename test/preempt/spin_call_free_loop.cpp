// GORT_MAXPROCS=1: `while (!flag.load(relaxed)) {}` in main, the flag set
// by another goroutine on the same P. The loop calls nothing, so only the
// poll gort++ puts on its back-edge can preempt it. The timeout only turns
// a hang into a failure; nothing is timed.
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=1 timeout 120 %t | FileCheck %s
// Without the polls it never ends (GORT_DEBUG=preemptoff=1 behaves the same):
// RUN: %gortxx --gort-no-loop-polls %s -o %t.nopoll && env GORT_MAXPROCS=1 timeout 2 %t.nopoll; test $? = 124
// CHECK: setter ran
// CHECK-NEXT: spinner saw the flag
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>

std::atomic<bool> flag{false};

int main() {
  gort::go([] {
    std::printf("setter ran\n");
    flag.store(true, std::memory_order_relaxed);
  });
  while (!flag.load(std::memory_order_relaxed)) {
  }
  std::printf("spinner saw the flag\n");
}
