// wait_group: wait on zero returns at once; add/done across goroutines;
// several waiters are all released; a negative counter panics with Go's text.
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// CHECK: empty wait returned
// CHECK: counted 50
// CHECK: waiters released 3
// CHECK: panic_error: sync: negative WaitGroup counter
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>

int main() {
  gort::wait_group empty;
  empty.wait();
  std::printf("empty wait returned\n");

  gort::wait_group wg;
  std::atomic<int> n{0};
  wg.add(50);
  for (int i = 0; i < 50; ++i) gort::go([&] { ++n; wg.done(); });
  wg.wait();
  std::printf("counted %d\n", n.load());

  gort::wait_group gate, released;
  std::atomic<int> out{0};
  gate.add(1);
  released.add(3);
  for (int i = 0; i < 3; ++i)
    gort::go([&] { gate.wait(); ++out; released.done(); });
  gort::yield();
  gate.done();
  released.wait();
  std::printf("waiters released %d\n", out.load());

  gort::wait_group bad;
  try {
    bad.done();
  } catch (const gort::panic_error& e) {
    std::printf("panic_error: %s\n", e.what());
  }
}
