// Recursion past GORT_STACK_MAX is a fatal error naming the goroutine,
// with exit status 2 (Go: "goroutine stack exceeds ... limit").
// RUN: %gortxx %s -o %t
// RUN: env GORT_STACK_MAX=4M %t > %t.out 2>&1; echo status=$? >> %t.out
// RUN: FileCheck %s < %t.out
// CHECK: before
// CHECK: runtime: goroutine [[ID:[0-9]+]] stack exceeds GORT_STACK_MAX
// CHECK: fatal error: stack overflow
// CHECK: goroutine [[ID]] [running]:
// CHECK: forever
// CHECK: status=2
#include <gort/gort.hpp>

#include <cstdio>

#pragma clang diagnostic ignored "-Winfinite-recursion"

__attribute__((noinline)) int forever(int n) {
  volatile char buf[200];
  buf[0] = static_cast<char>(n);
  return forever(n + 1) + buf[0];
}

int main() {
  std::printf("before\n");
  gort::go([] { forever(0); });
  gort::select();  // blocks forever
}
