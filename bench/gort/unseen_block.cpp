// unseen_block (BENCH.md section 9): section 8's syscall_handoff with a
// read the runtime cannot see. With one processor, goroutine A blocks for
// 200 ms in syscall(SYS_read, ...) on a raw pipe (libc's syscall(), a
// non-split shared library function gort does not interpose: no
// entersyscall, as libc's internal reads), while goroutine B runs
// syscall_handoff's 35,000,000-step xorshift loop. sysmon notices A's
// thread asleep in the kernel holding its P and adds a spare P
// (docs/design/foreign.md). value = B's lateness as section 8 reads it:
// b_done_ms - b_alone_ms (0: B ran beside A's read; ~200: it waited for
// it). Extras b_done_ms, b_alone_ms, a_read_ms. The Go twin makes the same
// read through cgo.
#include <gort/gort.hpp>

#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

#include "fanout.hpp"
#include "gort_bench.hpp"

namespace {
constexpr std::uint64_t b_iters = 35'000'000;
volatile std::uint64_t sink;
}  // namespace

int main(int argc, char** argv) {
  (void)bench::parse_args(argc, argv);
  gort::set_max_procs(1);  // the workload is defined on one processor

  // B's loop alone, on the main goroutine.
  std::int64_t s0 = bench::now_ns();
  sink = bench::fanout_work(0, b_iters);
  double b_alone_ms = (bench::now_ns() - s0) / 1e6;

  // A raw pipe (the poller does not know it), read by a raw system call.
  int fds[2];
  if (syscall(SYS_pipe2, fds, 0) != 0) return 2;

  std::atomic<bool> a_started{false};
  std::int64_t a_read_ns = 0, b_done_ns = 0;
  long nread = -1;
  gort::wait_group wg;
  wg.add(2);

  std::int64_t t0 = bench::now_ns();
  // The timer: a plain OS thread writes one byte at t0 + 200 ms.
  std::thread timer([t0, wfd = fds[1]] {
    std::this_thread::sleep_until(std::chrono::steady_clock::time_point(
        std::chrono::nanoseconds(t0) + std::chrono::milliseconds(200)));
    char byte = 'x';
    (void)!write(wfd, &byte, 1);
  });
  gort::go([&, rfd = fds[0]] {  // A
    a_started.store(true);
    char byte;
    nread = syscall(SYS_read, rfd, &byte, 1);
    a_read_ns = bench::now_ns() - t0;
    wg.done();
  });
  gort::go([&] {  // B
    while (!a_started.load()) gort::yield();
    sink = bench::fanout_work(1, b_iters);
    b_done_ns = bench::now_ns() - t0;
    wg.done();
  });
  wg.wait();
  timer.join();
  close(fds[0]);
  close(fds[1]);

  double b_done_ms = b_done_ns / 1e6;
  bench::result r("unseen_block", "gort", "ms", 1);
  r.value(b_done_ms - b_alone_ms);
  r.check(nread == 1);
  r.extra("b_done_ms", b_done_ms);
  r.extra("b_alone_ms", b_alone_ms);
  r.extra("a_read_ms", a_read_ns / 1e6);
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
