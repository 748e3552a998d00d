// Closing the nil channel throws gort::panic_error("close of nil channel").
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
#include <gort/gort.hpp>

#include <cstdio>

int main() {
  gort::chan<int> nil;
  try {
    nil.close();
    std::printf("no panic\n");
  } catch (const gort::panic_error& e) {
    std::printf("%s\n", e.what());
  }
}
// CHECK: close of nil channel
