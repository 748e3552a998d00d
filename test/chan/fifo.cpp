// Port of Go's test/chan/fifo.go: buffered channels and blocked unbuffered
// receivers both behave as pure FIFOs.
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=4 %t | FileCheck %s
// CHECK: PASS
#include <gort/gort.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

constexpr int N = 10;

void asynch_fifo() {
  auto ch = gort::make_chan<int>(N);
  for (int i = 0; i < N; ++i) ch.send(i);
  for (int i = 0; i < N; ++i) {
    if (*ch.recv() != i) {
      std::printf("bad receive\n");
      std::exit(1);
    }
  }
}

void chain(gort::chan<int> ch, int val, gort::chan<int> in,
           gort::chan<int> out) {
  in.recv();
  if (*ch.recv() != val) throw std::runtime_error(std::to_string(val));
  out.send(1);
}

// Threads together a daisy chain to read the elements in sequence.
void synch_fifo() {
  auto ch = gort::make_chan<int>();
  auto in = gort::make_chan<int>();
  auto start = in;
  for (int i = 0; i < N; ++i) {
    auto out = gort::make_chan<int>();
    gort::go(chain, ch, i, in, out);
    in = out;
  }
  start.send(0);
  for (int i = 0; i < N; ++i) ch.send(i);
  in.recv();
}

int main() {
  asynch_fifo();
  synch_fifo();
  std::printf("PASS\n");
}
