// With one P, two goroutines that yield to each other alternate strictly:
// yield puts the caller at the tail of its P's run queue (as Go's goyield;
// see scheduler/switch.cpp, post_switch::requeue). The last one spawned runs
// first: it sits in runnext.
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=1 %t | FileCheck %s
// CHECK: B0
// CHECK-NEXT: A0
// CHECK-NEXT: B1
// CHECK-NEXT: A1
// CHECK-NEXT: B2
// CHECK-NEXT: A2
// CHECK-NEXT: done
#include <gort/gort.hpp>

#include <cstdio>

int main() {
  gort::wait_group wg;
  wg.add(2);
  auto body = [&](char name) {
    for (int i = 0; i < 3; ++i) {
      std::printf("%c%d\n", name, i);
      gort::yield();
    }
    wg.done();
  };
  gort::go(body, 'A');
  gort::go(body, 'B');
  wg.wait();
  std::printf("done\n");
}
