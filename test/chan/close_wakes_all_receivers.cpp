// close() wakes every blocked receiver with nullopt: plain receives,
// range-for loops and blocked selects alike; values buffered before the
// close are still delivered first.
//
// With one P, the receivers all block before main (sleeping) runs again.
//
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=1 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=4 %t | FileCheck %s
// RUN: %gortxx-tsan %s -o %t.tsan
// RUN: env GORT_MAXPROCS=4 %t.tsan 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
#include <gort/gort.hpp>

#include <chrono>
#include <cstdio>
#include <string>

using namespace std::chrono_literals;

int main() {
  auto c = gort::make_chan<int>();
  auto results = gort::make_chan<const char*>(30);
  for (int i = 0; i < 10; ++i) {
    gort::go([=] { results.send(c.recv() ? "value" : "nullopt"); });
    gort::go([=] {
      int n = 0;
      for (int x : c) n += x;
      results.send(n == 0 ? "range ended" : "range got a value");
    });
    gort::go([=] {
      gort::select(gort::case_recv(c, [=](std::optional<int> v) {
                     results.send(v ? "select value" : "select nullopt");
                   }),
                   gort::case_recv(gort::chan<int>()));  // nil: never fires
    });
  }
  gort::sleep_for(10ms);
  c.close();
  int plain = 0, ranged = 0, selected = 0;
  for (int i = 0; i < 30; ++i) {
    std::string r = *results.recv();
    if (r == "nullopt") ++plain;
    if (r == "range ended") ++ranged;
    if (r == "select nullopt") ++selected;
  }
  std::printf("recv nullopt: %d, range ended: %d, select nullopt: %d\n", plain,
              ranged, selected);

  // Buffered: drained first, then nullopt.
  auto b = gort::make_chan<int>(3);
  b.send(1);
  b.send(2);
  b.close();
  auto x = b.recv(), y = b.recv(), z = b.recv();
  std::printf("buffered after close: %d %d %s\n", *x, *y, z ? "value" : "nullopt");
}
// CHECK: recv nullopt: 10, range ended: 10, select nullopt: 10
// CHECK-NEXT: buffered after close: 1 2 nullopt
