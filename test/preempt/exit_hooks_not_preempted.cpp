// The goroutine that calls exit() runs its atexit handlers to the end: a
// preemption request that reaches it there is ignored. Before, the handler's
// loop poll preempted it, the scheduler had already stopped for exit, and
// nothing resumed it: exit() never returned (seen 1 run in ~40 of
// runtime/exit_from_goroutine_stops_world; every run here, with a request
// every 50 us and a handler whose call-free loop takes many slices).
// `timeout` turns a hang into a failure instead of a stuck suite.
// RUN: %gortxx -O2 %s -o %t
// RUN: env GORT_MAXPROCS=1 GORT_DEBUG=preemptevery=50 timeout 60 %t > %t.1; echo "exit=$?" >> %t.1; FileCheck %s < %t.1
// RUN: env GORT_MAXPROCS=2 GORT_DEBUG=preemptevery=50 timeout 60 %t > %t.2; echo "exit=$?" >> %t.2; FileCheck %s < %t.2
// CHECK: handler sum
// CHECK-NEXT: handler done
// CHECK-NEXT: exit=3
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>

std::atomic<bool> go_on{false};

int main() {
  std::atexit([] {
    // Call-free: only the loop poll can preempt it. ~100M iterations is
    // far more than one 50 us preemption interval.
    unsigned long sum = 0;
    for (unsigned long i = 0; i < 100'000'000UL; ++i) {
      sum += i ^ (sum >> 3);
      if (go_on.load(std::memory_order_relaxed)) sum ^= 1;
    }
    std::printf("handler sum %lu\nhandler done\n", sum);
    std::fflush(stdout);
  });
  // A CPU-bound neighbour keeps the other Ps busy while exit() runs.
  for (int i = 0; i < 2; ++i)
    gort::go([] {
      for (;;)
        if (go_on.load(std::memory_order_relaxed)) break;
    });
  gort::go([] { std::exit(3); });
  gort::select();
}
