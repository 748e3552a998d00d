// try/catch inside a goroutine is recover: the goroutine handles its own
// exception and the program goes on.
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// CHECK: recovered: bad thing
// CHECK-NEXT: program continues
#include <gort/gort.hpp>

#include <cstdio>
#include <stdexcept>

int main() {
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    try {
      throw std::runtime_error("bad thing");
    } catch (const std::exception& e) {
      std::printf("recovered: %s\n", e.what());
    }
    wg.done();
  });
  wg.wait();
  std::printf("program continues\n");
}
