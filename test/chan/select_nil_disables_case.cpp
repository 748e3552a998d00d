// Go's idiom of setting a channel variable to nil to disable its select
// case: a handler reassigns the variable (the running select keeps the
// handle it was built with; the next select sees nil and never fires it).
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
#include <gort/gort.hpp>

#include <cstdio>

gort::chan<int> numbers(int from, int to) {
  auto c = gort::make_chan<int>();
  gort::go([=] {
    for (int i = from; i <= to; ++i) c.send(i);
    c.close();
  });
  return c;
}

int main() {
  auto a = numbers(1, 10), b = numbers(100, 105);
  auto out = gort::make_chan<int>(64);
  int closed_seen = 0;
  while (a || b) {
    gort::select(gort::case_recv(a, [&](std::optional<int> v) {
                   v ? out.send(*v) : void((a = nullptr, ++closed_seen));
                 }),
                 gort::case_recv(b, [&](std::optional<int> v) {
                   v ? out.send(*v) : void((b = nullptr, ++closed_seen));
                 }));
  }
  out.close();
  int sum = 0, count = 0;
  for (int v : out) {
    sum += v;
    ++count;
  }
  std::printf("merged %d values, sum %d, closes seen %d\n", count, sum,
              closed_seen);
}
// CHECK: merged 16 values, sum 670, closes seen 2
