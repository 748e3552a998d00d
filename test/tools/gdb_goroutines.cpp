// The gdb extension (tools/gdb/gort.py): `info goroutines` lists every
// goroutine with its wait reason, and `goroutine <id> bt` unwinds a parked
// goroutine from its saved context.
// REQUIRES: gdb
// RUN: %gortxx -O1 %s -o %t
// RUN: gdb -nx -batch -ex run -ex "source %gort_src/tools/gdb/gort.py" \
// RUN:   -ex "info goroutines" -ex "goroutine 2 bt" %t 2>&1 | FileCheck %s
// CHECK: goroutine 1 [running]
// CHECK-DAG: goroutine 2 [chan receive] in {{wait_for_work|worker_main}}
// CHECK-DAG: goroutine 3 [sync.Mutex.Lock]
// CHECK: #{{[0-9]+}} {{.*}}worker_main
// Program code without debug information (the runtime keeps its own):
// functions are named from the symbol table, nothing throws.
// RUN: %gortxx -O1 -g0 %s -o %t.nodebug
// RUN: gdb -nx -batch -ex run -ex "source %gort_src/tools/gdb/gort.py" \
// RUN:   -ex "info goroutines" %t.nodebug 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NODEBUG --implicit-check-not=Exception
// NODEBUG: goroutine 1 [running]
// NODEBUG-DAG: goroutine 2 [chan receive] in {{wait_for_work|worker_main}}
// NODEBUG-DAG: goroutine 3 [sync.Mutex.Lock] in
#include <gort/gort.hpp>

#include <csignal>

[[gnu::noinline]] void wait_for_work(gort::chan<int> c) { c.recv(); }
[[gnu::noinline]] void worker_main(gort::chan<int> c) { wait_for_work(c); }

int main() {
  auto c = gort::make_chan<int>();
  gort::mutex mu;
  mu.lock();
  gort::wait_group started;
  started.add(2);
  gort::go([&] { started.done(); worker_main(c); });
  gort::go([&] { started.done(); mu.lock(); });
  started.wait();
  for (int i = 0; i < 10; ++i) gort::yield();  // let both block
  std::raise(SIGTRAP);  // stop in gdb with both goroutines parked
}
