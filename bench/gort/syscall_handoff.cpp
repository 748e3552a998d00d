// syscall_handoff (BENCH.md section 8): with one processor, goroutine A
// blocks in a raw read() on a pipe for 200 ms while goroutine B runs a CPU
// loop. value ~ b_alone_ms: the processor was handed off during A's system
// call; value ~ 200 + b_alone_ms: A's read blocked the only processor.
// Mode netpoll: A parks on the network poller (docs/design/netpoll.md).
#include <gort/gort.hpp>

#include <sys/syscall.h>
#include <unistd.h>

#include "gort_bench.hpp"
#include "handoff_scenario.hpp"

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv, "raw");
  gort::set_max_procs(args.threads);

  // Modes, as the Go twin's: raw (the pipe made with a raw system call, so
  // the poller does not know it: A's read blocks in the kernel and sysmon
  // hands the P off) and netpoll (pipe2(): A parks on the network poller).
  if (args.mode != "raw" && args.mode != "netpoll") return 2;
  int fds[2];
  if (args.mode == "raw" ? syscall(SYS_pipe2, fds, 0) != 0 : pipe2(fds, 0) != 0) return 2;
  bench::handoff_times t = bench::run_handoff_scenario(fds, [](int fd) {
    char byte;
    return long(read(fd, &byte, 1));
  });
  close(fds[0]);
  close(fds[1]);

  bench::result r("syscall_handoff", "gort", "ms", args.threads);
  r.value(t.b_done_ms);
  r.check(t.nread == 1);
  r.extra("b_alone_ms", t.b_alone_ms);
  r.extra("a_read_ms", t.a_read_ms);
  r.extra("mode", args.mode);
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
