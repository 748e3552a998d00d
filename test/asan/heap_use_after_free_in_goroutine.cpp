// gort++ --gort-asan: a heap-use-after-free inside a goroutine is reported
// with the goroutine's frames (ASan is told about every stack switch).
// RUN: %gortxx-asan %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
// RUN: env GORT_MAXPROCS=1 not %t 2>&1 | FileCheck %s
// CHECK: ERROR: AddressSanitizer: heap-use-after-free
// CHECK: READ of size 4
// CHECK: #0 {{.*}} in read_freed(int*) {{.*}}heap_use_after_free_in_goroutine.cpp:{{[0-9]+}}
// CHECK: in worker() {{.*}}heap_use_after_free_in_goroutine.cpp:{{[0-9]+}}
// CHECK: in gort::rt::{{.*}}g_entry
// CHECK: freed by thread
// CHECK: in worker() {{.*}}heap_use_after_free_in_goroutine.cpp:{{[0-9]+}}
#include <gort/gort.hpp>

#include <cstdio>

volatile int sink;
gort::wait_group wg;

[[gnu::noinline]] void read_freed(int* p) {
  sink = *p;
}

[[gnu::noinline]] void worker() {
  int* p = new int(42);
  delete p;
  read_freed(p);
  wg.done();
}

int main() {
  wg.add(1);
  gort::go(worker);
  wg.wait();
  std::puts("not reached");
}
