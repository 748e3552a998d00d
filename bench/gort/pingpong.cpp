// pingpong (BENCH.md section 3): 1,000,000 round trips between two
// goroutines over two unbuffered channels.
#include <gort/gort.hpp>

#include <cstdint>

#include "gort_bench.hpp"

int main(int argc, char** argv) {
  constexpr std::int64_t n = 1'000'000;
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(args.threads);

  auto ping = gort::make_chan<std::int64_t>();
  auto pong = gort::make_chan<std::int64_t>();
  std::int64_t bad = 0;
  gort::wait_group wg;
  wg.add(2);

  std::int64_t t0 = bench::now_ns();
  gort::go([ping, pong, bad = &bad, wg = &wg]() mutable {
    for (std::int64_t i = 0; i < n; ++i) {
      ping.send(i);
      auto v = pong.recv();
      if (!v || *v != i + 1) ++*bad;
    }
    wg->done();
  });
  gort::go([ping, pong, wg = &wg]() mutable {
    for (std::int64_t i = 0; i < n; ++i) {
      auto v = ping.recv();
      pong.send(v.value_or(-1) + 1);
    }
    wg->done();
  });
  wg.wait();
  std::int64_t t1 = bench::now_ns();

  bench::result r("pingpong", "gort", "ns_per_roundtrip", args.threads);
  r.value(static_cast<double>(t1 - t0) / n);
  r.check(bad == 0);
  r.extra("total_ms", (t1 - t0) / 1e6);
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
