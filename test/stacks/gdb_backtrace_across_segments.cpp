// gdb (batch mode) at a breakpoint 3,000 frames deep in a goroutine prints
// a backtrace that crosses the segment boundaries down to the goroutine's
// function.
// RUN: %gortxx -O0 %s -o %t
// RUN: gdb -batch -nx -ex 'break at_bottom' -ex run -ex 'bt' %t 2>&1 | FileCheck %s
// CHECK: Breakpoint 1, at_bottom
// CHECK: dive (n=0)
// CHECK: dive (n=1500)
// CHECK: dive (n=3000)
// CHECK: gort::detail::closure<main::$_0>::run
// CHECK: g_entry
#include <gort/gort.hpp>

#include <cstdio>

__attribute__((noinline)) void at_bottom() { std::printf("bottom\n"); }

__attribute__((noinline)) int dive(int n) {
  volatile char buf[100];
  buf[0] = 1;
  if (n == 0) {
    at_bottom();
    return 0;
  }
  return dive(n - 1) + buf[0];
}

int main() {
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    std::printf("%d\n", dive(3000));
    wg.done();
  });
  wg.wait();
}
