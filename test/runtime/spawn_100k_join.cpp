// 100,000 goroutines spawned and joined with a wait_group; each one's
// argument arrives intact and each runs exactly once.
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=4 %t | FileCheck %s
// CHECK: ran=100000 sum=4999950000 dup=0
// CHECK: goroutines after join: 1
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>
#include <vector>

int main() {
  constexpr int n = 100000;
  std::vector<std::atomic<int>> seen(n);
  std::atomic<long> sum{0}, ran{0};
  gort::wait_group wg;
  wg.add(n);
  for (int i = 0; i < n; ++i)
    gort::go(
        [&](int k) {
          seen[k].fetch_add(1);
          sum += k;
          ++ran;
          wg.done();
        },
        i);
  wg.wait();
  int dup = 0;
  for (auto& s : seen) dup += s.load() != 1;
  std::printf("ran=%ld sum=%ld dup=%d\n", ran.load(), sum.load(), dup);
  // The finished goroutines may still be switching out: yield until they
  // are gone (each is gone right after done()).
  while (gort::num_goroutine() > 1) gort::yield();
  std::printf("goroutines after join: %zu\n", gort::num_goroutine());
}
