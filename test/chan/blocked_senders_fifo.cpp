// Blocked senders are served in the order they blocked (FIFO), on an
// unbuffered channel and behind a full buffer.
//
// With one P, a goroutine spawned before main sleeps runs (and blocks in
// send) before main wakes up, so sender i is queued before sender i+1.
//
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=1 %t | FileCheck %s
#include <gort/gort.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

void run(std::size_t capacity) {
  auto c = gort::make_chan<int>(capacity);
  for (std::size_t i = 0; i < capacity; ++i) c.send(-1);  // fill the buffer
  for (int i = 0; i < 8; ++i) {
    gort::go([c, i] { c.send(i); });
    gort::sleep_for(1ms);  // let sender i block before starting i+1
  }
  std::printf("cap %zu:", capacity);
  for (std::size_t i = 0; i < capacity + 8; ++i) std::printf(" %d", *c.recv());
  std::printf("\n");
}

int main() {
  run(0);
  run(2);
}
// CHECK: cap 0: 0 1 2 3 4 5 6 7
// CHECK: cap 2: -1 -1 0 1 2 3 4 5 6 7
