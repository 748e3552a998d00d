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

#include "gort_bench.hpp"
#include "handoff_scenario.hpp"

int main(int argc, char** argv) {
  (void)bench::parse_args(argc, argv);
  gort::set_max_procs(1);  // the workload is defined on one processor

  // A raw pipe (the poller does not know it), read by a raw system call.
  int fds[2];
  if (syscall(SYS_pipe2, fds, 0) != 0) return 2;
  bench::handoff_times t = bench::run_handoff_scenario(fds, [](int fd) {
    char byte;
    return syscall(SYS_read, fd, &byte, 1);
  });
  close(fds[0]);
  close(fds[1]);

  bench::result r("unseen_block", "gort", "ms", 1);
  r.value(t.b_done_ms - t.b_alone_ms);
  r.check(t.nread == 1);
  r.extra("b_done_ms", t.b_done_ms);
  r.extra("b_alone_ms", t.b_alone_ms);
  r.extra("a_read_ms", t.a_read_ms);
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
