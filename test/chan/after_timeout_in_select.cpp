// gort::after(d) as a select timeout: it fires when nothing else is ready,
// loses to a ready case, delivers its time exactly once, and the time it
// delivers is not before the deadline.
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
#include <gort/gort.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;
using clk = std::chrono::steady_clock;

int main() {
  auto never = gort::make_chan<int>();

  // Timeout: nothing else can proceed.
  auto start = clk::now();
  std::size_t k = gort::select(
      gort::case_recv(never, [] { std::printf("unexpected value\n"); }),
      gort::case_recv(gort::after(20ms), [&](std::optional<clk::time_point> t) {
        std::printf("timeout, value %s\n",
                    t && *t >= start + 20ms ? "at or after deadline" : "WRONG");
      }));
  std::printf("case %zu\n", k);

  // A ready case wins over a timer that has not fired.
  auto ready = gort::make_chan<int>(1);
  ready.send(1);
  k = gort::select(gort::case_recv(ready), gort::case_recv(gort::after(1h)));
  std::printf("case %zu\n", k);

  // A value sent while the select is blocked beats the timeout.
  auto late = gort::make_chan<int>();
  gort::go([=] { late.send(5); });
  k = gort::select(gort::case_recv(late), gort::case_recv(gort::after(1h)));
  std::printf("case %zu\n", k);

  // The time is delivered once: capacity 1, then nothing more.
  auto t = gort::after(1ms);
  std::printf("capacity %zu\n", t.capacity());
  t.recv();
  k = gort::select(gort::case_recv(t), gort::case_default());
  std::printf("second receive: %s\n", k == 1 ? "nothing" : "UNEXPECTED");

  // after(0) and negative durations are ready at once.
  k = gort::select(gort::case_recv(gort::after(0s)), gort::case_default());
  std::printf("after(0): case %zu\n", k);
  k = gort::select(gort::case_recv(gort::after(-5ms)), gort::case_default());
  std::printf("after(-5ms): case %zu\n", k);

  // Dropping the channel before the timer fires is fine.
  for (int i = 0; i < 100; ++i) (void)gort::after(1ms);
  gort::sleep_for(5ms);
  std::printf("done\n");
}
// CHECK: timeout, value at or after deadline
// CHECK-NEXT: case 1
// CHECK-NEXT: case 0
// CHECK-NEXT: case 0
// CHECK-NEXT: capacity 1
// CHECK-NEXT: second receive: nothing
// CHECK-NEXT: after(0): case 0
// CHECK-NEXT: after(-5ms): case 0
// CHECK-NEXT: done
