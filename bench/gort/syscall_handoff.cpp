// syscall_handoff (BENCH.md section 8): with one processor, goroutine A
// blocks in a raw read() on a pipe for 200 ms while goroutine B runs a CPU
// loop. value ~ b_alone_ms: the processor was handed off during A's system
// call; value ~ 200 + b_alone_ms: A's read blocked the only processor.
// Mode netpoll: A parks on the network poller (docs/design/netpoll.md).
#include <gort/gort.hpp>

#include <fcntl.h>
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
  auto args = bench::parse_args(argc, argv, "raw");
  gort::set_max_procs(args.threads);

  // B's loop alone, on the main goroutine.
  std::int64_t s0 = bench::now_ns();
  sink = bench::fanout_work(0, b_iters);
  double b_alone_ms = (bench::now_ns() - s0) / 1e6;

  // Modes, as the Go twin's: raw (the pipe made with a raw system call, so
  // the poller does not know it: A's read blocks in the kernel and sysmon
  // hands the P off) and netpoll (pipe2(): A parks on the network poller).
  if (args.mode != "raw" && args.mode != "netpoll") return 2;
  int fds[2];
  if (args.mode == "raw" ? syscall(SYS_pipe2, fds, 0) != 0 : pipe2(fds, 0) != 0) return 2;

  std::atomic<bool> a_started{false};
  std::int64_t a_read_ns = 0, b_done_ns = 0;
  ssize_t nread = -1;
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
    nread = read(rfd, &byte, 1);
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

  bench::result r("syscall_handoff", "gort", "ms", args.threads);
  r.value(b_done_ns / 1e6);
  r.check(nread == 1);
  r.extra("b_alone_ms", b_alone_ms);
  r.extra("a_read_ms", a_read_ns / 1e6);
  r.extra("mode", args.mode);
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
