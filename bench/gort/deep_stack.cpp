// deep_stack (BENCH.md section 6): rec(100000) ten times, needing ~30 MB of
// stack, from one goroutine (mode `same`, name=deep_stack) or from ten
// goroutines in sequence (mode `fresh`, name=deep_stack_fresh). Goroutines
// start from the default (segmented, growable) stack.
#include <gort/gort.hpp>

#include <cstdint>
#include <cstdio>
#include <string>

#include "deep_stack.hpp"
#include "gort_bench.hpp"

int main(int argc, char** argv) {
  constexpr int reps = 10;
  auto args = bench::parse_args(argc, argv, "same");
  gort::set_max_procs(args.threads);
  bool fresh = args.mode == "fresh";
  if (!fresh && args.mode != "same") {
    std::fprintf(stderr, "deep_stack: mode must be same or fresh\n");
    return 2;
  }

  std::uint64_t total = 0;
  std::int64_t t0 = bench::now_ns();
  if (fresh) {
    for (int i = 0; i < reps; ++i) {
      gort::wait_group wg;
      wg.add(1);
      gort::go([total = &total, wg = &wg] {
        *total += bench::deep_rec(bench::deep_stack_depth);
        wg->done();
      });
      wg.wait();
    }
  } else {
    gort::wait_group wg;
    wg.add(1);
    gort::go([total = &total, wg = &wg] {
      for (int i = 0; i < reps; ++i) *total += bench::deep_rec(bench::deep_stack_depth);
      wg->done();
    });
    wg.wait();
  }
  std::int64_t t1 = bench::now_ns();

  bench::result r(fresh ? "deep_stack_fresh" : "deep_stack", "gort", "ms",
                  args.threads);
  r.value((t1 - t0) / 1e6);
  r.check(total == reps * bench::deep_stack_expected);
  r.extra("result", static_cast<long long>(total));
  r.extra("mode", args.mode);
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
