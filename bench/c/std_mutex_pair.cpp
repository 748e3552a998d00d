// std_mutex_pair's plain thread (BENCH.md section 9; impl=c): no gort,
// 10,000,000 uncontended std::mutex lock+unlock pairs on the main thread.
// value = ns per op (one lock+unlock). Built with plain clang++.
#include <mutex>

#include "bench.hpp"

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  constexpr long n = 10'000'000;
  std::mutex mu;
  long counter = 0;
  std::int64_t t0 = bench::now_ns();
  for (long i = 0; i < n; ++i) {
    std::lock_guard<std::mutex> lock(mu);
    ++counter;
  }
  std::int64_t el = bench::now_ns() - t0;
  bench::result r("std_mutex_pair", "c", "ns_per_op", args.threads);
  r.value(double(el) / n);
  r.check(counter == n);
  r.extra("total_ms", el / 1e6);
  return r.print();
}
