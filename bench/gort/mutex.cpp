// mutex (issue 2): 4 goroutines each lock, increment and unlock one shared
// gort::mutex 1,000,000 times; value is ns per lock/unlock pair.
#include <gort/gort.hpp>

#include <cstdint>
#include <mutex>

#include "gort_bench.hpp"

int main(int argc, char** argv) {
  constexpr int workers = 4;
  constexpr std::int64_t per = 1'000'000;
  constexpr std::int64_t ops = workers * per;
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(args.threads);

  gort::mutex mu;
  std::int64_t counter = 0;  // guarded by mu
  gort::wait_group wg;
  wg.add(workers);
  std::int64_t t0 = bench::now_ns();
  for (int g = 0; g < workers; ++g)
    gort::go([mu = &mu, counter = &counter, wg = &wg] {
      for (std::int64_t i = 0; i < per; ++i) {
        std::lock_guard<gort::mutex> lock(*mu);
        ++*counter;
      }
      wg->done();
    });
  wg.wait();
  std::int64_t t1 = bench::now_ns();

  bench::result r("mutex", "gort", "ns_per_op", args.threads);
  r.value(static_cast<double>(t1 - t0) / ops);
  r.check(counter == ops);
  r.extra("total_ms", (t1 - t0) / 1e6);
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
