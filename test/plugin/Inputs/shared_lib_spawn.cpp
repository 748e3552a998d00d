// A shared library built with gort++ -shared (driver-shared-library.test):
// [[go]] statements, and goroutines that grow their stacks inside the
// library and park at the bottom (they may resume on another thread).
#include <gort/gort.hpp>

#include <chrono>
#include <cstdio>
#include <string>

static long deep(long n) {
  volatile char b[256];
  b[0] = char(n);
  return n ? deep(n - 1) + (b[0] == char(n)) : 0;
}

static void worker(std::string who, long depth, gort::wait_group* wg) {
  std::printf("%s: depth %ld on goroutine %s\n", who.c_str(), deep(depth),
              gort::goroutine_id() != 1 ? "other than main" : "1");
  wg->done();
}

// 2 KiB frames down to the bottom, where the goroutine parks for a while.
static int down_and_park(int n) {
  volatile char pad[2048];
  pad[n % 2048] = char(n);
  if (n == 0) {
    gort::sleep_for(std::chrono::microseconds(200));
    return pad[0];
  }
  return down_and_park(n - 1) + pad[n % 2048];
}

static void parker(gort::chan<long> results) {
  long sum = 0;
  for (int round = 0; round < 5; ++round) sum += down_and_park(50);
  results.send(sum);
}

void lib_spawn(gort::wait_group* wg) { [[go]] worker("from the library", 100000, wg); }

long lib_park_many(int goroutines) {
  auto results = gort::make_chan<long>(goroutines);
  for (int i = 0; i < goroutines; ++i) [[go]] parker(results);
  long total = 0;
  for (int i = 0; i < goroutines; ++i) total += *results.recv();
  return total;
}
