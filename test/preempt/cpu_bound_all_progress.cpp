// GORT_MAXPROCS=1: four CPU-bound goroutines (call-free loops counting
// iterations) and a ticker goroutine. Preemption shares the P: the ticker
// keeps ticking, and after a warm-up tick every counter moves between any
// two ticks (the ticker sleeps 10 time slices; the four spinners take
// turns through the global queue). Checked: progress, not timing.
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=1 timeout 120 %t | FileCheck %s
// CHECK: tick 1: all 4 moved
// CHECK: tick 5: all 4 moved
// CHECK: stopped: every spinner ran
#include <gort/gort.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>

constexpr int kSpinners = 4;
std::atomic<long> counters[kSpinners];
std::atomic<bool> stop{false};

int main() {
  gort::wait_group wg;
  for (int i = 0; i < kSpinners; ++i) {
    wg.add(1);
    gort::go([i, &wg] {
      while (!stop.load(std::memory_order_relaxed))
        counters[i].store(counters[i].load(std::memory_order_relaxed) + 1,
                          std::memory_order_relaxed);
      wg.done();
    });
  }
  gort::wait_group ticker_done;
  ticker_done.add(1);
  gort::go([&] {
    long last[kSpinners] = {};
    gort::sleep_for(std::chrono::milliseconds(100));  // warm-up
    for (int i = 0; i < kSpinners; ++i) last[i] = counters[i].load();
    for (int tick = 1; tick <= 5; ++tick) {
      gort::sleep_for(std::chrono::milliseconds(100));
      int moved = 0;
      for (int i = 0; i < kSpinners; ++i) {
        long now = counters[i].load();
        if (now != last[i]) ++moved;
        last[i] = now;
      }
      std::printf("tick %d: all %d moved\n", tick, moved);
      if (moved != kSpinners) std::printf("tick %d: only %d moved\n", tick, moved);
    }
    stop.store(true);
    ticker_done.done();
  });
  ticker_done.wait();
  wg.wait();
  bool all = true;
  for (auto& c : counters) all = all && c.load() > 0;
  std::printf("stopped: %s\n", all ? "every spinner ran" : "a spinner never ran");
}
