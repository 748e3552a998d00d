// Unlocking an unlocked mutex, or a shared_mutex (write or read side), is
// Go's fatal error with Go's text, followed by the goroutine's stack, as
// Go's fatal() prints it: "fatal error: <msg>", a blank line, "goroutine N
// [running]:", the frames; stdout flushed first; exit status 2.
// RUN: %gortxx %s -o %t
// RUN: %t mutex > %t.m 2>&1; echo status=$? >> %t.m
// RUN: FileCheck %s --check-prefixes=CHECK,MUTEX < %t.m
// RUN: %t rw > %t.rw 2>&1; echo status=$? >> %t.rw
// RUN: FileCheck %s --check-prefixes=CHECK,RW < %t.rw
// RUN: %t rlock > %t.r 2>&1; echo status=$? >> %t.r
// RUN: FileCheck %s --check-prefixes=CHECK,RLOCK < %t.r
// CHECK: about to misuse
// MUTEX-NEXT: fatal error: sync: unlock of unlocked mutex
// RW-NEXT: fatal error: sync: Unlock of unlocked RWMutex
// RLOCK-NEXT: fatal error: sync: RUnlock of unlocked RWMutex
// CHECK-EMPTY:
// CHECK-NEXT: goroutine {{[0-9]+}} [running]:
// CHECK: misuse_in_goroutine
// CHECK: status=2
#include <gort/gort.hpp>

#include <cstdio>
#include <cstring>
#include <shared_mutex>

gort::mutex mu;
gort::shared_mutex rw;

[[gnu::noinline]] void misuse_in_goroutine(const char* which) {
  std::printf("about to misuse\n");  // buffered: must be flushed first
  if (std::strcmp(which, "mutex") == 0) mu.unlock();
  if (std::strcmp(which, "rw") == 0) rw.unlock();
  if (std::strcmp(which, "rlock") == 0) rw.unlock_shared();
  std::printf("not reached\n");  // (and no tail call: this frame shows)
}

int main(int argc, char** argv) {
  if (argc < 2) return 3;
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    misuse_in_goroutine(argv[1]);
    wg.done();
  });
  wg.wait();
}
