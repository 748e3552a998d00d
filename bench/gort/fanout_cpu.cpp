// fanout_cpu (BENCH.md section 7): 2 x ncpu CPU-bound goroutines of
// xorshift64, 200M iterations in all; the t1/t2 ratio shows scaling.
#include <gort/gort.hpp>

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "fanout.hpp"
#include "gort_bench.hpp"

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(args.threads);

  const int tasks = bench::fanout_tasks();
  const std::uint64_t per = bench::fanout_total_iters / tasks;
  std::vector<std::uint64_t> res(tasks);
  gort::wait_group wg;
  wg.add(tasks);

  std::int64_t t0 = bench::now_ns();
  for (int i = 0; i < tasks; ++i)
    gort::go([i, per, res = res.data(), wg = &wg] {
      res[i] = bench::fanout_work(i, per);
      wg->done();
    });
  wg.wait();
  std::int64_t t1 = bench::now_ns();

  std::uint64_t sum = 0;
  for (auto x : res) sum ^= x;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, sum);

  bench::result r("fanout_cpu", "gort", "ms", args.threads);
  r.value((t1 - t0) / 1e6);
  if (tasks == 4)
    r.check(sum == bench::fanout_checksum_4_tasks);
  else
    r.unverified();
  r.extra("checksum", std::string(hex));
  r.extra("tasks", static_cast<long long>(tasks));
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
