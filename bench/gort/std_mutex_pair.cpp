// std_mutex_pair (BENCH.md section 9): 10,000,000 uncontended lock+unlock
// pairs of a std::mutex in a goroutine. Each pair goes through gort's
// interposed pthread_mutex_lock (trylock + per-goroutine lock count) and
// pthread_mutex_unlock. value = ns per op (one lock+unlock). The plain
// thread it is compared with: bench/c/std_mutex_pair.cpp (impl=c), the
// same loop on the main thread of a program without gort. Extra
// plain_thread_ns: the same loop on a std::thread of this program (the
// wrappers' plain-thread path).
#include <gort/gort.hpp>

#include <mutex>
#include <thread>

#include "gort_bench.hpp"

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(args.threads);
  constexpr long n = 10'000'000;
  std::mutex mu;
  long counter = 0;
  std::int64_t el = 0;
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    std::int64_t t0 = bench::now_ns();
    for (long i = 0; i < n; ++i) {
      std::lock_guard<std::mutex> lock(mu);
      ++counter;
    }
    el = bench::now_ns() - t0;
    wg.done();
  });
  wg.wait();
  std::int64_t plain_el = 0;
  std::thread plain([&] {
    std::int64_t t0 = bench::now_ns();
    for (long i = 0; i < n; ++i) {
      std::lock_guard<std::mutex> lock(mu);
      ++counter;
    }
    plain_el = bench::now_ns() - t0;
  });
  plain.join();
  bench::result r("std_mutex_pair", "gort", "ns_per_op", args.threads);
  r.value(double(el) / n);
  r.check(counter == 2 * n);
  r.extra("total_ms", el / 1e6);
  r.extra("plain_thread_ns", double(plain_el) / n);
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
