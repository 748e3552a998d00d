// gort++'s pass (plugin/loop_poll/DynBlockRelease.cpp) in IR: a split-stack
// function with a dynamic alloca takes a mark at entry and releases it before
// every return; a VLA scope (stacksave/stackrestore, also the -O0 spill slot
// of the saved pointer) takes a mark at the save and releases it right after
// the restore. A function without dynamic allocas, and a no_split_stack one,
// are left alone. --gort-no-loop-polls turns off the polls, not this.
// RUN: %gortxx -O0 -Wno-vla-cxx-extension -S -emit-llvm -o - %s | FileCheck %s
// RUN: %gortxx -O2 -Wno-vla-cxx-extension -S -emit-llvm -o - %s | FileCheck %s
// RUN: %gortxx --gort-no-loop-polls -O2 -Wno-vla-cxx-extension -S -emit-llvm -o - %s | FileCheck %s --check-prefixes=CHECK,NOPOLL
// NOPOLL-NOT: gort_preempt_poll
#include <alloca.h>

#include <cstddef>

void touch(char*, std::size_t);

// CHECK-LABEL: define {{.*}}@_Z5plainPKim(
// CHECK-NOT: gort_dyn
// CHECK: ret
long plain(const int* a, std::size_t n) {
  long s = 0;
  for (std::size_t i = 0; i < n; ++i) s += a[i];
  return s;
}

// CHECK-LABEL: define {{.*}}@_Z11with_allocam(
// CHECK: [[MARK:%.*]] = call ptr @gort_dyn_mark()
// CHECK: alloca i8, i64
// CHECK: call void @gort_dyn_release(ptr [[MARK]])
// CHECK-NEXT: ret void
void with_alloca(std::size_t n) { touch(static_cast<char*>(alloca(n)), n); }

// CHECK-LABEL: define {{.*}}@_Z13scope_in_loopmi(
// CHECK: call ptr @gort_dyn_mark()
// CHECK: call ptr @llvm.stacksave.p0()
// CHECK-NEXT: [[SCOPE:%.*]] = call ptr @gort_dyn_mark()
// CHECK: call void @llvm.stackrestore.p0(
// CHECK-NEXT: call void @gort_dyn_release(ptr
void scope_in_loop(std::size_t n, int k) {
  for (int i = 0; i < k; ++i) {
    char buf[n];
    touch(buf, n);
  }
}

// CHECK-LABEL: define {{.*}}@_Z7nosplitm(
// CHECK-NOT: gort_dyn
// CHECK: ret void
[[gnu::no_split_stack]] void nosplit(std::size_t n) {
  char buf[n];
  touch(buf, n);
}

// CHECK: declare ptr @gort_dyn_mark()
// CHECK: declare void @gort_dyn_release(ptr)
