// The release of alloca/VLA blocks (gort++'s pass, docs/design/stacks.md)
// never frees a live one: a 1 MiB VLA live across a call whose own VLA and
// alloca also get blocks keeps its data (the callee's blocks go when it
// returns, the caller's stays), also from a VLA scope in a loop body around
// the call. Blocks of frames an exception leaves: a frame with a cleanup
// frees them when the exception passes (its landing pad's resume), the
// others are freed by the enclosing instrumented frame's return.
// UNSUPPORTED: asan-mode
// RUN: %gortxx -O0 -Wno-vla-cxx-extension %s -o %t.O0
// RUN: env GORT_MAXPROCS=2 %t.O0 2>&1 | FileCheck %s
// RUN: %gortxx -O2 -Wno-vla-cxx-extension %s -o %t.O2
// RUN: env GORT_MAXPROCS=2 %t.O2 2>&1 | FileCheck %s
// CHECK-NOT: fatal error
// CHECK: nested: rounds 100 outer intact yes inner ok yes blocks in inner 3 after inner 1 after outer 0
// CHECK-NEXT: nested scope: rounds 100 intact yes blocks in inner 4 after inner 2 after outer 0
// CHECK-NEXT: unwound with cleanup: throws 100 blocks after each catch 0 after catcher 0
// CHECK-NEXT: unwound without cleanup: throws 100 after catcher 0
#include <gort/gort.hpp>

#include <alloca.h>

#include <cstddef>
#include <cstdio>

extern "C" std::size_t gort_debug_dyn_blocks() noexcept;

constexpr int kRounds = 100;

[[gnu::noinline]] void fill(char* p, std::size_t n, int seed) {
  for (std::size_t j = 0; j < n; j += 512) p[j] = char(seed + j / 512);
  p[n - 1] = char(seed * 7);
}
[[gnu::noinline]] bool same(const char* p, std::size_t n, int seed) {
  for (std::size_t j = 0; j < n; j += 512)
    if (p[j] != char(seed + j / 512)) return false;
  return p[n - 1] == char(seed * 7);
}

std::size_t blocks_in_inner = 0;

// Two blocks of its own (a VLA and an alloca), filled, checked, freed on
// return; a yield in between moves the goroutine to the other thread.
[[gnu::noinline]] bool inner(std::size_t n, int seed, std::size_t base) {
  char a[n];
  char* b = static_cast<char*>(alloca(n));
  fill(a, n, seed + 1);
  fill(b, n, seed + 2);
  gort::yield();
  blocks_in_inner = gort_debug_dyn_blocks() - base;
  return same(a, n, seed + 1) && same(b, n, seed + 2);
}

void nested(std::size_t n) {
  std::size_t base = gort_debug_dyn_blocks();
  bool intact = true, inner_ok = true;
  std::size_t after_inner = 0;
  [&]() __attribute__((noinline)) {
    char outer[n];
    fill(outer, n, 11);
    for (int r = 0; r < kRounds; ++r) {
      inner_ok &= inner(n, r, base);
      after_inner = gort_debug_dyn_blocks() - base;
      intact &= same(outer, n, 11);
    }
  }();
  std::printf("nested: rounds %d outer intact %s inner ok %s blocks in inner %zu "
              "after inner %zu after outer %zu\n",
              kRounds, intact ? "yes" : "NO", inner_ok ? "yes" : "NO",
              blocks_in_inner, after_inner, gort_debug_dyn_blocks() - base);
}

// The same from a VLA scope in a loop body, with the function's own VLA
// live below it.
void nested_scope(std::size_t n) {
  std::size_t base = gort_debug_dyn_blocks();
  bool intact = true;
  std::size_t after_inner = 0;
  [&]() __attribute__((noinline)) {
    char outer[n];
    fill(outer, n, 21);
    for (int r = 0; r < kRounds; ++r) {
      char scope[n];
      fill(scope, n, r);
      intact &= inner(n, r, base);
      after_inner = gort_debug_dyn_blocks() - base;
      intact &= same(scope, n, r) && same(outer, n, 21);
    }
  }();
  std::printf("nested scope: rounds %d intact %s blocks in inner %zu after inner "
              "%zu after outer %zu\n",
              kRounds, intact ? "yes" : "NO", blocks_in_inner, after_inner,
              gort_debug_dyn_blocks() - base);
}

struct on_unwind {
  int* count;
  ~on_unwind() { ++*count; }
};

[[gnu::noinline]] void throw_it(int v) { throw v; }

// A cleanup (the destructor) gives the frame a landing pad, whose resume
// releases its blocks while the exception passes.
[[gnu::noinline]] void throws_with_cleanup(std::size_t n, int seed, int* count) {
  on_unwind guard{count};
  char buf[n];
  fill(buf, n, seed);
  throw_it(seed);
}

// No landing pad: its blocks stay until an enclosing frame returns.
[[gnu::noinline]] void throws_without_cleanup(std::size_t n, int seed) {
  char buf[n];
  fill(buf, n, seed);
  throw seed;
}

void unwound(std::size_t n) {
  std::size_t base = gort_debug_dyn_blocks();
  int throws = 0, unwinds = 0;
  std::size_t worst = 0;
  // Instrumented (a small VLA of its own, which fits on the stack).
  [&]() __attribute__((noinline)) {
    std::size_t m = n / 65536 + 1;
    char small[m];
    fill(small, m, 3);
    for (int r = 0; r < kRounds; ++r) {
      try {
        throws_with_cleanup(n, r, &unwinds);
      } catch (int) {
        ++throws;
        std::size_t now = gort_debug_dyn_blocks() - base;
        if (now > worst) worst = now;
      }
    }
    if (!same(small, m, 3)) throws = -1;
  }();
  std::printf("unwound with cleanup: throws %d blocks after each catch %zu after "
              "catcher %zu\n",
              unwinds == throws ? throws : -1, worst, gort_debug_dyn_blocks() - base);

  throws = 0;
  [&]() __attribute__((noinline)) {
    std::size_t m = n / 65536 + 1;
    char small[m];
    fill(small, m, 3);
    for (int r = 0; r < kRounds; ++r) {
      try {
        throws_without_cleanup(n / 4, r);  // 100 of them live at once
      } catch (int) {
        ++throws;
      }
    }
    if (!same(small, m, 3)) throws = -1;
  }();
  std::printf("unwound without cleanup: throws %d after catcher %zu\n", throws,
              gort_debug_dyn_blocks() - base);
}

int main() {
  volatile std::size_t mib = std::size_t(1) << 20;
  gort::wait_group wg;
  wg.add(1);
  gort::go([&wg, n = std::size_t(mib)] {
    nested(n);
    nested_scope(n);
    unwound(n);
    wg.done();
  });
  wg.wait();
}
