// chan_throughput (BENCH.md section 4), the Boost.Fiber peer of
// bench/gort/chan_throughput.cpp. buffered_channel(1024) holds at most 1023
// items (one slot is kept free), as BENCH.md notes.
#include <cstdint>

#include "fiber_bench.hpp"

int main(int argc, char** argv) {
  constexpr std::int64_t n = 10'000'000;
  auto args = bench::parse_args(argc, argv);
  std::int64_t sum = 0, elapsed = 0;
  {
    bench::fiber_pool pool(args.threads);
    boost::fibers::buffered_channel<std::int64_t> c(1024);
    std::int64_t t0 = bench::now_ns();
    boost::fibers::fiber producer([&] {
      for (std::int64_t i = 0; i < n; ++i) c.push(i);
      c.close();
    });
    boost::fibers::fiber consumer([&] {
      std::int64_t s = 0, v = 0;
      while (c.pop(v) == boost::fibers::channel_op_status::success) s += v;
      sum = s;
    });
    producer.join();
    consumer.join();
    elapsed = bench::now_ns() - t0;
  }
  bench::result r("chan_throughput", "boost_fiber", "ns_per_item", args.threads);
  r.value(static_cast<double>(elapsed) / n);
  r.check(sum == n * (n - 1) / 2);
  r.extra("result", static_cast<long long>(sum));
  r.extra("total_ms", elapsed / 1e6);
  r.extra("stack_kb", bench::fiber_stack_kb());
  return r.print();
}
