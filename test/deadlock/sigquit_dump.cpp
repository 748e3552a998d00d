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
  kill(getpid(), SIGQUIT);
  for (;;) pause();
}
