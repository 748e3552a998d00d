// gort::chan<T> is a cheap shared handle: copies share one channel, == is
// identity, the default value is the nil channel (false, == nullptr,
// size and capacity 0), and a channel made during static initialization
// works in main (Go's package-level channel).
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
#include <gort/gort.hpp>

#include <cstdio>

gort::chan<int> global = gort::make_chan<int>(3);  // static initialization

int main() {
  gort::chan<int> nil;
  std::printf("nil: %s, == nullptr %d, size %zu, capacity %zu\n",
              nil ? "true" : "false", nil == nullptr, nil.size(), nil.capacity());

  auto c = gort::make_chan<int>(2);
  auto copy = c;
  copy.send(5);
  std::printf("copy == original %d, size via original %zu, capacity %zu\n",
              copy == c, c.size(), c.capacity());
  std::printf("distinct channels equal %d\n", c == gort::make_chan<int>(2));
  std::printf("received via original %d\n", *c.recv());

  gort::chan<int> moved = std::move(copy);
  std::printf("moved-from is nil %d, moved-to == original %d\n", copy == nullptr,
              moved == c);

  global.send(1);
  global.send(2);
  std::printf("global size %zu, capacity %zu, first %d\n", global.size(),
              global.capacity(), *global.recv());

  // Passing a handle by value to a goroutine shares the channel.
  auto done = gort::make_chan<bool>();
  gort::go([](gort::chan<int> g, gort::chan<bool> d) {
    g.send(3);
    d.send(true);
  }, global, done);
  done.recv();
  std::printf("global after goroutine: %d %d\n", *global.recv(), *global.recv());
}
// CHECK: nil: false, == nullptr 1, size 0, capacity 0
// CHECK-NEXT: copy == original 1, size via original 1, capacity 2
// CHECK-NEXT: distinct channels equal 0
// CHECK-NEXT: received via original 5
// CHECK-NEXT: moved-from is nil 1, moved-to == original 1
// CHECK-NEXT: global size 2, capacity 3, first 1
// CHECK-NEXT: global after goroutine: 2 3
