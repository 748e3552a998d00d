// A plain std::thread that overflows its own stack is reported like a
// goroutine: stdout flushed, "fatal error: stack overflow", the thread and
// its stack, exit 2. std::thread's constructor calls pthread_create from
// inside libstdc++.so, out of reach of the link's --wrap=pthread_create;
// the program's own pthread_create definition gives the thread its
// alternate signal stack anyway (without it the fault handler has no stack
// to run on and the process dies of a bare SIGSEGV, with nothing printed).
// RUN: %gortxx %s -o %t
// RUN: %t > %t.out 2>&1; echo status=$? >> %t.out
// RUN: FileCheck %s < %t.out
// CHECK: start (buffered)
// CHECK: runtime: stack guard page hit at pc=
// CHECK-NEXT: fatal error: stack overflow
// CHECK: thread {{[0-9]+}} [running]:
// CHECK: recurse
// CHECK: status=2
#include <gort/gort.hpp>

#include <cstdio>
#include <thread>

static volatile int sink;

__attribute__((noinline)) long recurse(long n) {
  volatile char buf[64];
  buf[0] = 1;
  sink = buf[0];
  return n ? recurse(n - 1) + 1 : 0;
}

int main() {
  std::printf("start (buffered)\n");  // stdout is a file: not yet written
  std::thread t([] { std::printf("depth %ld\n", recurse(100'000'000)); });
  t.join();
}
