// Deadlock detection needs no new file descriptor: a program that has used
// up its descriptors (RLIMIT_NOFILE reached, open() fails with EMFILE) and
// then deadlocks is still reported, not left hanging. (The check counts the
// process's threads from /proc/self/status, opened once at start-up.)
// RUN: %gortxx -O1 %s -o %t
// RUN: (%t 2>%t.err; echo "exit=$?") | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.err
// OUT: exhausted: EMFILE
// OUT-NEXT: exit=2
// CHECK: fatal error: all goroutines are asleep - deadlock!
// CHECK: goroutine 1 [chan receive]:
#include <gort/gort.hpp>

#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>

#include <cstdio>

int main() {
  rlimit rl{64, 64};
  setrlimit(RLIMIT_NOFILE, &rl);
  int fd;
  while ((fd = open("/dev/null", O_RDONLY)) >= 0) {
  }
  std::printf("exhausted: %s\n", errno == EMFILE ? "EMFILE" : "other");
  std::fflush(stdout);
  auto never = gort::make_chan<int>();
  never.recv();
}
