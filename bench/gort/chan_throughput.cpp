// chan_throughput (BENCH.md section 4): one producer sends 0..N-1 through a
// channel of capacity 1024 and closes it; one consumer ranges over it.
#include <gort/gort.hpp>

#include <cstdint>

#include "gort_bench.hpp"

int main(int argc, char** argv) {
  constexpr std::int64_t n = 10'000'000;
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(args.threads);

  auto c = gort::make_chan<std::int64_t>(1024);
  std::int64_t sum = 0;
  gort::wait_group wg;
  wg.add(2);

  std::int64_t t0 = bench::now_ns();
  gort::go([c, wg = &wg]() mutable {
    for (std::int64_t i = 0; i < n; ++i) c.send(i);
    c.close();
    wg->done();
  });
  gort::go([c, sum = &sum, wg = &wg]() mutable {
    std::int64_t s = 0;
    for (std::int64_t v : c) s += v;
    *sum = s;
    wg->done();
  });
  wg.wait();
  std::int64_t t1 = bench::now_ns();

  bench::result r("chan_throughput", "gort", "ns_per_item", args.threads);
  r.value(static_cast<double>(t1 - t0) / n);
  r.check(sum == n * (n - 1) / 2);
  r.extra("result", static_cast<long long>(sum));
  r.extra("total_ms", (t1 - t0) / 1e6);
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
