// Sending on a closed channel throws gort::panic_error with Go's text, for
// a plain send, a select send case, and buffered or unbuffered channels.
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
#include <gort/gort.hpp>

#include <cstdio>

template <class F>
void expect_panic(const char* what, F f) {
  try {
    f();
    std::printf("%s: no panic\n", what);
  } catch (const gort::panic_error& e) {
    std::printf("%s: %s\n", what, e.what());
  }
}

int main() {
  auto c = gort::make_chan<int>();
  auto b = gort::make_chan<int>(4);
  c.close();
  b.close();
  expect_panic("unbuffered", [&] { c.send(1); });
  expect_panic("buffered", [&] { b.send(1); });
  expect_panic("select", [&] {
    gort::select(gort::case_send(c, 1), gort::case_recv(gort::chan<int>()));
  });
  expect_panic("select with default", [&] {
    gort::select(gort::case_send(b, 1), gort::case_default());
  });
  // panic_error is a std::logic_error.
  try {
    c.send(1);
  } catch (const std::logic_error& e) {
    std::printf("logic_error: %s\n", e.what());
  }
}
// CHECK: unbuffered: send on closed channel
// CHECK-NEXT: buffered: send on closed channel
// CHECK-NEXT: select: send on closed channel
// CHECK-NEXT: select with default: send on closed channel
// CHECK-NEXT: logic_error: send on closed channel
