// skynet (BENCH.md section 1): a tree of 1,111,111 goroutines, 10 children
// per node, whose leaves send their numbers up through unbuffered channels.
#include <gort/gort.hpp>

#include <cstdint>

#include "gort_bench.hpp"

namespace {

void skynet(gort::chan<std::int64_t> c, std::int64_t num, std::int64_t size,
            std::int64_t div) {
  if (size == 1) {
    c.send(num);
    return;
  }
  // A child may still be inside send() after this node has received its
  // value; the handle keeps the channel alive for it.
  auto rc = gort::make_chan<std::int64_t>();
  for (std::int64_t i = 0; i < div; ++i)
    gort::go(skynet, rc, num + i * (size / div), size / div, div);
  std::int64_t sum = 0;
  for (std::int64_t i = 0; i < div; ++i) sum += rc.recv().value_or(0);
  c.send(sum);
}

}  // namespace

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(args.threads);

  auto c = gort::make_chan<std::int64_t>();
  std::int64_t t0 = bench::now_ns();
  gort::go(skynet, c, std::int64_t{0}, std::int64_t{1'000'000}, std::int64_t{10});
  std::int64_t sum = c.recv().value_or(-1);
  std::int64_t t1 = bench::now_ns();

  bench::result r("skynet", "gort", "ms", args.threads);
  r.value((t1 - t0) / 1e6);
  r.check(sum == 499'999'500'000);
  r.extra("result", static_cast<long long>(sum));
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
