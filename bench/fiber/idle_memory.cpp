// idle_memory (BENCH.md section 5), the Boost.Fiber peer of
// bench/gort/idle_memory.cpp: 100,000 fibers (default 128 kB stacks) block
// on a pop from one shared unbuffered channel.
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>

#include "fiber_bench.hpp"

int main(int argc, char** argv) {
  constexpr std::int64_t n = 100'000;
  auto args = bench::parse_args(argc, argv);
  std::atomic<std::int64_t> parked{0};
  std::atomic<std::int64_t> released{0};
  long before_kb = 0, after_kb = 0;
  {
    bench::fiber_pool pool(args.threads);
    boost::fibers::unbuffered_channel<int> c;
    bench::fiber_wait_group wg;
    wg.add(n);
    before_kb = bench::vmrss_kb();
    for (std::int64_t i = 0; i < n; ++i)
      boost::fibers::fiber([&] {
        parked.fetch_add(1);
        int v;
        if (c.pop(v) == boost::fibers::channel_op_status::closed) released.fetch_add(1);
        wg.done();
      }).detach();
    while (parked.load() < n) boost::this_fiber::sleep_for(std::chrono::milliseconds(1));
    boost::this_fiber::sleep_for(std::chrono::milliseconds(20));
    after_kb = bench::vmrss_kb();
    c.close();
    wg.wait();
  }
  bench::result r("idle_memory", "boost_fiber", "bytes_per_task", args.threads);
  r.value(std::round(static_cast<double>(after_kb - before_kb) * 1024.0 / n));
  r.check(released.load() == n);
  r.extra("rss_before_kb", static_cast<long long>(before_kb));
  r.extra("rss_after_kb", static_cast<long long>(after_kb));
  r.extra("stack_kb", bench::fiber_stack_kb());
  return r.print();
}
