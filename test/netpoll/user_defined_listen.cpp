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

static int calls = 0, last_backlog = -1;

extern "C" int listen(int fd, int backlog) {
  ++calls;
  last_backlog = backlog;
  static auto* real = reinterpret_cast<int (*)(int, int)>(dlsym(RTLD_NEXT, "listen"));
  return real(fd, backlog);
}

int main() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(fd, 7) != 0) return 1;
  tcp_info ti{};
  socklen_t l = sizeof ti;
  getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &l);
  std::printf("user listen called: %d, backlog %d, kernel limit %u\n", calls, last_backlog,
              ti.tcpi_sacked);
  close(fd);
}
