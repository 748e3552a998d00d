// poll() and select() over several managed fds from goroutines: the right
// revents / fd_sets when some become ready while the goroutine is parked,
// 0 on timeout; ppoll, pselect and epoll_wait on the user's own epoll fd
// likewise; SO_RCVTIMEO makes a blocking read fail with EAGAIN, and
// SO_SNDTIMEO a blocking write to a full socket.
// RUN: %gortpp %s -o %t
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=2 %t | FileCheck %s
// CHECK: poll: 1 [0]=0 [1]=POLLIN [2]=0
// CHECK-NEXT: poll POLLOUT: 1 POLLOUT
// CHECK-NEXT: poll timeout: 0 revents 0 0 0
// CHECK-NEXT: ppoll: 1 [2]=POLLIN
// CHECK-NEXT: select: 1 r0=0 r1=0 r2=1
// CHECK-NEXT: select timeout: 0 empty sets: yes
// CHECK-NEXT: pselect: 1 r1=1
// CHECK-NEXT: epoll_wait: 1 data=42
// CHECK-NEXT: epoll_wait timeout: 0
// CHECK-NEXT: SO_RCVTIMEO read: -1 EAGAIN
// CHECK-NEXT: SO_SNDTIMEO write to full socket: partial or EAGAIN: yes
// CHECK-NEXT: poll saw hangup: POLLHUP or POLLIN yes
#include <gort/gort.hpp>
#include <errno.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <vector>

int main() {
  int s[3][2];
  for (auto& p : s) socketpair(AF_UNIX, SOCK_STREAM, 0, p);
  auto later = [](int fd, const char* msg, int ms) {
    gort::go([=] {
      gort::sleep_for(std::chrono::milliseconds(ms));
      write(fd, msg, 1);
    });
  };

  // poll: fd 1 becomes readable while we are parked.
  later(s[1][1], "x", 10);
  pollfd pf[3] = {{s[0][0], POLLIN, 0}, {s[1][0], POLLIN, 0}, {s[2][0], POLLIN, 0}};
  int r = poll(pf, 3, 10000);
  std::printf("poll: %d [0]=%s [1]=%s [2]=%s\n", r, pf[0].revents ? "?" : "0",
              pf[1].revents == POLLIN ? "POLLIN" : "?", pf[2].revents ? "?" : "0");
  char c;
  read(s[1][0], &c, 1);
  pollfd po{s[0][0], POLLOUT, 0};
  r = poll(&po, 1, 1000);
  std::printf("poll POLLOUT: %d %s\n", r, po.revents == POLLOUT ? "POLLOUT" : "?");
  r = poll(pf, 3, 30);
  std::printf("poll timeout: %d revents %d %d %d\n", r, pf[0].revents, pf[1].revents, pf[2].revents);

  later(s[2][1], "y", 10);
  timespec ts{10, 0};
  r = ppoll(pf, 3, &ts, nullptr);
  std::printf("ppoll: %d [2]=%s\n", r, pf[2].revents == POLLIN ? "POLLIN" : "?");
  // fd 2 still has its byte: select sees it at once.
  fd_set rs;
  FD_ZERO(&rs);
  for (auto& p : s) FD_SET(p[0], &rs);
  int maxfd = 0;
  for (auto& p : s) maxfd = p[0] > maxfd ? p[0] : maxfd;
  timeval tv{10, 0};
  r = select(maxfd + 1, &rs, nullptr, nullptr, &tv);
  std::printf("select: %d r0=%d r1=%d r2=%d\n", r, FD_ISSET(s[0][0], &rs), FD_ISSET(s[1][0], &rs),
              FD_ISSET(s[2][0], &rs));
  read(s[2][0], &c, 1);
  FD_ZERO(&rs);
  for (auto& p : s) FD_SET(p[0], &rs);
  tv = {0, 30000};
  r = select(maxfd + 1, &rs, nullptr, nullptr, &tv);
  bool empty = true;
  for (auto& p : s) empty = empty && !FD_ISSET(p[0], &rs);
  std::printf("select timeout: %d empty sets: %s\n", r, empty ? "yes" : "no");
  later(s[1][1], "z", 10);
  FD_ZERO(&rs);
  for (auto& p : s) FD_SET(p[0], &rs);
  ts = {10, 0};
  r = pselect(maxfd + 1, &rs, nullptr, nullptr, &ts, nullptr);
  std::printf("pselect: %d r1=%d\n", r, FD_ISSET(s[1][0], &rs));
  read(s[1][0], &c, 1);

  int ep = epoll_create1(0);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = 42;
  epoll_ctl(ep, EPOLL_CTL_ADD, s[0][0], &ev);
  later(s[0][1], "e", 10);
  epoll_event out[4];
  r = epoll_wait(ep, out, 4, 10000);
  std::printf("epoll_wait: %d data=%llu\n", r, r > 0 ? (unsigned long long)out[0].data.u64 : 0ull);
  read(s[0][0], &c, 1);
  r = epoll_wait(ep, out, 4, 30);
  std::printf("epoll_wait timeout: %d\n", r);

  timeval to{0, 30000};
  setsockopt(s[0][0], SOL_SOCKET, SO_RCVTIMEO, &to, sizeof to);
  errno = 0;
  ssize_t n = read(s[0][0], &c, 1);
  std::printf("SO_RCVTIMEO read: %zd %s\n", n, errno == EAGAIN ? "EAGAIN" : "?");

  setsockopt(s[2][0], SOL_SOCKET, SO_SNDTIMEO, &to, sizeof to);
  std::vector<char> big(8 << 20, 'b');
  errno = 0;
  n = write(s[2][0], big.data(), big.size());
  bool ok = (n > 0 && std::size_t(n) < big.size()) || (n < 0 && errno == EAGAIN);
  std::printf("SO_SNDTIMEO write to full socket: partial or EAGAIN: %s\n", ok ? "yes" : "no");

  gort::go([fd = s[1][1]] {
    gort::sleep_for(std::chrono::milliseconds(10));
    close(fd);
  });
  pollfd ph{s[1][0], POLLIN, 0};
  r = poll(&ph, 1, 10000);
  std::printf("poll saw hangup: POLLHUP or POLLIN %s\n",
              r == 1 && (ph.revents & (POLLHUP | POLLIN)) ? "yes" : "no");
}
