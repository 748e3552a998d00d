// yield (issue 2), the Boost.Fiber peer of bench/gort/yield.cpp: two fibers
// yield to each other (boost::this_fiber::yield) 1,000,000 times each.
#include <cstdint>

#include "fiber_bench.hpp"

int main(int argc, char** argv) {
  constexpr std::int64_t n = 1'000'000;
  auto args = bench::parse_args(argc, argv);
  std::int64_t count[2] = {0, 0};
  std::int64_t elapsed = 0;
  {
    bench::fiber_pool pool(args.threads);
    bench::fiber_wait_group wg;
    wg.add(2);
    std::int64_t t0 = bench::now_ns();
    for (int g = 0; g < 2; ++g)
      boost::fibers::fiber([k = &count[g], w = &wg] {
        for (std::int64_t i = 0; i < n; ++i) {
          ++*k;
          boost::this_fiber::yield();
        }
        w->done();
      }).detach();
    wg.wait();
    elapsed = bench::now_ns() - t0;
  }
  bench::result r("yield", "boost_fiber", "ns_per_roundtrip", args.threads);
  r.value(static_cast<double>(elapsed) / n);
  r.check(count[0] == n && count[1] == n);
  r.extra("total_ms", elapsed / 1e6);
  r.extra("stack_kb", bench::fiber_stack_kb());
  return r.print();
}
