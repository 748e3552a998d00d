// GORT_MAXPROCS=1: a goroutine spinning on a flag that only another
// goroutine of the same P sets, calling a function that is not inlined.
// Without preemption the setter never runs (the spinner never blocks);
// sysmon's request makes the spinner yield at the callee's prologue.
// The timeout only turns a hang into a failure; nothing is timed.
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=1 GORT_DEBUG=schedtrace=1000000 timeout 120 %t | FileCheck %s
// CHECK: setter ran
// CHECK-NEXT: spinner saw the flag after {{[1-9][0-9]*}} calls
// CHECK-NEXT: preempted at least once: yes
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>

std::atomic<bool> flag{false};

[[gnu::noinline]] long opaque(long x) {
  asm volatile("" : "+r"(x));
  return x + 1;
}

namespace gort::rt { std::uint64_t preemptions(); }

int main() {
  gort::go([] {
    std::printf("setter ran\n");
    flag.store(true, std::memory_order_relaxed);
  });
  long calls = 0;
  while (!flag.load(std::memory_order_relaxed)) calls = opaque(calls);
  std::printf("spinner saw the flag after %ld calls\n", calls);
  std::printf("preempted at least once: %s\n",
              gort::rt::preemptions() > 0 ? "yes" : "no");
}
