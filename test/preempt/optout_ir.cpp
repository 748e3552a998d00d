// The loop polls in IR: every call-free loop gets one (between chunks of a
// counted loop, or at a count down in the header: a relaxed load of
// %fs:0x74, addrspace 257, and a cold call of gort_preempt_poll), except in a
// function marked GORT_NOPREEMPT, and a loop that calls split-stack code
// on every iteration needs none. With --gort-no-loop-polls, none at all.
// RUN: %gortxx -S -emit-llvm -o - %s | FileCheck %s
// RUN: %gortxx --gort-no-loop-polls -S -emit-llvm -o - %s | FileCheck %s --check-prefix=OFF
#include <gort/runtime.hpp>

#include <cstddef>

// CHECK-LABEL: define {{.*}}@_Z3sumPKim(
// CHECK: load atomic i32, ptr addrspace(257) inttoptr (i64 116 to ptr addrspace(257)) monotonic
// CHECK: icmp eq i32 {{.*}}, 2147483647
// CHECK: br i1 {{.*}}, !prof
// CHECK: call preserve_allcc void @gort_preempt_poll()
// CHECK-LABEL: define {{.*}}@_Z11sum_no_pollPKim(
// CHECK-NOT: gort_preempt_poll
// CHECK-LABEL: define {{.*}}@_Z12calls_helperPim(
// CHECK-NOT: gort_preempt_poll
// CHECK-LABEL: define {{.*}}@_Z4spinPVi(
// CHECK: call preserve_allcc void @gort_preempt_poll()
// CHECK: declare preserve_allcc void @gort_preempt_poll()
// OFF-NOT: gort_preempt_poll
long sum(const int* a, std::size_t n) {
  long s = 0;
  for (std::size_t i = 0; i < n; ++i) s += a[i];
  return s;
}

GORT_NOPREEMPT long sum_no_poll(const int* a, std::size_t n) {
  long s = 0;
  for (std::size_t i = 0; i < n; ++i) s += a[i];
  return s;
}

[[gnu::noinline]] void helper(int* p) { *p += 1; }

// helper has a split-stack prologue and runs every iteration: no poll.
void calls_helper(int* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) helper(p);
}

void spin(volatile int* f) {
  while (!*f) {
  }
}
