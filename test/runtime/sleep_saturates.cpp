// Durations and time points too large for int64 nanoseconds saturate: a
// sleep or timed wait "for ever" (hours::max(), years(1000), a time point's
// max(), nanosleep with a huge tv_sec) parks its goroutine instead of
// returning at once (the conversion used to overflow to a negative count).
// With one P, each sleeper runs until it parks before main runs again, so
// main sees every broken sleeper finished: ordering, not timing.
// RUN: %gortxx -O1 %s -o %t
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// CHECK: started 11
// CHECK-NEXT: woke 0
// CHECK-NEXT: after(hours::max) not ready
#include <gort/gort.hpp>

#include <time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <climits>
#include <cstdio>
#include <mutex>

using namespace std::chrono;

std::atomic<int> started{0}, woke{0};
gort::mutex mu;
gort::condition_variable cv;

template <class F>
void sleeper(F f) {
  gort::go([f] {
    started.fetch_add(1);
    f();
    woke.fetch_add(1);
  });
}

int main() {
  sleeper([] { gort::sleep_for(hours::max()); });
  sleeper([] { gort::sleep_for(years(1000)); });
  sleeper([] { gort::sleep_for(duration<double>(1e300)); });
  sleeper([] { gort::sleep_until(steady_clock::time_point::max()); });
  sleeper([] { gort::sleep_until(time_point<system_clock, hours>::max()); });
  sleeper([] {
    std::unique_lock<gort::mutex> l(mu);
    cv.wait_for(l, hours::max());
  });
  sleeper([] {
    std::unique_lock<gort::mutex> l(mu);
    cv.wait_until(l, system_clock::time_point::max());
  });
  sleeper([] {
    std::unique_lock<gort::mutex> l(mu);
    cv.wait_for(l, years(1000), [] { return false; });
  });
  sleeper([] {
    timespec ts{LONG_MAX, 0};
    nanosleep(&ts, nullptr);
  });
  sleeper([] {
    timespec ts{LONG_MAX, 0};
    clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, nullptr);
  });
  sleeper([] {
    timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    timespec ts{LONG_MAX, 0};
    clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts, nullptr);
  });
  while (started.load() < 11) gort::yield();
  gort::yield();
  std::printf("started %d\nwoke %d\n", started.load(), woke.load());
  auto never = gort::after(hours::max());
  bool ready = false;
  gort::select(gort::case_recv(never, [&] { ready = true; }), gort::case_default());
  std::printf("after(hours::max) %s\n", ready ? "ready" : "not ready");
}
