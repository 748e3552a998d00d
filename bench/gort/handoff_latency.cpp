// handoff_latency (issue 4): with one processor, goroutine A enters a
// blocking read() on a raw pipe while goroutine B is runnable and waiting
// for that processor. Latency = from just before A's read() until B starts
// running (the processor was handed to another thread). 1000 trials;
// value = median in microseconds, p99_us = 99th percentile.
#include <gort/gort.hpp>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <vector>

#include "gort_bench.hpp"

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(1);  // the workload is defined on one processor
  constexpr int trials = 1000;
  std::vector<double> us;
  us.reserve(trials);
  bool ok = true;
  int fds[2];
  if (pipe(fds) != 0) return 1;
  std::int64_t t_start = bench::now_ns();
  for (int t = 0; t < trials; ++t) {
    std::atomic<std::int64_t> t0{0};
    std::int64_t t1 = 0;
    gort::wait_group wg;
    wg.add(2);
    gort::go([&] {  // B: queued first, runs once A's processor is handed off
      t1 = bench::now_ns();
      char c = 'x';
      if (write(fds[1], &c, 1) != 1) ok = false;
      wg.done();
    });
    gort::go([&] {  // A: in runnext, so it runs before B
      char c;
      t0.store(bench::now_ns());
      if (read(fds[0], &c, 1) != 1) ok = false;
      wg.done();
    });
    wg.wait();
    if (t1 < t0.load()) ok = false;  // B ran before A blocked: not a handoff
    us.push_back(double(t1 - t0.load()) / 1000.0);
  }
  std::int64_t total = bench::now_ns() - t_start;
  std::sort(us.begin(), us.end());
  bench::result r("handoff_latency", "gort", "us", 1);
  r.value(us[us.size() / 2]);
  r.check(ok);
  r.extra("p99_us", us[us.size() * 99 / 100]);
  r.extra("max_us", us.back());
  r.extra("total_ms", total / 1e6);
  (void)args;
  return r.print();
}
