// gort++ --gort-asan: exceptions thrown and caught inside goroutines, many
// goroutines deep in frames with redzones, switching in between, raise no
// false report (ASan unpoisons the unwound frames of the right stack), and
// the stacks of dead goroutines are clean for the goroutines that reuse
// them.
// RUN: %gortxx-asan %s -o %t
// RUN: %t 2>&1 | FileCheck %s --implicit-check-not=AddressSanitizer
// RUN: env GORT_MAXPROCS=1 ASAN_OPTIONS=detect_stack_use_after_return=1 %t 2>&1 | FileCheck %s --implicit-check-not=AddressSanitizer
// RUN: env GORT_MAXPROCS=2 GORT_STACK_MIN=65536 %t 2>&1 | FileCheck %s --implicit-check-not=AddressSanitizer
// CHECK: caught=4000 sum=
// CHECK-NEXT: reused ok
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <stdexcept>

std::atomic<long> caught{0};
std::atomic<long> sum{0};

// A frame with a redzoned array, recursing; throws from the bottom.
[[gnu::noinline]] long deep(int depth, int id) {
  char buf[200];
  std::memset(buf, depth, sizeof buf);
  if (depth == 0) {
    gort::yield();  // switch away with all these frames live
    if (id % 2) throw std::runtime_error("bottom");
    return buf[7];
  }
  return deep(depth - 1, id) + buf[depth % 200];
}

int main() {
  gort::wait_group wg;
  for (int round = 0; round < 2; ++round) {
    wg.add(2000);
    for (int i = 0; i < 2000; ++i)
      gort::go([&wg, i] {
        for (int k = 0; k < 2; ++k) {
          try {
            sum += deep(20 + i % 7, i + k);
          } catch (const std::runtime_error&) {
            ++caught;
          }
        }
        wg.done();
      });
    wg.wait();
  }
  std::printf("caught=%ld sum=%ld\n", caught.load(), sum.load());
  // Fresh goroutines on the recycled stacks use them without reports.
  wg.add(100);
  for (int i = 0; i < 100; ++i)
    gort::go([&wg] {
      char big[4096];
      std::memset(big, 1, sizeof big);
      sum += big[100];
      wg.done();
    });
  wg.wait();
  std::puts("reused ok");
}
