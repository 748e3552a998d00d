// deep_stack (BENCH.md section 6), the Boost.Fiber peer of
// bench/gort/deep_stack.cpp. Fiber stacks are fixed, so the fibers get a
// 64 MiB fixedsize_stack (env PEER_DEEP_STACK_MB), as BENCH.md prescribes.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "deep_stack.hpp"
#include "fiber_bench.hpp"

int main(int argc, char** argv) {
  constexpr int reps = 10;
  auto args = bench::parse_args(argc, argv, "same");
  bool fresh = args.mode == "fresh";
  if (!fresh && args.mode != "same") {
    std::fprintf(stderr, "deep_stack: mode must be same or fresh\n");
    return 2;
  }
  long stack_mb = 64;
  if (const char* e = std::getenv("PEER_DEEP_STACK_MB"); e && std::atol(e) > 0)
    stack_mb = std::atol(e);
  const std::size_t stack_bytes = static_cast<std::size_t>(stack_mb) << 20;

  std::uint64_t total = 0;
  std::int64_t elapsed = 0;
  {
    bench::fiber_pool pool(args.threads);
    std::int64_t t0 = bench::now_ns();
    if (fresh) {
      for (int i = 0; i < reps; ++i)
        boost::fibers::fiber(std::allocator_arg,
                             boost::fibers::fixedsize_stack(stack_bytes),
                             [&] { total += bench::deep_rec(bench::deep_stack_depth); })
            .join();
    } else {
      boost::fibers::fiber(std::allocator_arg,
                           boost::fibers::fixedsize_stack(stack_bytes), [&] {
                             for (int i = 0; i < reps; ++i)
                               total += bench::deep_rec(bench::deep_stack_depth);
                           })
          .join();
    }
    elapsed = bench::now_ns() - t0;
  }
  bench::result r(fresh ? "deep_stack_fresh" : "deep_stack", "boost_fiber", "ms",
                  args.threads);
  r.value(elapsed / 1e6);
  r.check(total == reps * bench::deep_stack_expected);
  r.extra("result", static_cast<long long>(total));
  r.extra("mode", args.mode);
  r.extra("stack_mb", static_cast<long long>(stack_mb));
  return r.print();
}
