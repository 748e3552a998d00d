// A program may define listen() itself (to log or change the backlog, as
// this repository's own httplib test once did): it links against the
// runtime, whose listen() is weak, and the program's definition is the one
// called. The runtime's backlog floor then applies only if the program
// forwards to it; this one forwards to libc's, so its backlog stands.
// RUN: %gortpp %s -o %t && env GORT_MAXPROCS=2 %t | FileCheck %s
// CHECK: user listen called: 1, backlog 7, kernel limit 7
#include <gort/gort.hpp>
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>

#include "../Inputs/loopback.hpp"

static int calls = 0, last_backlog = -1;

extern "C" int listen(int fd, int backlog) {
  ++calls;
  last_backlog = backlog;
  static auto* real = reinterpret_cast<int (*)(int, int)>(dlsym(RTLD_NEXT, "listen"));
  return real(fd, backlog);
}

int main() {
  sockaddr_in a;
  int fd = loopback_listener(&a, 7);  // its listen() call is the one above
  if (fd < 0) return 1;
  tcp_info ti{};
  socklen_t l = sizeof ti;
  getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &l);
  std::printf("user listen called: %d, backlog %d, kernel limit %u\n", calls, last_backlog,
              ti.tcpi_sacked);
  close(fd);
}
