// When main returns, the process exits with main's status at once, without
// waiting for goroutines that are still running, sleeping or blocked, and
// with standard output (stdio and iostreams) flushed.
// RUN: %gortxx %s -o %t && (%t; echo "exit=$?") | FileCheck %s
// RUN: (env GORT_MAXPROCS=1 %t; echo "exit=$?") | FileCheck %s
// CHECK: stdio without newline, iostream without flush
// CHECK-NEXT: exit=3
#include <gort/gort.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>

int main() {
  gort::mutex never;
  never.lock();
  for (int i = 0; i < 4; ++i) {
    gort::go([] { for (;;) gort::yield(); });                        // busy
    gort::go([] { gort::sleep_for(std::chrono::hours(1)); });        // asleep
    gort::go([&never] { never.lock(); });                            // blocked
  }
  gort::yield();
  std::printf("stdio without newline, ");
  std::cout << "iostream without flush\n";
  return 3;
}
