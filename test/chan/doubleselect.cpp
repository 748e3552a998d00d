// Port of Go's test/chan/doubleselect.go: two cases of one select must
// never both run. A sender selects over four unbuffered channels; if two
// cases fired in one iteration, a value would arrive twice.
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=4 %t | FileCheck %s
// RUN: %gortxx-tsan %s -o %t.tsan
// RUN: env GORT_MAXPROCS=4 %t.tsan 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
// CHECK: PASS
#include <gort/gort.hpp>

#include <cstdio>
#include <cstdlib>
#include <vector>

constexpr int iterations = 100000;

// Sends a counter to one of four channels per iteration.
void sender(int n, gort::chan<int> c1, gort::chan<int> c2, gort::chan<int> c3,
            gort::chan<int> c4) {
  for (int i = 0; i < n; ++i)
    gort::select(gort::case_send(c1, i), gort::case_send(c2, i),
                 gort::case_send(c3, i), gort::case_send(c4, i));
  c4.close();
  c3.close();
  c2.close();
  c1.close();
}

// Forwards the values from in onto out.
void mux(gort::chan<int> out, gort::chan<int> in, gort::chan<bool> done) {
  for (int v : in) out.send(v);
  done.send(true);
}

// Receives from the four muxes and checks for duplicates.
void recver(gort::chan<int> in) {
  std::vector<bool> seen(iterations);
  int count = 0;
  for (int v : in) {
    if (seen[v]) {
      std::printf("got duplicate value: %d\n", v);
      std::abort();
    }
    seen[v] = true;
    ++count;
  }
  if (count != iterations) {
    std::printf("got %d values, want %d\n", count, iterations);
    std::abort();
  }
}

int main() {
  auto c1 = gort::make_chan<int>(), c2 = gort::make_chan<int>(),
       c3 = gort::make_chan<int>(), c4 = gort::make_chan<int>();
  auto done = gort::make_chan<bool>();
  auto cmux = gort::make_chan<int>();
  gort::go(sender, iterations, c1, c2, c3, c4);
  gort::go(mux, cmux, c1, done);
  gort::go(mux, cmux, c2, done);
  gort::go(mux, cmux, c3, done);
  gort::go(mux, cmux, c4, done);
  gort::go([=] {
    for (int i = 0; i < 4; ++i) done.recv();
    cmux.close();
  });
  recver(cmux);
  std::printf("PASS\n");
}
