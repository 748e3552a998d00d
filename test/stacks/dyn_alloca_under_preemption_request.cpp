// A dynamic alloca while sysmon's preemption request is pending: the
// request replaces the stack limit with a poison above every address, and
// LLVM's split-stack alloca compares the limit with the new stack pointer
// *signed* (`cmp %rdi,%fs:0x70; jg malloc`), unlike the prologues (unsigned).
// With the poison 0xffffffff'<seq> (negative as signed) the 1 MiB VLA
// "fitted" and ran off a 4 KiB segment: `fatal error: stack overflow` or an
// unexpected SIGSEGV in another goroutine's memory. The poison is now
// 0x7fffffff'<seq>: above every address both ways, so the alloca takes a
// block and the next prologue is preempted.
// Each call spins (no calls, no loop polls: GORT_NOPREEMPT) between its
// prologue and its VLA, far longer than sysmon's 10 ms slice over the run,
// so requests land in that window; two goroutines on one P make sure they
// are sent.
// UNSUPPORTED: asan-mode
// RUN: %gortxx -O2 -Wno-vla-cxx-extension %s -o %t
// RUN: env GORT_MAXPROCS=1 %t 2>&1 | FileCheck %s
// CHECK-NOT: fatal error
// CHECK: a: calls 300 data ok
// CHECK: b: calls 300 data ok
#include <gort/gort.hpp>

#include <cstddef>
#include <cstdio>

[[gnu::noinline]] void fill(char* p, std::size_t n, int seed) {
  for (std::size_t j = 0; j < n; j += 4096) p[j] = char(seed + j / 4096);
}
[[gnu::noinline]] bool same(const char* p, std::size_t n, int seed) {
  for (std::size_t j = 0; j < n; j += 4096)
    if (p[j] != char(seed + j / 4096)) return false;
  return true;
}

volatile unsigned sink;

[[gnu::noinline]] GORT_NOPREEMPT bool spin_then_vla(std::size_t n, int seed) {
  unsigned x = sink;
  for (int i = 0; i < 300000; ++i) x = x * 1664525u + 1013904223u;
  sink = x;
  char buf[n];
  fill(buf, n, seed);
  return same(buf, n, seed);
}

int main() {
  volatile std::size_t mib = std::size_t(1) << 20;
  bool ok[2] = {true, true};
  gort::wait_group wg;
  for (int g = 0; g < 2; ++g) {
    wg.add(1);
    gort::go([&, g, n = std::size_t(mib)] {
      for (int i = 0; i < 300; ++i) ok[g] &= spin_then_vla(n, i);
      wg.done();
    });
  }
  wg.wait();
  std::printf("a: calls 300 data %s\n", ok[0] ? "ok" : "WRONG");
  std::printf("b: calls 300 data %s\n", ok[1] ? "ok" : "WRONG");
}
