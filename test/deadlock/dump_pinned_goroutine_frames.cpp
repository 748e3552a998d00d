// A goroutine that parks while holding a std::mutex (pinned: its thread
// waits with its registers live, docs/design/foreign.md) is listed with
// its own frames by a dump written on another thread: the deadlock error
// and SIGQUIT (it showed only "make_fcontext", its saved context being
// stale). On one P the order is certain: the worker takes the mutex, wakes
// main with `started` and parks on `never`, handing the P on; only then
// can main run, and it finds the deadlock (or raises SIGQUIT) itself.
// RUN: %gortxx -O1 %s -o %t
// RUN: env GORT_MAXPROCS=1 timeout 60 sh -c '%t deadlock 2>%t.err; echo "exit=$?"' | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefixes=CHECK,DEADLOCK < %t.err
// RUN: env GORT_MAXPROCS=1 timeout 60 sh -c '%t sigquit 2>%t.err; echo "exit=$?"' | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefixes=CHECK,SIGQUIT < %t.err
// OUT: exit=2
// DEADLOCK: fatal error: all goroutines are asleep - deadlock!
// SIGQUIT: SIGQUIT: quit
// CHECK: goroutine 2 [chan receive]:
// CHECK-NOT: {{^goroutine|make_fcontext}}
// CHECK: wait_forever(
// CHECK-NEXT: dump_pinned_goroutine_frames.cpp:[[@LINE+12]]
// CHECK-NEXT: hold_the_lock_and_wait(
// CHECK-NEXT: dump_pinned_goroutine_frames.cpp:[[@LINE+16]]
#include <gort/gort.hpp>
#include <signal.h>

#include <cstring>
#include <mutex>

std::mutex mu;

[[gnu::noinline]] void wait_forever(gort::chan<int> never) {
  never.recv();
}

[[gnu::noinline]] void hold_the_lock_and_wait(gort::chan<int> started, gort::chan<int> never) {
  std::lock_guard<std::mutex> lock(mu);
  started.send(1);
  wait_forever(never);
}

int main(int argc, char** argv) {
  auto started = gort::make_chan<int>();
  auto never = gort::make_chan<int>();
  gort::go([=] { hold_the_lock_and_wait(started, never); });
  started.recv();
  if (argc > 1 && std::strcmp(argv[1], "sigquit") == 0) {
    raise(SIGQUIT);  // on main's thread: the worker is walked from its G
    for (;;) pause();
  }
  never.recv();
}
