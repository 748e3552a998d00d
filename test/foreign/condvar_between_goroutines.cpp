// std::condition_variable between goroutines: the waiter's thread blocks in
// pthread_cond_wait with its P handed off (system-call state), so the
// notifier runs on another M. Before, with one P, the waiter blocked the
// only thread and the program hung. Ping-pong 200 times, then a
// wait_for that times out (pthread_cond_clockwait) must return.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 timeout 120 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=2 timeout 120 %t | FileCheck %s
// CHECK: ping=200 pong=200
// CHECK-NEXT: wait_for timed out: yes
#include <gort/gort.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>

int main() {
  std::mutex mu;
  std::condition_variable cv;
  int turn = 0;  // 0: ping's turn, 1: pong's
  int ping = 0, pong = 0;
  constexpr int rounds = 200;
  gort::wait_group wg;
  wg.add(2);
  gort::go([&] {
    for (int i = 0; i < rounds; ++i) {
      std::unique_lock<std::mutex> lk(mu);
      cv.wait(lk, [&] { return turn == 0; });
      ++ping;
      turn = 1;
      cv.notify_all();
    }
    wg.done();
  });
  gort::go([&] {
    for (int i = 0; i < rounds; ++i) {
      std::unique_lock<std::mutex> lk(mu);
      cv.wait(lk, [&] { return turn == 1; });
      ++pong;
      turn = 0;
      cv.notify_all();
    }
    wg.done();
  });
  wg.wait();
  std::printf("ping=%d pong=%d\n", ping, pong);
  std::unique_lock<std::mutex> lk(mu);
  bool timed_out = !cv.wait_for(lk, std::chrono::milliseconds(20), [] { return false; });
  std::printf("wait_for timed out: %s\n", timed_out ? "yes" : "no");
}
