// A goroutine recursing 1,000,000 frames, each with a local buffer, grows
// its stack segment by segment and returns the right result; built by
// gort++ (clang, split stacks) and by g++-12 -fsplit-stack (library form).
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_CXX=g++-12 %gortxx-gcc %s -o %t.gcc && %t.gcc | FileCheck %s
// CHECK: depth=1000000 sum=500000500000 ok=1
#include <gort/gort.hpp>

#include <cstdio>

__attribute__((noinline)) long long down(int n) {
  volatile char buf[48];
  buf[0] = static_cast<char>(n);
  if (n == 0) return 0;
  return down(n - 1) + n + (buf[0] - static_cast<char>(n));
}

int main() {
  long long sum = 0;
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    sum = down(1000000);
    wg.done();
  });
  wg.wait();
  std::printf("depth=1000000 sum=%lld ok=%d\n", sum, int(sum == 500000500000LL));
}
