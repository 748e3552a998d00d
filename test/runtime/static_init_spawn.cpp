// gort works during static initialisation: a goroutine spawned from a
// namespace-scope initialiser runs, and main is still goroutine 1.
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// CHECK: main is goroutine 1
// CHECK-NEXT: static-init goroutine ran: 1
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>

gort::wait_group ready_wg;
std::atomic<int> ran{0};

static int spawn_at_init = [] {
  ready_wg.add(1);
  gort::go([] { ran = 1; ready_wg.done(); });
  return 0;
}();

int main() {
  std::printf("main is goroutine %llu\n", (unsigned long long)gort::goroutine_id());
  ready_wg.wait();
  std::printf("static-init goroutine ran: %d\n", ran.load());
}
