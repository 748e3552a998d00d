// The program using the library of shared_lib_spawn.cpp.
#include <gort/gort.hpp>

#include <cstddef>
#include <cstdio>

void lib_spawn(gort::wait_group* wg);
long lib_park_many(int goroutines);
long lib_vla_calls(int calls, std::size_t n, bool* data_ok);

int main() {
  gort::wait_group wg;
  wg.add(1);
  lib_spawn(&wg);
  wg.wait();
  // Each goroutine: 5 rounds of sum over n = 0..50 of (char)n = 1275.
  long total = lib_park_many(200);
  std::printf("200 goroutines parked deep in the library: %s\n",
              total == 200 * 5 * 1275 ? "all sums right" : "WRONG");
  volatile std::size_t mib = std::size_t(1) << 20;
  bool data_ok = true;
  long left = lib_vla_calls(1000, mib, &data_ok);
  std::printf("1000 calls of a 1 MiB VLA in the library: blocks left after %ld, data %s\n",
              left, data_ok ? "ok" : "WRONG");
}
