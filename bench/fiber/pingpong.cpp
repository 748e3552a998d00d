// pingpong (BENCH.md section 3), the Boost.Fiber peer of
// bench/gort/pingpong.cpp.
#include <cstdint>

#include "fiber_bench.hpp"

int main(int argc, char** argv) {
  constexpr std::int64_t n = 1'000'000;
  auto args = bench::parse_args(argc, argv);
  using channel = boost::fibers::unbuffered_channel<std::int64_t>;
  std::int64_t bad = 0, elapsed = 0;
  {
    bench::fiber_pool pool(args.threads);
    channel ping, pong;
    std::int64_t t0 = bench::now_ns();
    boost::fibers::fiber a([&] {
      for (std::int64_t i = 0; i < n; ++i) {
        ping.push(i);
        std::int64_t v = -1;
        if (pong.pop(v) != boost::fibers::channel_op_status::success || v != i + 1) ++bad;
      }
    });
    boost::fibers::fiber b([&] {
      for (std::int64_t i = 0; i < n; ++i) {
        std::int64_t v = -1;
        ping.pop(v);
        pong.push(v + 1);
      }
    });
    a.join();
    b.join();
    elapsed = bench::now_ns() - t0;
  }
  bench::result r("pingpong", "boost_fiber", "ns_per_roundtrip", args.threads);
  r.value(static_cast<double>(elapsed) / n);
  r.check(bad == 0);
  r.extra("total_ms", elapsed / 1e6);
  r.extra("stack_kb", bench::fiber_stack_kb());
  return r.print();
}
