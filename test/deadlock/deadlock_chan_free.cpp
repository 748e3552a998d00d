// When every goroutine is blocked on gort primitives and nothing can wake
// one, the runtime reports Go's fatal error with a dump of every goroutine
// (id, wait reason, stack) and exits with status 2.
// RUN: %gortxx -O1 -fno-omit-frame-pointer %s -o %t
// RUN: (%t 2>%t.err; echo "exit=$?") | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.err
// OUT: before deadlock
// OUT-NEXT: exit=2
// CHECK: fatal error: all goroutines are asleep - deadlock!
// CHECK-EMPTY:
// CHECK-DAG: goroutine 1 [sync.WaitGroup.Wait]:
// CHECK-DAG: goroutine {{[0-9]+}} [sync.Mutex.Lock]:
// CHECK-DAG: goroutine {{[0-9]+}} [sync.Cond.Wait]:
// CHECK-DAG: goroutine {{[0-9]+}} [sync.RWMutex.RLock]:
// CHECK-DAG: blocked_on_mutex(gort::mutex*)
// CHECK-DAG: main
#include <gort/gort.hpp>

#include <cstdio>
#include <mutex>
#include <shared_mutex>

gort::mutex mu;
gort::shared_mutex rw;
gort::mutex cv_mu;
gort::condition_variable cv;

[[gnu::noinline]] void blocked_on_mutex(gort::mutex* m) {
  m->lock();
  std::printf("unreachable\n");
}

int main() {
  mu.lock();
  rw.lock();
  gort::wait_group never;
  never.add(1);
  gort::go(blocked_on_mutex, &mu);
  gort::go([] { std::shared_lock r(rw); });
  gort::go([] {
    std::unique_lock lk(cv_mu);
    cv.wait(lk);
  });
  std::printf("before deadlock\n");
  never.wait();
}
