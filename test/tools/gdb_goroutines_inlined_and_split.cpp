// `info goroutines` names the program's function a goroutine waits in also
// when gort's calls are inlined into it (a range-for over a channel) and
// when its stack passes through the split-stack trampolines (code built by
// gort++ with the plugin): the walk follows the trampolines as the
// runtime's dumps do and looks at every inlined level of a frame. A
// parked goroutine whose function ends in a noreturn call is named by that
// function (return addresses looked up at pc-1), and `goroutine <id> bt`
// unwinds it.
// REQUIRES: gdb
// RUN: %gortpp -O2 %s -o %t
// RUN: gdb -nx -batch -ex run -ex "source %gort_src/tools/gdb/gort.py" \
// RUN:   -ex "info goroutines" -ex "goroutine 3 bt" %t 2>&1 | FileCheck %s
// CHECK: goroutine 1 [running]
// CHECK-DAG: goroutine 2 [chan receive] in drain(gort::chan<int>)
// CHECK-DAG: goroutine 3 [chan receive] in {{park_forever|waits_last}}
// CHECK: #{{[0-9]+}} {{.*}}park_forever
// CHECK: #{{[0-9]+}} {{.*}}waits_last
// CHECK-NOT: placed_after_waits_last
#include <gort/gort.hpp>

#include <csignal>

static volatile int sink;

[[gnu::noinline]] void drain(gort::chan<int> c) {
  for (int v : c) sink = v;
}

[[noreturn, gnu::noinline]] void park_forever(gort::chan<int> c) {
  for (;;) c.recv();
}
[[gnu::noinline]] void waits_last(gort::chan<int> c, int n) {
  if (n > 0) park_forever(c);
}
[[gnu::noinline]] void placed_after_waits_last() { sink = 1; }

int main(int argc, char**) {
  auto c = gort::make_chan<int>();
  auto d = gort::make_chan<int>();
  gort::wait_group started;
  started.add(2);
  [[go]] [&] { started.done(); drain(c); }();
  [[go]] [&] { started.done(); waits_last(d, argc); }();
  started.wait();
  for (int i = 0; i < 10; ++i) gort::yield();  // let both block
  std::raise(SIGTRAP);  // stop in gdb with both goroutines parked
}
