// A P retired by set_max_procs while its goroutine runs without blocking is
// still preempted, so the goroutines queued behind it run. Here B runs on
// P1 and spawns C (C goes to P1's runnext; no P is idle, so nobody steals
// it), then spins until C has run; main, on P0, then shrinks to one P and
// waits for C. No thief looks at a retired P's queue (steal_work stops at
// nprocs), so only B's preemption (sysmon: every created P, not only those
// below nprocs) lets B's M give the P up and move C to the global queue.
// B gives up after 20 s (a hang turned into a failure; C needs one slice).
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=2 %t | FileCheck %s
// RUN: %gortxx-tsan %s -o %t.tsan
// RUN: env GORT_MAXPROCS=2 %t.tsan 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
// CHECK: c ran while b spun: 1
#include <gort/gort.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>

int main() {
  std::atomic<bool> c_spawned{false}, c_ran{false}, b_gave_up{false};
  auto done = gort::make_chan<int>(1);
  gort::go([&] {  // B: stolen by P1's M (main keeps P0 busy below)
    gort::go([&] {  // C: B's P's runnext
      c_ran.store(true);
      done.send(1);
    });
    c_spawned.store(true);
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!c_ran.load(std::memory_order_relaxed))
      if (std::chrono::steady_clock::now() > give_up) {
        b_gave_up.store(true);
        done.send(0);
        break;
      }
  });
  while (!c_spawned.load()) {
  }
  gort::set_max_procs(1);  // retires P1 (B's, busy)
  done.recv();
  std::printf("c ran while b spun: %d\n", int(c_ran.load() && !b_gave_up.load()));
}
