// fanout_cpu (BENCH.md section 7), the Boost.Fiber peer of
// bench/gort/fanout_cpu.cpp. With threads > 1 the idle worker threads
// steal the fibers (algo::work_stealing).
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "fanout.hpp"
#include "fiber_bench.hpp"

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  const int tasks = bench::fanout_tasks();
  const std::uint64_t per = bench::fanout_total_iters / tasks;
  std::vector<std::uint64_t> res(tasks);
  std::int64_t elapsed = 0;
  {
    bench::fiber_pool pool(args.threads);
    bench::fiber_wait_group wg;
    wg.add(tasks);
    std::int64_t t0 = bench::now_ns();
    for (int i = 0; i < tasks; ++i)
      boost::fibers::fiber([i, per, res = res.data(), w = &wg] {
        res[i] = bench::fanout_work(i, per);
        w->done();
      }).detach();
    wg.wait();
    elapsed = bench::now_ns() - t0;
  }
  std::uint64_t sum = 0;
  for (auto x : res) sum ^= x;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, sum);

  bench::result r("fanout_cpu", "boost_fiber", "ms", args.threads);
  r.value(elapsed / 1e6);
  if (tasks == 4)
    r.check(sum == bench::fanout_checksum_4_tasks);
  else
    r.unverified();
  r.extra("checksum", std::string(hex));
  r.extra("tasks", static_cast<long long>(tasks));
  r.extra("stack_kb", bench::fiber_stack_kb());
  return r.print();
}
