// An exception thrown 20,000 frames deep (many segment boundaries, each
// frame with a destructor) is caught near the goroutine's first frame:
// every destructor ran, and the goroutine keeps growing and shrinking its
// stack correctly afterwards (the split-stack state was restored).
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// CHECK: caught=boom at 20000 destroyed=20000
// CHECK: after: 40000 destroyed=20000
// CHECK: rethrown=3
#include <gort/gort.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>

static int destroyed = 0;
struct counter {
  char pad[100];
  ~counter() { ++destroyed; }
};

__attribute__((noinline)) int dive(int n, int limit) {
  counter c;
  c.pad[0] = static_cast<char>(n);
  if (n == limit) throw std::runtime_error("boom at " + std::to_string(n));
  return dive(n + 1, limit) + c.pad[0] * 0;
}

__attribute__((noinline)) int plain(int n) {
  volatile char buf[100];
  buf[0] = 1;
  return n == 0 ? 0 : plain(n - 1) + buf[0];
}

// Caught and rethrown at several depths on the way out.
__attribute__((noinline)) int relay(int n) {
  volatile char buf[300];
  buf[0] = 0;
  if (n == 0) throw 7;
  try {
    return relay(n - 1) + buf[0];
  } catch (int) {
    throw;
  }
}

int main() {
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    try {
      dive(1, 20000);
    } catch (const std::exception& e) {
      std::printf("caught=%s destroyed=%d\n", e.what(), destroyed);
    }
    std::printf("after: %d destroyed=%d\n", plain(40000), destroyed);
    int rethrown = 0;
    for (int i = 0; i < 3; ++i) {
      try {
        relay(5000);
      } catch (int) {
        ++rethrown;
      }
    }
    std::printf("rethrown=%d\n", rethrown);
    wg.done();
  });
  wg.wait();
}
