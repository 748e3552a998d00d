// shared_mutex: readers share the lock, a writer excludes everyone, and a
// waiting writer is not starved by a stream of readers (writer preference).
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// CHECK: two readers inside at once: 1
// CHECK: writer got in while readers kept coming: 1
// CHECK: invariant violations: 0 total=200000
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <shared_mutex>

int main() {
  gort::shared_mutex rw;
  {
    std::shared_lock a(rw);
    bool second = rw.try_lock_shared();
    std::printf("two readers inside at once: %d\n", int(second));
    if (second) rw.unlock_shared();
  }
  // A writer queued behind a reader blocks new readers.
  std::atomic<bool> writer_done{false}, stop{false};
  rw.lock_shared();
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] { std::unique_lock w(rw); writer_done = true; wg.done(); });
  for (int i = 0; i < 100 && !writer_done; ++i) gort::yield();
  bool reader_blocked = !rw.try_lock_shared();
  rw.unlock_shared();
  wg.wait();
  std::printf("writer got in while readers kept coming: %d\n", int(reader_blocked && writer_done));

  long value = 0, shadow = 0;
  std::atomic<int> bad{0};
  std::atomic<long> total{0};
  wg.add(8);
  for (int g = 0; g < 8; ++g)
    gort::go([&, g] {
      for (int i = 0; i < 25000; ++i) {
        if ((i + g) % 4 == 0) {
          std::unique_lock w(rw);
          ++value;
          ++shadow;
        } else {
          std::shared_lock r(rw);
          if (value != shadow) ++bad;
        }
        ++total;
        if (i % 1000 == 0) gort::yield();
      }
      wg.done();
    });
  wg.wait();
  (void)stop;
  std::printf("invariant violations: %d total=%ld\n", bad.load(), total.load());
}
