// select picks uniformly among ready cases: with two always-ready cases,
// each is taken 45-55% of 100,000 times.
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
#include <gort/gort.hpp>

#include <cstdio>

int main() {
  constexpr int n = 100000;
  auto a = gort::make_chan<int>(1);
  auto b = gort::make_chan<int>(1);
  a.send(0);
  b.send(0);
  int counts[2] = {0, 0};
  for (int i = 0; i < n; ++i) {
    std::size_t k = gort::select(gort::case_recv(a), gort::case_recv(b));
    ++counts[k];
    (k == 0 ? a : b).send(0);  // refill: both stay ready
  }
  for (int k = 0; k < 2; ++k) {
    bool fair = counts[k] >= n * 45 / 100 && counts[k] <= n * 55 / 100;
    std::printf("case %d: %s\n", k, fair ? "fair" : "UNFAIR");
    if (!fair) std::printf("  taken %d of %d\n", counts[k], n);
  }
}
// CHECK: case 0: fair
// CHECK: case 1: fair
