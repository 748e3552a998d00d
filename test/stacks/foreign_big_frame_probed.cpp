// A non-split function with one frame much larger than the 32 KiB reserve
// (256 KiB, its lowest bytes written first) cannot be caught by a guard
// page it may jump over, on a goroutine stack as on any thread stack with a
// one-page guard. Built with -fstack-clash-protection (its prologue probes
// each page), it hits the segment's guard: "fatal error: stack overflow",
// exit 2, never a write into a neighbouring goroutine's stack. This is the
// documented rule for foreign code with big frames (docs/guide.md).
// RUN: %gortxx -fno-split-stack -fstack-clash-protection -c %S/Inputs/nonsplit_bigframe.cpp -o %t.lib.o
// RUN: %gortxx %s %t.lib.o -o %t
// RUN: %t > %t.out 2>&1; echo status=$? >> %t.out
// RUN: FileCheck %s < %t.out
// CHECK: neighbours parked
// CHECK: runtime: stack guard page hit at pc=
// CHECK-NEXT: fatal error: stack overflow
// CHECK: goroutine {{[0-9]+}} [running]:
// CHECK-NOT: neighbour corrupted
// CHECK: status=2
#include <gort/gort.hpp>

#include <cstddef>
#include <cstdio>

extern "C" void foreign_big_frame(std::size_t touch);
void (*volatile big_frame)(std::size_t) = foreign_big_frame;

int main() {
  constexpr int kNeighbours = 64;
  auto release = gort::make_chan<int>();
  gort::wait_group parked, done;
  parked.add(kNeighbours);
  done.add(kNeighbours);
  for (int i = 0; i < kNeighbours; ++i)
    gort::go([&, i] {
      volatile unsigned long canary[8];
      for (auto& c : canary) c = 0x5a5a5a5a5a5a5a5aul + i;
      parked.done();
      release.recv();
      for (auto& c : canary)
        if (c != 0x5a5a5a5a5a5a5a5aul + i) std::printf("neighbour corrupted\n");
      done.done();
    });
  parked.wait();
  std::printf("neighbours parked\n");
  std::fflush(stdout);
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    big_frame(1024);
    wg.done();
  });
  wg.wait();
  for (int i = 0; i < kNeighbours; ++i) release.send(1);
  done.wait();
  std::printf("not reached\n");
}
