// As in Go, a gort::mutex locked by one goroutine may be unlocked by
// another; the goroutine blocked in lock() then gets it.
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// CHECK: locked by main
// CHECK-NEXT: unlocked by goroutine
// CHECK-NEXT: main locked it again
#include <gort/gort.hpp>

#include <cstdio>

int main() {
  gort::mutex mu;
  mu.lock();
  std::printf("locked by main\n");
  gort::go([&] {
    std::printf("unlocked by goroutine\n");
    std::fflush(stdout);
    mu.unlock();
  });
  mu.lock();  // blocks until the goroutine unlocks
  std::printf("main locked it again\n");
}
