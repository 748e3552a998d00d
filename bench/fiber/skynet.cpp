// skynet (BENCH.md section 1), the Boost.Fiber peer of bench/gort/skynet.cpp.
// Channels are shared_ptr-owned: a child may still be inside push() after
// its parent has received the value and returned.
#include <cstdint>
#include <memory>

#include "fiber_bench.hpp"

namespace {

using channel = boost::fibers::unbuffered_channel<std::int64_t>;

void skynet(std::shared_ptr<channel> c, std::int64_t num, std::int64_t size,
            std::int64_t div) {
  if (size == 1) {
    c->push(num);
    return;
  }
  auto rc = std::make_shared<channel>();
  for (std::int64_t i = 0; i < div; ++i)
    boost::fibers::fiber(skynet, rc, num + i * (size / div), size / div, div).detach();
  std::int64_t sum = 0;
  for (std::int64_t i = 0; i < div; ++i) sum += rc->value_pop();
  c->push(sum);
}

}  // namespace

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  std::int64_t sum = -1;
  double ms = 0;
  {
    bench::fiber_pool pool(args.threads);
    auto c = std::make_shared<channel>();
    std::int64_t t0 = bench::now_ns();
    boost::fibers::fiber(skynet, c, std::int64_t{0}, std::int64_t{1'000'000},
                         std::int64_t{10}).detach();
    sum = c->value_pop();
    ms = (bench::now_ns() - t0) / 1e6;
  }
  bench::result r("skynet", "boost_fiber", "ms", args.threads);
  r.value(ms);
  r.check(sum == 499'999'500'000);
  r.extra("result", static_cast<long long>(sum));
  r.extra("stack_kb", bench::fiber_stack_kb());
  return r.print();
}
