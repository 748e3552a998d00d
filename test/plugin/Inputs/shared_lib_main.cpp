// The program using the library of shared_lib_spawn.cpp.
#include <gort/gort.hpp>

#include <cstdio>

void lib_spawn(gort::wait_group* wg);
long lib_park_many(int goroutines);

int main() {
  gort::wait_group wg;
  wg.add(1);
  lib_spawn(&wg);
  wg.wait();
  // Each goroutine: 5 rounds of sum over n = 0..50 of (char)n = 1275.
  long total = lib_park_many(200);
  std::printf("200 goroutines parked deep in the library: %s\n",
              total == 200 * 5 * 1275 ? "all sums right" : "WRONG");
}
