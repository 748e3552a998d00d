// mutex (issue 2), the Boost.Fiber peer of bench/gort/mutex.cpp: 4 fibers
// each lock, increment and unlock one boost::fibers::mutex 1,000,000 times.
#include <cstdint>
#include <mutex>

#include "fiber_bench.hpp"

int main(int argc, char** argv) {
  constexpr int workers = 4;
  constexpr std::int64_t per = 1'000'000;
  constexpr std::int64_t ops = workers * per;
  auto args = bench::parse_args(argc, argv);
  std::int64_t counter = 0, elapsed = 0;
  {
    bench::fiber_pool pool(args.threads);
    boost::fibers::mutex mu;
    bench::fiber_wait_group wg;
    wg.add(workers);
    std::int64_t t0 = bench::now_ns();
    for (int g = 0; g < workers; ++g)
      boost::fibers::fiber([&] {
        for (std::int64_t i = 0; i < per; ++i) {
          std::lock_guard<boost::fibers::mutex> lock(mu);
          ++counter;
        }
        wg.done();
      }).detach();
    wg.wait();
    elapsed = bench::now_ns() - t0;
  }
  bench::result r("mutex", "boost_fiber", "ns_per_op", args.threads);
  r.value(static_cast<double>(elapsed) / ops);
  r.check(counter == ops);
  r.extra("total_ms", elapsed / 1e6);
  r.extra("stack_kb", bench::fiber_stack_kb());
  return r.print();
}
