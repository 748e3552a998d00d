// Move-only element types (std::unique_ptr) go through every path: direct
// hand-off both ways, the buffer, range-for (each element moved out),
// select send and receive.
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
#include <gort/gort.hpp>

#include <cstdio>
#include <memory>

using box = std::unique_ptr<int>;

int main() {
  // Unbuffered: goroutine receives (hand-off into a parked receiver or
  // from a parked sender, whichever comes first).
  auto c = gort::make_chan<box>();
  auto sums = gort::make_chan<int>();
  gort::go([=] {
    int sum = 0;
    for (auto p : c) sum += *p;  // range-for moves each element out
    sums.send(sum);
  });
  for (int i = 1; i <= 100; ++i) c.send(std::make_unique<int>(i));
  c.close();
  std::printf("unbuffered sum %d\n", *sums.recv());

  // Buffered.
  auto b = gort::make_chan<box>(4);
  b.send(std::make_unique<int>(1));
  box two = std::make_unique<int>(2);
  b.send(std::move(two));
  std::optional<box> first = b.recv();
  std::printf("buffered %d, then %d, size %zu\n", **first, **b.recv(), b.size());

  // select: send a unique_ptr, receive one through a handler.
  auto s = gort::make_chan<box>(1);
  std::size_t k = gort::select(gort::case_send(s, std::make_unique<int>(42)));
  int got = 0;
  gort::select(gort::case_recv(s, [&](std::optional<box> v) { got = **v; }));
  std::printf("select case %zu, got %d\n", k, got);

  // A blocked select receiving a move-only value from a goroutine.
  auto u = gort::make_chan<box>();
  gort::go([=] { u.send(std::make_unique<int>(7)); });
  gort::select(gort::case_recv(u, [&](std::optional<box> v) { got = **v; }),
               gort::case_recv(gort::chan<box>()));
  std::printf("blocked select got %d\n", got);
}
// CHECK: unbuffered sum 5050
// CHECK-NEXT: buffered 1, then 2, size 0
// CHECK-NEXT: select case 0, got 42
// CHECK-NEXT: blocked select got 7
