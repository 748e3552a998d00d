// yield (issue 2): two goroutines on one processor yield to each other
// 1,000,000 times each; one round trip = A yields to B, B yields back.
#include <gort/gort.hpp>

#include <cstdint>

#include "gort_bench.hpp"

int main(int argc, char** argv) {
  constexpr std::int64_t n = 1'000'000;
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(args.threads);

  std::int64_t count[2] = {0, 0};
  gort::wait_group wg;
  wg.add(2);
  std::int64_t t0 = bench::now_ns();
  for (int g = 0; g < 2; ++g)
    gort::go([k = &count[g], wg = &wg] {
      for (std::int64_t i = 0; i < n; ++i) {
        ++*k;
        gort::yield();
      }
      wg->done();
    });
  wg.wait();
  std::int64_t t1 = bench::now_ns();

  bench::result r("yield", "gort", "ns_per_roundtrip", args.threads);
  r.value(static_cast<double>(t1 - t0) / n);
  r.check(count[0] == n && count[1] == n);
  r.extra("total_ms", (t1 - t0) / 1e6);
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
