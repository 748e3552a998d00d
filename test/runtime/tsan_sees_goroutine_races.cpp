// The ThreadSanitizer configuration really checks goroutines: an
// unsynchronised write from two goroutines running at once on two Ps is
// reported, while the same writes ordered by a gort::mutex are not. (This
// proves that the TSan runs of the stress tests can fail.) The goroutines
// meet through a relaxed atomic first, which gives TSan no ordering.
// Known limit (docs/design/scheduler.md): a context switch is a TSan
// synchronisation point, so goroutines that run one after the other on the
// same M are seen as ordered.
// RUN: %gortxx-tsan %s -o %t
// RUN: env GORT_MAXPROCS=2 not %t race 2>&1 | FileCheck %s --check-prefix=RACE
// RUN: env GORT_MAXPROCS=2 %t locked 2>&1 | FileCheck %s --check-prefix=LOCKED --implicit-check-not=ThreadSanitizer
// RACE: WARNING: ThreadSanitizer: data race
// LOCKED: value=20000
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <mutex>

long value = 0;
std::atomic<int> arrived{0};

int main(int argc, char** argv) {
  bool locked = argc > 1 && std::strcmp(argv[1], "locked") == 0;
  gort::mutex mu;
  gort::wait_group wg;
  wg.add(2);
  for (int i = 0; i < 2; ++i)
    gort::go([&] {
      arrived.fetch_add(1, std::memory_order_relaxed);
      while (arrived.load(std::memory_order_relaxed) < 2) {
      }
      for (int i = 0; i < 10000; ++i) {
        if (locked) {
          std::lock_guard g(mu);
          ++value;
        } else {
          ++*static_cast<volatile long*>(&value);
        }
      }
      wg.done();
    });
  wg.wait();
  std::printf("value=%ld\n", value);
}
