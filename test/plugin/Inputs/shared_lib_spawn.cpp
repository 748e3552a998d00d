// A shared library built with gort++ -shared (driver-shared-library.test):
// [[go]] statements, and goroutines that grow their stacks inside the
// library and park at the bottom (they may resume on another thread).
#include <gort/gort.hpp>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

extern "C" std::size_t gort_debug_dyn_blocks() noexcept;

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

// A 1 MiB VLA (a heap block on a goroutine's segment), called in a loop:
// the library's code is built by gort++ too, so each call frees its block
// when it returns (through the forwarded gort_dyn_mark/gort_dyn_release).
[[gnu::noinline]] static int vla_sum(std::size_t n, int seed) {
  char buf[n];
  for (std::size_t j = 0; j < n; j += 4096) buf[j] = char(seed + j / 4096);
  int sum = 0;
  for (std::size_t j = 0; j < n; j += 4096) sum += buf[j] == char(seed + j / 4096);
  return sum;
}

// Calls whose block was left on the goroutine's list (0 when freed), and
// whether every call read its data back.
long lib_vla_calls(int calls, std::size_t n, bool* data_ok) {
  std::size_t base = gort_debug_dyn_blocks();
  long left = 0;
  for (int i = 0; i < calls; ++i) {
    *data_ok &= vla_sum(n, i) == int(n / 4096);
    left += gort_debug_dyn_blocks() != base;
  }
  return left;
}
