// The deadlock report names channel wait reasons as Go does: main blocked
// receiving ("chan receive", docs/guide.md's example), a sender with no
// receiver, a select, a select with no cases, and nil-channel operations.
// RUN: %gortxx -O1 %s -o %t
// RUN: (%t 2>%t.err; echo "exit=$?") | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.err
// OUT: exit=2
// CHECK: fatal error: all goroutines are asleep - deadlock!
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [chan receive]:
// Each stack names the program's frames, with file:line (the frame-pointer
// walk goes past the split-stack trampolines, __morestack_non_split).
// CHECK-NEXT: gort::chan<int>::recv() const
// CHECK-NEXT: {{^}}	{{.*}}chan.hpp:{{[0-9]+}}
// CHECK-NEXT: {{^main$}}
// CHECK-NEXT: {{^}}	{{.*}}deadlock_channels.cpp:[[#@LINE+19]]
// CHECK-DAG: goroutine {{[0-9]+}} [chan send]:
// CHECK-DAG: goroutine {{[0-9]+}} [select]:
// CHECK-DAG: goroutine {{[0-9]+}} [select (no cases)]:
// CHECK-DAG: goroutine {{[0-9]+}} [chan receive (nil chan)]:
// CHECK-DAG: goroutine {{[0-9]+}} [chan send (nil chan)]:
#include <gort/gort.hpp>

int main() {
  auto never = gort::make_chan<int>();
  auto full = gort::make_chan<int>();
  gort::chan<int> nil;
  gort::go([full] { full.send(1); });
  gort::go([never, full] {
    gort::select(gort::case_recv(never), gort::case_send(full, 2));
  });
  gort::go([] { gort::select(); });
  gort::go([nil] { nil.recv(); });
  gort::go([nil] { nil.send(3); });
  never.recv();  // goroutine 1 [chan receive]
}
