// syscall_fastpath (issue 4): 1,000,000 write() calls of 1 byte to
// /dev/null from a goroutine (each one goes through gort's interposed
// write: entersyscall / exitsyscall). value = ns per call. Compare with
// bench/c/syscall_fastpath.cpp (the same loop in plain C++ on a plain
// thread, no gort) and Go's syscall.Write.
#include <gort/gort.hpp>
#include <fcntl.h>
#include <unistd.h>

#include "gort_bench.hpp"

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(args.threads);
  constexpr long n = 1'000'000;
  int fd = open("/dev/null", O_WRONLY);
  long ok_calls = 0;
  std::int64_t el = 0;
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    char c = 'x';
    std::int64_t t0 = bench::now_ns();
    for (long i = 0; i < n; ++i) ok_calls += write(fd, &c, 1) == 1;
    el = bench::now_ns() - t0;
    wg.done();
  });
  wg.wait();
  bench::result r("syscall_fastpath", "gort", "ns_per_call", args.threads);
  r.value(double(el) / n);
  r.check(ok_calls == n);
  r.extra("total_ms", el / 1e6);
  return r.print();
}
