// GORT_MAXTHREADS bounds the OS threads the runtime makes for goroutines
// blocked in system calls: going past it is Go's clear fatal error, not a
// hang or an unbounded thread count.
// RUN: %gortxx %s -o %t
// The pipe must block in the kernel (this tests the syscall handoff), so
// the network poller is off: GORT_DEBUG=netpoll=0 (docs/design/netpoll.md).
// RUN: (env GORT_DEBUG=netpoll=0 GORT_MAXPROCS=1 GORT_MAXTHREADS=8 %t 2>&1; echo "exit=$?") | FileCheck %s
// CHECK: runtime: program exceeds 8-thread limit
// CHECK-NEXT: fatal error: thread exhaustion
// CHECK: exit=2
#include <gort/gort.hpp>
#include <unistd.h>

#include <chrono>

int main() {
  // 20 goroutines each block in read() on a pipe nobody writes: each one
  // holds a thread, and every handoff needs another.
  for (int i = 0; i < 20; ++i) {
    int fds[2];
    if (pipe(fds) != 0) return 1;
    gort::go([fd = fds[0]] {
      char c;
      (void)read(fd, &c, 1);
    });
  }
  gort::sleep_for(std::chrono::seconds(30));
  return 0;
}
