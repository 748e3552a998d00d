// The deadlock check run by a goroutine pinned to its thread while it parks
// (it holds a std::mutex, docs/guide.md "Standard threads and locks in
// goroutines"): the dump lists that goroutine with its wait, not as
// running. GORT_MAXPROCS=1 and a yield make the order certain: B waits
// first, then main locks and parks on the channel, and main's own thread
// finds every goroutine asleep.
// RUN: %gortxx -O1 %s -o %t
// RUN: env GORT_MAXPROCS=1 timeout 60 sh -c '%t 2>%t.err; echo "exit=$?"' | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.err
// OUT: exit=2
// CHECK: fatal error: all goroutines are asleep - deadlock!
// CHECK-DAG: goroutine 1 [chan receive]:
// CHECK-DAG: goroutine {{[0-9]+}} [sync.WaitGroup.Wait]:
// CHECK-NOT: [running]
#include <gort/gort.hpp>

#include <mutex>

int main() {
  std::mutex mu;
  auto never = gort::make_chan<int>();
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] { wg.wait(); });
  gort::yield();  // B runs and waits
  std::lock_guard<std::mutex> lock(mu);
  never.recv();
}
