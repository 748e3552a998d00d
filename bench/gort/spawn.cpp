// spawn (BENCH.md section 2): 1,000,000 goroutines spawned from main, each
// incrementing a counter and calling done() on one wait_group.
#include <gort/gort.hpp>

#include <atomic>
#include <cstdint>

#include "gort_bench.hpp"

int main(int argc, char** argv) {
  constexpr std::int64_t n = 1'000'000;
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(args.threads);

  std::atomic<std::int64_t> counter{0};
  gort::wait_group wg;
  wg.add(n);
  std::int64_t t0 = bench::now_ns();
  for (std::int64_t i = 0; i < n; ++i)
    gort::go([c = &counter, w = &wg] {
      c->fetch_add(1);
      w->done();
    });
  wg.wait();
  std::int64_t t1 = bench::now_ns();

  bench::result r("spawn", "gort", "ns_per_task", args.threads);
  r.value(static_cast<double>(t1 - t0) / n);
  r.check(counter.load() == n);
  r.extra("total_ms", (t1 - t0) / 1e6);
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
