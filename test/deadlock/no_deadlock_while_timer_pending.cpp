// Not a deadlock: every goroutine is blocked, but a sleeping goroutine's
// timer will wake it, and it releases the others. Likewise a plain thread
// that has used gort can still wake a goroutine.
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// CHECK: sleeper released main
// CHECK-NEXT: plain thread released main
#include <gort/gort.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

int main() {
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    gort::sleep_for(50ms);
    wg.done();
  });
  wg.wait();
  std::printf("sleeper released main\n");

  gort::wait_group wg2;
  wg2.add(1);
  gort::wait_group registered;
  registered.add(1);
  std::thread t([&] {
    registered.done();               // the thread's first gort call
    std::this_thread::sleep_for(50ms);  // not a gort call: a plain sleep
    wg2.done();
  });
  registered.wait();
  wg2.wait();
  std::printf("plain thread released main\n");
  t.join();
}
