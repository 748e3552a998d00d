// longjmp out of a recursion that spans several stack segments (C libraries
// do this for errors: libpng, libjpeg, Lua) leaves the goroutine's segment
// state right: repeated jumps, each followed by another deep recursion, in
// several goroutines that migrate between threads (GORT_MAXPROCS=2,
// yields inside the recursion). Before, the split-stack state still named
// the youngest segment after the jump, and the next growth hit a guard:
// "fatal error: stack overflow" after ~600 KB.
// RUN: %gortxx -O1 %s -o %t
// RUN: env GORT_MAXPROCS=2 %t 2>&1 | FileCheck %s
// RUN: %gortxx -O1 -D_FORTIFY_SOURCE=2 %s -o %t.fortify
// RUN: env GORT_MAXPROCS=2 %t.fortify 2>&1 | FileCheck %s
// CHECK-NOT: fatal error
// CHECK: jumps 400 sum {{[0-9]+}}
// CHECK-NEXT: siglongjmp 50
#include <gort/gort.hpp>

#include <csetjmp>
#include <cstdio>
#include <setjmp.h>

#include <atomic>

std::atomic<int> jumps{0};
std::atomic<long> total{0};

[[gnu::noinline]] long dive(std::jmp_buf* env, int n, int jump_at) {
  volatile char pad[512];
  pad[n % 512] = char(n);
  if (n % 64 == 0) gort::yield();  // migrate mid-recursion
  if (n == jump_at) std::longjmp(*env, n);
  return n ? dive(env, n - 1, jump_at) + pad[n % 512] : 0;
}

[[gnu::noinline]] long sigdive(sigjmp_buf* env, int n) {
  volatile char pad[512];
  pad[n % 512] = char(n);
  if (n == 0) siglongjmp(*env, 1);
  return sigdive(env, n - 1) + pad[n % 512];
}

void worker(int id, gort::wait_group* wg) {
  for (int round = 0; round < 100; ++round) {
    std::jmp_buf env;
    // ~1.5 MB deep: several segments (64 KiB, 128 KiB, ... 1 MiB).
    if (int v = setjmp(env)) {
      jumps.fetch_add(1);
      total.fetch_add(v);
    } else {
      dive(&env, 3000, (round * 37 + id) % 2000);
    }
    // A full-depth recursion after the jump must still grow normally.
    total.fetch_add(dive(&env, 3000 + round % 3, -1) & 1);
  }
  wg->done();
}

int main() {
  gort::wait_group wg;
  wg.add(4);
  for (int i = 0; i < 4; ++i) gort::go(worker, i, &wg);
  wg.wait();
  std::printf("jumps %d sum %ld\n", jumps.load(), total.load());
  int sig = 0;
  gort::wait_group wg2;
  wg2.add(1);
  gort::go([&] {
    for (int i = 0; i < 50; ++i) {
      sigjmp_buf env;
      if (sigsetjmp(env, 1)) ++sig; else sigdive(&env, 2000);
      std::jmp_buf unused;
      dive(&unused, 3000, -1);
    }
    wg2.done();
  });
  wg2.wait();
  std::printf("siglongjmp %d\n", sig);
}
