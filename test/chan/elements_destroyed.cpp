// Every element is destroyed exactly once: values left in a buffer when the
// last handle goes, send values of select cases not taken, values moved
// through hand-offs and the buffer.
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>
#include <string>

std::atomic<int> live{0};

struct tracked {
  std::string s;
  explicit tracked(std::string v) : s(std::move(v)) { ++live; }
  tracked(const tracked& o) : s(o.s) { ++live; }
  tracked(tracked&& o) noexcept : s(std::move(o.s)) { ++live; }
  ~tracked() { --live; }
};

int main() {
  {
    auto c = gort::make_chan<tracked>(8);
    for (int i = 0; i < 5; ++i) c.send(tracked("left in the buffer"));
    c.recv();
    std::printf("live with 4 buffered: %d\n", live.load());
  }
  std::printf("live after last handle: %d\n", live.load());

  {
    auto full = gort::make_chan<tracked>();  // never ready
    auto ok = gort::make_chan<tracked>(1);
    std::size_t k = gort::select(gort::case_send(full, tracked("not taken")),
                                 gort::case_send(ok, tracked("taken")));
    std::printf("case %zu, got %s\n", k, ok.recv()->s.c_str());
  }
  std::printf("live after select: %d\n", live.load());

  {
    auto u = gort::make_chan<tracked>();
    auto done = gort::make_chan<int>();
    gort::go([=] {
      int n = 0;
      for (auto v : u) n += int(v.s.size());
      done.send(n);
    });
    tracked t("abc");
    for (int i = 0; i < 1000; ++i) u.send(t);  // copies
    u.close();
    std::printf("received %d chars\n", *done.recv());
  }
  std::printf("live at end: %d\n", live.load());
}
// CHECK: live with 4 buffered: 4
// CHECK-NEXT: live after last handle: 0
// CHECK-NEXT: case 1, got taken
// CHECK-NEXT: live after select: 0
// CHECK-NEXT: received 3000 chars
// CHECK-NEXT: live at end: 0
