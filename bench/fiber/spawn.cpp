// spawn (BENCH.md section 2), the Boost.Fiber peer of bench/gort/spawn.cpp:
// launch::post (the default), so the child is queued and main keeps going.
#include <atomic>
#include <cstdint>

#include "fiber_bench.hpp"

int main(int argc, char** argv) {
  constexpr std::int64_t n = 1'000'000;
  auto args = bench::parse_args(argc, argv);
  std::atomic<std::int64_t> counter{0};
  std::int64_t elapsed = 0;
  {
    bench::fiber_pool pool(args.threads);
    bench::fiber_wait_group wg;
    wg.add(n);
    std::int64_t t0 = bench::now_ns();
    for (std::int64_t i = 0; i < n; ++i)
      boost::fibers::fiber([c = &counter, w = &wg] {
        c->fetch_add(1);
        w->done();
      }).detach();
    wg.wait();
    elapsed = bench::now_ns() - t0;
  }
  bench::result r("spawn", "boost_fiber", "ns_per_task", args.threads);
  r.value(static_cast<double>(elapsed) / n);
  r.check(counter.load() == n);
  r.extra("total_ms", elapsed / 1e6);
  r.extra("stack_kb", bench::fiber_stack_kb());
  return r.print();
}
