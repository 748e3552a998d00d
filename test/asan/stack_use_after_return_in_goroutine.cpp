// gort++ --gort-asan: a stack-use-after-return inside a goroutine (ASan's
// fake stacks, detect_stack_use_after_return=1) is reported with the
// goroutine's frames.
// RUN: %gortxx-asan %s -o %t
// RUN: env ASAN_OPTIONS=detect_stack_use_after_return=1 not %t 2>&1 | FileCheck %s
// RUN: env GORT_MAXPROCS=1 ASAN_OPTIONS=detect_stack_use_after_return=1 not %t 2>&1 | FileCheck %s
// CHECK: ERROR: AddressSanitizer: stack-use-after-return
// CHECK: WRITE of size 4
// CHECK: #0 {{.*}} in worker() {{.*}}stack_use_after_return_in_goroutine.cpp:{{[0-9]+}}
// CHECK: in gort::rt::{{.*}}g_entry
// CHECK: is located in stack of thread
// CHECK: in escape() {{.*}}stack_use_after_return_in_goroutine.cpp:{{[0-9]+}}
#include <gort/gort.hpp>

#include <cstdio>

gort::wait_group wg;

[[gnu::noinline]] int* escape() {
  int local = 1;
  int* volatile p = &local;
  return p;
}

[[gnu::noinline]] void worker() {
  int* p = escape();
  *p = 2;
  wg.done();
}

int main() {
  wg.add(1);
  gort::go(worker);
  wg.wait();
  std::puts("not reached");
}
