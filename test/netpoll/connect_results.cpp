// connect from goroutines on managed sockets: to a closed port gives
// ECONNREFUSED exactly; to a listening port succeeds; a non-blocking
// connect done the C way (EINPROGRESS, poll for POLLOUT, SO_ERROR) works,
// for success and for refusal. Unix sockets too.
// errno is read after calls that may park: the plugin makes that exact
// (docs/design/syscalls.md, "errno").
// RUN: %gortpp %s -o %t && env GORT_MAXPROCS=2 %t | FileCheck %s
// CHECK: closed port: -1 ECONNREFUSED
// CHECK-NEXT: listening port: 0
// CHECK-NEXT: C-way: EINPROGRESS yes, poll 1 POLLOUT yes, SO_ERROR 0
// CHECK-NEXT: C-way refused: SO_ERROR ECONNREFUSED
// CHECK-NEXT: unix: 0, refused: ECONNREFUSED
// CHECK-NEXT: accepted 2
#include <gort/gort.hpp>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "../Inputs/loopback.hpp"

const char* ename(int e) {
  return e == ECONNREFUSED ? "ECONNREFUSED" : e == 0 ? "0" : strerror(e);
}

int main() {
  // A port with no listener: bind one, note the port, close it.
  int tmp = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a = loopback_addr();
  socklen_t al = sizeof a;
  bind(tmp, reinterpret_cast<sockaddr*>(&a), sizeof a);
  getsockname(tmp, reinterpret_cast<sockaddr*>(&a), &al);
  close(tmp);
  sockaddr_in closed_addr = a;

  sockaddr_in la;
  int ls = loopback_listener(&la, 16);
  if (ls < 0) return 1;
  gort::wait_group accepted;
  accepted.add(1);
  int naccepted = 0;
  gort::go([&] {
    for (int i = 0; i < 2; ++i)
      if (accept(ls, nullptr, nullptr) >= 0) ++naccepted;
    accepted.done();
  });

  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    errno = 0;
    int r = connect(s, reinterpret_cast<sockaddr*>(&closed_addr), sizeof closed_addr);
    std::printf("closed port: %d %s\n", r, ename(errno));
    close(s);
    s = socket(AF_INET, SOCK_STREAM, 0);
    r = connect(s, reinterpret_cast<sockaddr*>(&la), sizeof la);
    std::printf("listening port: %d\n", r);

    int u = socket(AF_INET, SOCK_STREAM, 0);
    fcntl(u, F_SETFL, fcntl(u, F_GETFL) | O_NONBLOCK);
    errno = 0;
    r = connect(u, reinterpret_cast<sockaddr*>(&la), sizeof la);
    bool inprogress = r == 0 || errno == EINPROGRESS;
    pollfd p{u, POLLOUT, 0};
    int pr = poll(&p, 1, 5000);
    int err = -1;
    socklen_t el = sizeof err;
    getsockopt(u, SOL_SOCKET, SO_ERROR, &err, &el);
    std::printf("C-way: EINPROGRESS %s, poll %d POLLOUT %s, SO_ERROR %s\n",
                inprogress ? "yes" : "no", pr, (p.revents & POLLOUT) ? "yes" : "no", ename(err));
    int v = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    connect(v, reinterpret_cast<sockaddr*>(&closed_addr), sizeof closed_addr);
    pollfd q{v, POLLOUT, 0};
    poll(&q, 1, 5000);
    err = -1;
    getsockopt(v, SOL_SOCKET, SO_ERROR, &err, &el);
    std::printf("C-way refused: SO_ERROR %s\n", ename(err));

    // Unix stream sockets: abstract address.
    sockaddr_un ua{};
    ua.sun_family = AF_UNIX;
    std::snprintf(ua.sun_path + 1, sizeof ua.sun_path - 1, "gort-connect-%d", getpid());
    socklen_t ulen = socklen_t(offsetof(sockaddr_un, sun_path) + 1 + std::strlen(ua.sun_path + 1));
    int ul = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(ul, reinterpret_cast<sockaddr*>(&ua), ulen);
    listen(ul, 4);
    int uc = socket(AF_UNIX, SOCK_STREAM, 0);
    int ur = connect(uc, reinterpret_cast<sockaddr*>(&ua), ulen);
    close(ul);
    int uc2 = socket(AF_UNIX, SOCK_STREAM, 0);
    errno = 0;
    connect(uc2, reinterpret_cast<sockaddr*>(&ua), ulen);
    std::printf("unix: %d, refused: %s\n", ur, ename(errno));
    wg.done();
  });
  wg.wait();
  accepted.wait();
  std::printf("accepted %d\n", naccepted);
}
