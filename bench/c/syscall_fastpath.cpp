// syscall_fastpath, raw C baseline (no gort, plain thread): 1,000,000
// write() calls of 1 byte to /dev/null. Built with plain clang++.
#include <fcntl.h>
#include <unistd.h>

#include "bench.hpp"

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  constexpr long n = 1'000'000;
  int fd = open("/dev/null", O_WRONLY);
  char c = 'x';
  long ok_calls = 0;
  std::int64_t t0 = bench::now_ns();
  for (long i = 0; i < n; ++i) ok_calls += write(fd, &c, 1) == 1;
  std::int64_t el = bench::now_ns() - t0;
  bench::result r("syscall_fastpath", "c", "ns_per_call", args.threads);
  r.value(double(el) / n);
  r.check(ok_calls == n);
  r.extra("total_ms", el / 1e6);
  return r.print();
}
