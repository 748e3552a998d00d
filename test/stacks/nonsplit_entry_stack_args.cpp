// Functions whose prologues the linker routes through __morestack_non_split
// (they contain a cleanup, hence a call of the non-split _Unwind_Resume)
// and take stack arguments (8 integer parameters: two on the stack), at
// every depth of a segment: __morestack_non_split's argument-copying path
// and its fall back to __morestack. Results must equal those of the build
// without split stacks (the TSan runtime), and exceptions thrown there
// must cross its frame with destructors run.
// RUN: %gortxx-tsan %s -o %t.ref && %t.ref > %t.ref.out
// RUN: %gortxx %s -o %t && %t > %t.out
// RUN: diff %t.ref.out %t.out
// RUN: FileCheck %s < %t.out
// CHECK: sum={{[0-9]+}}
// CHECK: caught=300 destroyed=600
#include <gort/gort.hpp>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
int destroyed = 0;
struct D { ~D() { ++destroyed; } };
// 8 integer args: two go on the stack; the cleanup makes the prologue
// linker-patched (non-split _Unwind_Resume), so it enters through
// __morestack_non_split's stack-argument path.
__attribute__((noinline)) long many(long a, long b, long c, long d, long e, long f, long g, long h) {
  D guard;
  if (h == 13) throw std::runtime_error("thirteen " + std::to_string(g));
  return a + b + c + d + e + f + g + h + (long)std::strlen("xy");
}
__attribute__((noinline)) long deep(int n, long acc) {
  char pad[200]; pad[0] = char(n); asm volatile("" :: "r"(pad) : "memory");
  if (n == 0) return many(1, 2, 3, 4, 5, 6, acc, acc == 99 ? 13 : 8);
  return deep(n - 1, acc) + pad[0];
}
int main() {
  gort::wait_group wg; wg.add(1);
  gort::go([&] {
    long sum = 0;
    for (int n = 0; n < 300; ++n) sum += deep(n, 7);
    std::printf("sum=%ld\n", sum);
    int caught = 0;
    for (int n = 0; n < 300; ++n) {
      try { deep(n, 99); } catch (const std::exception& e) { if (std::strcmp(e.what(), "thirteen 99") == 0) ++caught; }
    }
    std::printf("caught=%d destroyed=%d\n", caught, destroyed);
    wg.done();
  });
  wg.wait();
}
