// The gdb extension (tools/gdb/gort.py) finds a goroutine parked while it
// holds a std::mutex (pinned: its thread waits with its registers live,
// docs/design/foreign.md) where it waits, and unwinds it: its G's context
// was stale ("make_fcontext") until the pinned park pointed it at the
// waiting frame. On one P the worker has parked, handing the P on, before
// main runs again. A goroutine blocked in std::mutex::lock (in the
// system-call state) is listed with the interposed call it waits in, as
// the runtime's dumps list it; main waits until glibc marks the mutex
// contended (2 in its lock word, set just before the futex wait).
// REQUIRES: gdb
// RUN: %gortxx -O1 %s -o %t
// RUN: env GORT_MAXPROCS=1 gdb -nx -batch -ex run -ex "source %gort_src/tools/gdb/gort.py" \
// RUN:   -ex "info goroutines" -ex "goroutine 2 bt" %t 2>&1 | FileCheck %s
// CHECK: goroutine 1 [running]
// CHECK-NEXT: goroutine 2 [chan receive] in wait_forever
// CHECK-NEXT: goroutine 3 [pthread_mutex_lock]{{$}}
// CHECK-NOT: make_fcontext
// CHECK: #{{[0-9]+}} {{.*}}wait_forever
// CHECK-NOT: make_fcontext
// CHECK: #{{[0-9]+}} {{.*}}hold_the_lock_and_wait
#include <gort/gort.hpp>

#include <atomic>
#include <csignal>
#include <mutex>

std::mutex mu;

[[gnu::noinline]] void wait_forever(gort::chan<int> never) { never.recv(); }

[[gnu::noinline]] void hold_the_lock_and_wait(gort::chan<int> started, gort::chan<int> never) {
  std::lock_guard<std::mutex> lock(mu);
  started.send(1);
  wait_forever(never);
}

int main() {
  auto started = gort::make_chan<int>();
  auto never = gort::make_chan<int>();
  gort::go([=] { hold_the_lock_and_wait(started, never); });
  started.recv();
  gort::go([] { std::lock_guard<std::mutex> lock(mu); });
  auto* word = reinterpret_cast<std::atomic<int>*>(&mu.native_handle()->__data.__lock);
  while (word->load() != 2) gort::yield();
  std::raise(SIGTRAP);  // stop in gdb with the worker parked
}
