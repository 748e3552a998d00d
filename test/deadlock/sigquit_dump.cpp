// SIGQUIT prints every goroutine — id, state or wait reason, stack — and
// exits with status 2. The goroutine that takes the signal shows as
// running.
// RUN: %gortxx -O1 %s -o %t
// RUN: (env GORT_MAXPROCS=1 %t 2>%t.err; echo "exit=$?") | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.err
// OUT: all blocked
// OUT-NEXT: exit=2
// CHECK: SIGQUIT: quit
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK-DAG: goroutine {{[0-9]+}} [sync.Mutex.Lock]:
// CHECK-DAG: goroutine {{[0-9]+}} [sleep]:
// CHECK-NEXT: gort::sleep_for
// CHECK-NEXT: time.hpp
// CHECK-NEXT: main::$_1::operator()() const
// CHECK-DAG: goroutine {{[0-9]+}} [runnable]:
#include <gort/gort.hpp>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

int main() {
  gort::mutex mu;
  mu.lock();
  gort::wait_group started;
  started.add(2);
  // On one P, main resumes only once each has blocked right after done().
  gort::go([&] { started.done(); mu.lock(); });
  gort::go([&] { started.done(); gort::sleep_for(std::chrono::hours(1)); });
  started.wait();
  gort::yield();
  gort::go([] {});  // queued, never run: runnable
  std::printf("all blocked\n");
  // raise, not kill(getpid()): the handler must run on main's thread, which
  // holds the only P, at once. A process-directed signal may be taken by an
  // idle M while main sleeps in pause(); sysmon then sees main's thread
  // asleep holding the P with a goroutine queued and adds a spare P
  // (docs/design/foreign.md), so the runnable goroutine may have run by
  // the time the dump is written.
  raise(SIGQUIT);
  for (;;) pause();
}
