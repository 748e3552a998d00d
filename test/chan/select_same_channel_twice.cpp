// The same channel may appear in several cases of one select: it is locked
// once, each case can fire, and a select that blocks on a channel twice is
// woken exactly once.
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// RUN: %gortxx-tsan %s -o %t.tsan
// RUN: env GORT_MAXPROCS=4 %t.tsan 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
#include <gort/gort.hpp>

#include <cstdio>

int main() {
  // Both receive cases on a ready channel fire, about equally often.
  auto c = gort::make_chan<int>(1);
  int counts[2] = {0, 0};
  for (int i = 0; i < 10000; ++i) {
    c.send(i);
    ++counts[gort::select(gort::case_recv(c), gort::case_recv(c))];
  }
  std::printf("both fired: %s\n", counts[0] > 0 && counts[1] > 0 ? "yes" : "no");

  // Blocked on one unbuffered channel in two cases: each value sent wakes
  // the select once and is received once.
  auto u = gort::make_chan<int>();
  auto results = gort::make_chan<int>(100);
  gort::go([=] {
    for (int i = 0; i < 100; ++i) {
      int got = -1;
      auto h = [&](std::optional<int> v) { got = *v; };
      gort::select(gort::case_recv(u, h), gort::case_recv(u, h));
      results.send(got);
    }
    results.close();
  });
  for (int i = 0; i < 100; ++i) u.send(i);
  int sum = 0, count = 0;
  for (int v : results) {
    sum += v;
    ++count;
  }
  std::printf("received %d values, sum %d\n", count, sum);

  // Send and receive cases on the same channel in one select never match
  // each other; a partner completes one of them.
  auto p = gort::make_chan<int>();
  gort::go([=] { p.send(7); });
  std::size_t k = gort::select(gort::case_send(p, 1), gort::case_recv(p));
  std::printf("took case %zu\n", k);
}
// CHECK: both fired: yes
// CHECK: received 100 values, sum 4950
// CHECK: took case 1
