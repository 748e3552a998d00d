// While a goroutine is blocked in foreign code (a std::condition_variable
// wait_for, a std::future wait), the deadlock check stays quiet even though
// every other goroutine is parked: that goroutine will come back. It then
// wakes main through a channel.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 timeout 60 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=2 timeout 60 %t | FileCheck %s
// CHECK: main received 1
// CHECK-NEXT: main received 2
#include <gort/gort.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>

int main() {
  auto ch = gort::make_chan<int>();
  gort::go([ch] {
    std::mutex mu;
    std::condition_variable cv;
    std::unique_lock<std::mutex> lk(mu);
    cv.wait_for(lk, std::chrono::milliseconds(200), [] { return false; });
    ch.send(1);
  });
  std::printf("main received %d\n", ch.recv().value_or(-1));
  gort::go([ch] {
    std::promise<int> never;
    auto f = never.get_future();
    f.wait_for(std::chrono::milliseconds(200));  // a futex wait with timeout
    ch.send(2);
  });
  std::printf("main received %d\n", ch.recv().value_or(-1));
}
