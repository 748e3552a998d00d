// GORT_DEBUG knobs. schedtrace lines end with the number of goroutines
// preempted so far; preemptoff=1 turns preemption off: the same program,
// one CPU-bound goroutine that checks whether the other one ever ran, sees
// it run only with preemption on (the spinner gives up after a fixed number
// of iterations, so the preemptoff run ends too).
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 GORT_DEBUG=schedtrace=5 %t 2>&1 | FileCheck %s --check-prefix=ON
// RUN: env GORT_MAXPROCS=1 GORT_DEBUG=preemptoff=1,schedtrace=5 %t 2>&1 | FileCheck %s --check-prefix=OFF
// ON-DAG: SCHED {{[0-9]+}}ms: gomaxprocs=1 {{.*}}] preempted={{[1-9][0-9]*}}
// ON-DAG: other goroutine ran during the spin: yes
// OFF-NOT: preempted={{[1-9]}}
// OFF: other goroutine ran during the spin: no
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>

std::atomic<bool> ran{false};
std::atomic<long> iterations{0};

int main() {
  gort::go([] { ran.store(true, std::memory_order_relaxed); });
  // Spins until the other goroutine ran, or for a fixed amount of work
  // (hundreds of time slices on any machine) if it never does.
  for (long i = 0; i < 1'000'000'000L && !ran.load(std::memory_order_relaxed); ++i)
    iterations.store(i, std::memory_order_relaxed);
  std::printf("other goroutine ran during the spin: %s\n",
              ran.load() ? "yes" : "no");
  std::fflush(stdout);
  // Let a schedtrace line print after the preemption.
  gort::sleep_for(std::chrono::milliseconds(20));
}
