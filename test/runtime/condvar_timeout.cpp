// condition_variable::wait_for times out when nobody notifies (the timer
// wakes the goroutine), and returns no_timeout when notified first;
// notify_all wakes every waiter.
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// CHECK: first wait: timeout
// CHECK: predicate wait: false
// CHECK: notified wait: no_timeout
// CHECK: notify_all woke 5
#include <gort/gort.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

using namespace std::chrono_literals;

int main() {
  gort::mutex mu;
  gort::condition_variable cv;
  {
    std::unique_lock lk(mu);
    auto st = cv.wait_for(lk, 20ms);
    std::printf("first wait: %s\n", st == std::cv_status::timeout ? "timeout" : "no_timeout");
    bool ok = cv.wait_for(lk, 5ms, [] { return false; });
    std::printf("predicate wait: %s\n", ok ? "true" : "false");
  }
  bool flag = false;
  gort::go([&] {
    std::lock_guard lk(mu);
    flag = true;
    cv.notify_one();
  });
  {
    std::unique_lock lk(mu);
    // An hour: only the notify can end this wait.
    bool ok = cv.wait_for(lk, 3600s, [&] { return flag; });
    std::printf("notified wait: %s\n", ok ? "no_timeout" : "timeout");
  }
  std::atomic<int> woke{0};
  int waiting = 0;
  gort::wait_group wg;
  wg.add(5);
  for (int i = 0; i < 5; ++i)
    gort::go([&] {
      std::unique_lock lk(mu);
      ++waiting;
      cv.wait(lk, [&] { return waiting < 0; });
      ++woke;
      wg.done();
    });
  for (;;) {
    gort::yield();
    std::lock_guard lk(mu);
    if (waiting == 5) {
      waiting = -1;
      cv.notify_all();
      break;
    }
  }
  wg.wait();
  std::printf("notify_all woke %d\n", woke.load());
}
