// syscall_handoff (BENCH.md section 8), the Boost.Fiber peer of
// bench/gort/syscall_handoff.cpp. Boost.Fiber has no system-call handoff:
// A's raw read() blocks the only scheduler thread, so expect
// value ~ 200 + b_alone_ms.
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "fanout.hpp"
#include "fiber_bench.hpp"

namespace {
constexpr std::uint64_t b_iters = 35'000'000;
volatile std::uint64_t sink;
}  // namespace

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv, "raw");
  std::int64_t s0 = bench::now_ns();
  sink = bench::fanout_work(0, b_iters);
  double b_alone_ms = (bench::now_ns() - s0) / 1e6;

  int fds[2];
  if (pipe2(fds, 0) != 0) return 2;
  std::atomic<bool> a_started{false};
  std::int64_t a_read_ns = 0, b_done_ns = 0;
  ssize_t nread = -1;
  {
    bench::fiber_pool pool(args.threads);
    std::int64_t t0 = bench::now_ns();
    std::thread timer([t0, wfd = fds[1]] {
      std::this_thread::sleep_until(std::chrono::steady_clock::time_point(
          std::chrono::nanoseconds(t0) + std::chrono::milliseconds(200)));
      char byte = 'x';
      (void)!write(wfd, &byte, 1);
    });
    boost::fibers::fiber a([&, rfd = fds[0]] {
      a_started.store(true);
      char byte;
      nread = read(rfd, &byte, 1);
      a_read_ns = bench::now_ns() - t0;
    });
    boost::fibers::fiber b([&] {
      while (!a_started.load()) boost::this_fiber::yield();
      sink = bench::fanout_work(1, b_iters);
      b_done_ns = bench::now_ns() - t0;
    });
    a.join();
    b.join();
    timer.join();
  }
  close(fds[0]);
  close(fds[1]);

  bench::result r("syscall_handoff", "boost_fiber", "ms", args.threads);
  r.value(b_done_ns / 1e6);
  r.check(nread == 1);
  r.extra("b_alone_ms", b_alone_ms);
  r.extra("a_read_ms", a_read_ns / 1e6);
  r.extra("mode", std::string("raw"));
  r.extra("stack_kb", bench::fiber_stack_kb());
  return r.print();
}
