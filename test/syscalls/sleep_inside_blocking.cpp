// The sleep family inside gort::blocking is the real call: the goroutine is
// already in a system call (with GORT_MAXPROCS=1 its P runs the others), so
// parking it on a timer as well hung the program forever. Each form runs
// from main and from another goroutine, with one P.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 timeout 120 %t | FileCheck %s
// CHECK: main: sleep_for, nanosleep, usleep, sleep(0), clock_nanosleep: done
// CHECK-NEXT: goroutine: sleep_for, nanosleep, usleep, sleep(0), clock_nanosleep: done
// CHECK-NEXT: a goroutine ran meanwhile: yes
#include <gort/gort.hpp>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

std::atomic<int> ticks{0};

void every_sleep(const char* who) {
  gort::blocking([] { std::this_thread::sleep_for(std::chrono::milliseconds(1)); });
  gort::blocking([] {
    timespec ts{0, 1'000'000};
    nanosleep(&ts, nullptr);
  });
  gort::blocking([] { usleep(1000); });
  gort::blocking([] { sleep(0); });
  gort::blocking([] {
    timespec ts{0, 1'000'000};
    clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, nullptr);
  });
  std::printf("%s: sleep_for, nanosleep, usleep, sleep(0), clock_nanosleep: done\n", who);
}

int main() {
  gort::go([] {
    for (int i = 0; i < 3; ++i) {
      ticks.fetch_add(1);
      gort::sleep_for(std::chrono::microseconds(100));
    }
  });
  every_sleep("main");
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    every_sleep("goroutine");
    wg.done();
  });
  wg.wait();
  std::printf("a goroutine ran meanwhile: %s\n", ticks.load() > 0 ? "yes" : "no");
}
