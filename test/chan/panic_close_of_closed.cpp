// Closing a closed channel throws gort::panic_error("close of closed
// channel").
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
#include <gort/gort.hpp>

#include <cstdio>

int main() {
  auto c = gort::make_chan<int>(1);
  c.close();
  try {
    c.close();
    std::printf("no panic\n");
  } catch (const gort::panic_error& e) {
    std::printf("%s\n", e.what());
  }
}
// CHECK: close of closed channel
