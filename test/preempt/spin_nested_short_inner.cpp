// GORT_MAXPROCS=1: a call-free spin whose every outer iteration runs an
// inner call-free loop of a few iterations, far fewer than the inner
// loop's poll count (which starts afresh on each entry, so it never runs
// out). Only the outer loop's poll, which looks at the limit every
// iteration (docs/design/preemption.md, "The loop poll"), can preempt it.
// The timeout only turns a hang into a failure; nothing is timed.
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=1 timeout 120 %t | FileCheck %s
// RUN: %gortxx --gort-no-loop-polls %s -o %t.nopoll && env GORT_MAXPROCS=1 timeout 2 %t.nopoll; test $? = 124
// CHECK: setter ran
// CHECK-NEXT: spinner saw the flag
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>

std::atomic<bool> flag{false};
volatile int inner_trips = 3;  // unknown to the compiler: no unrolling away
volatile unsigned sink;

int main() {
  gort::go([] {
    std::printf("setter ran\n");
    flag.store(true, std::memory_order_relaxed);
  });
  unsigned x = 1;
  const int trips = inner_trips;
  while (!flag.load(std::memory_order_relaxed)) {
    for (int k = 0; k < trips; ++k) x = x * 1664525u + 1013904223u;
  }
  sink = x;
  std::printf("spinner saw the flag\n");
}
