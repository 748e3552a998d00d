// idle_memory (BENCH.md section 5): resident memory per parked goroutine.
// 100,000 goroutines block on a receive from one shared unbuffered channel;
// VmRSS is read before they are spawned and once all of them are parked.
#include <gort/gort.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>

#include "gort_bench.hpp"

int main(int argc, char** argv) {
  constexpr std::int64_t n = 100'000;
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(args.threads);

  auto c = gort::make_chan<int>();
  std::atomic<std::int64_t> parked{0};
  std::atomic<std::int64_t> released{0};
  gort::wait_group wg;
  wg.add(n);

  long before_kb = bench::vmrss_kb();
  for (std::int64_t i = 0; i < n; ++i)
    gort::go([c, parked = &parked, released = &released, wg = &wg]() mutable {
      parked->fetch_add(1);
      if (!c.recv()) released->fetch_add(1);  // nullopt: closed
      wg->done();
    });
  while (parked.load() < n) gort::sleep_for(std::chrono::milliseconds(1));
  gort::sleep_for(std::chrono::milliseconds(20));  // the last ones reach recv()
  long after_kb = bench::vmrss_kb();
  c.close();
  wg.wait();

  bench::result r("idle_memory", "gort", "bytes_per_task", args.threads);
  r.value(std::round(static_cast<double>(after_kb - before_kb) * 1024.0 / n));
  r.check(released.load() == n);
  r.extra("rss_before_kb", static_cast<long long>(before_kb));
  r.extra("rss_after_kb", static_cast<long long>(after_kb));
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
