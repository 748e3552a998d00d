// A goroutine parked on the network poller shows as [IO wait] in goroutine
// dumps (as in Go's tracebacks).
// RUN: %gortxx -O1 %s -o %t
// RUN: (env GORT_MAXPROCS=1 %t 2>%t.err; echo "exit=$?") | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.err
// OUT: parked
// OUT-NEXT: exit=2
// CHECK: SIGQUIT: quit
// CHECK-DAG: goroutine {{[0-9]+}} [IO wait]:
// CHECK-DAG: goroutine {{[0-9]+}} [IO wait]:
#include <gort/gort.hpp>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

int main() {
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  gort::go([fd = sv[0]] {
    char c;
    read(fd, &c, 1);
  });
  gort::go([fd = sv[0]] {
    pollfd p{fd, POLLIN, 0};
    poll(&p, 1, -1);
  });
  // On one P both run, and park, while main sleeps.
  gort::sleep_for(std::chrono::milliseconds(20));
  std::printf("parked\n");
  std::fflush(stdout);
  kill(getpid(), SIGQUIT);
  for (;;) pause();
}
