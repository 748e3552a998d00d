// A real deadlock is still reported when a goroutine waits on a gort
// primitive while holding a std::mutex (pinned: its park blocks its
// thread, and that thread counts as idle), and the report shows what each
// goroutine waits for. Goroutine 1 holds the mutex and receives on a
// channel nobody sends on; another goroutine waits for a wait_group.
// With `b-first` (GORT_MAXPROCS=1 and a yield make the order certain) B
// waits before main parks, so main's own pinned thread finds every
// goroutine asleep while it parks: it is listed with its wait, never as
// running (it printed "[running]" before).
// RUN: %gortxx -O1 %s -o %t
// RUN: env GORT_MAXPROCS=1 timeout 60 sh -c '%t 2>%t.err; echo "exit=$?"' | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.err
// RUN: env GORT_MAXPROCS=2 timeout 60 sh -c '%t 2>%t.err; echo "exit=$?"' | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.err
// RUN: env GORT_MAXPROCS=1 timeout 60 sh -c '%t b-first 2>%t.err; echo "exit=$?"' | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --implicit-check-not="[running]" < %t.err
// OUT: exit=2
// CHECK: fatal error: all goroutines are asleep - deadlock!
// CHECK-DAG: goroutine 1 [chan receive]:
// CHECK-DAG: goroutine {{[0-9]+}} [sync.WaitGroup.Wait]:
#include <gort/gort.hpp>

#include <cstring>
#include <mutex>

int main(int argc, char** argv) {
  std::mutex mu;
  auto never = gort::make_chan<int>();
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] { wg.wait(); });
  if (argc > 1 && std::strcmp(argv[1], "b-first") == 0) gort::yield();  // B waits
  std::lock_guard<std::mutex> lock(mu);
  never.recv();
}
