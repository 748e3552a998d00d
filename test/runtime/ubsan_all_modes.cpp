// UndefinedBehaviorSanitizer works in every mode: split stacks (its
// handlers are non-split code, run in the reserve below the segment's
// limit), the race build and the ASan build. The report names the line
// run by the goroutine, and the program goes on.
// It covers ASan itself (asan-mode would send UBSan's report to its log).
// UNSUPPORTED: asan-mode
// RUN: %gortxx -fsanitize=undefined %s -o %t.plain
// RUN: %t.plain 2>&1 | FileCheck %s
// RUN: %gortxx-tsan -fsanitize=undefined %s -o %t.tsan
// RUN: %t.tsan 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
// RUN: %gortxx-asan -fsanitize=undefined %s -o %t.asan
// RUN: %t.asan 2>&1 | FileCheck %s --implicit-check-not=AddressSanitizer
// CHECK: ubsan_all_modes.cpp:[[@LINE+8]]:{{[0-9]+}}: runtime error: signed integer overflow
// CHECK: done x={{-?[0-9]+}}
#include <gort/gort.hpp>

#include <climits>
#include <cstdio>

[[gnu::noinline]] int add(int a, int b) {
  return a + b;
}

int main() {
  volatile int big = INT_MAX;
  int x = 0;
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    x = add(big, 1);
    wg.done();
  });
  wg.wait();
  std::printf("done x=%d\n", x);
}
