// The runtime keeps the fds it manages O_NONBLOCK and shadows the user's
// mode: a user's non-blocking fd returns EAGAIN at once, F_GETFL reports
// what the user set, F_SETFL and FIONBIO round-trip; a blocking one blocks
// (the goroutine parks) until data comes. A plain thread reading a managed
// fd in blocking mode blocks too (it waits in the real poll). Fds the
// process did not create itself (stdin) are never made O_NONBLOCK.
// RUN: %gortpp %s -o %t && %t < /dev/null | FileCheck %s
// CHECK: user nonblock pipe: EAGAIN yes, F_GETFL O_NONBLOCK yes
// CHECK-NEXT: F_SETFL blocking: F_GETFL O_NONBLOCK no
// CHECK-NEXT: blocking read parked, then got 'a'
// CHECK-NEXT: FIONBIO 1: EAGAIN yes, F_GETFL O_NONBLOCK yes
// CHECK-NEXT: FIONBIO 0: F_GETFL O_NONBLOCK no
// CHECK-NEXT: socket SOCK_NONBLOCK: EAGAIN yes, F_GETFL O_NONBLOCK yes
// CHECK-NEXT: accept4 SOCK_NONBLOCK: F_GETFL O_NONBLOCK yes; accept: no
// CHECK-NEXT: plain thread blocking read got 'p'
// CHECK-NEXT: stdin left blocking: yes
// CHECK-NEXT: F_DUPFD copy shares the shadow at creation: blocking yes
#include <gort/gort.hpp>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include "../Inputs/loopback.hpp"

const char* yn(bool b) { return b ? "yes" : "no"; }
bool nb(int fd) { return fcntl(fd, F_GETFL) & O_NONBLOCK; }

int main() {
  int p[2];
  pipe2(p, O_NONBLOCK);
  char c;
  errno = 0;
  bool eagain = read(p[0], &c, 1) == -1 && errno == EAGAIN;
  std::printf("user nonblock pipe: EAGAIN %s, F_GETFL O_NONBLOCK %s\n", yn(eagain), yn(nb(p[0])));

  fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) & ~O_NONBLOCK);
  std::printf("F_SETFL blocking: F_GETFL O_NONBLOCK %s\n", yn(nb(p[0])));
  // Blocking now: the reader parks until the writer (which runs only once
  // the reader has parked, on this P) writes.
  std::atomic<bool> reader_done{false};
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    char got = 0;
    ssize_t r = read(p[0], &got, 1);
    reader_done = true;
    std::printf("blocking read %s, then got '%c'\n", r == 1 ? "parked" : "FAILED", got);
    wg.done();
  });
  while (gort::num_goroutine() > 1 && !reader_done) {
    gort::yield();
    break;
  }
  if (write(p[1], "a", 1) != 1) return 1;
  wg.wait();

  int one = 1, zero = 0;
  ioctl(p[0], FIONBIO, &one);
  errno = 0;
  eagain = read(p[0], &c, 1) == -1 && errno == EAGAIN;
  std::printf("FIONBIO 1: EAGAIN %s, F_GETFL O_NONBLOCK %s\n", yn(eagain), yn(nb(p[0])));
  ioctl(p[0], FIONBIO, &zero);
  std::printf("FIONBIO 0: F_GETFL O_NONBLOCK %s\n", yn(nb(p[0])));

  sockaddr_in a;
  int s = loopback_listener(&a, 8, SOCK_NONBLOCK);
  if (s < 0) return 1;
  errno = 0;
  eagain = accept(s, nullptr, nullptr) == -1 && errno == EAGAIN;
  std::printf("socket SOCK_NONBLOCK: EAGAIN %s, F_GETFL O_NONBLOCK %s\n", yn(eagain), yn(nb(s)));
  int c1 = socket(AF_INET, SOCK_STREAM, 0), c2 = socket(AF_INET, SOCK_STREAM, 0);
  connect(c1, reinterpret_cast<sockaddr*>(&a), sizeof a);
  connect(c2, reinterpret_cast<sockaddr*>(&a), sizeof a);
  fcntl(s, F_SETFL, 0);  // blocking accepts from here
  int a1 = accept4(s, nullptr, nullptr, SOCK_NONBLOCK);
  int a2 = accept(s, nullptr, nullptr);
  std::printf("accept4 SOCK_NONBLOCK: F_GETFL O_NONBLOCK %s; accept: %s\n", yn(nb(a1)), yn(nb(a2)));

  // A plain thread blocks in read() on a blocking-mode managed fd.
  int q[2];
  pipe(q);
  std::thread t([&] {
    char got = 0;
    ssize_t r = read(q[0], &got, 1);
    std::printf("plain thread blocking read got '%c'\n", r == 1 ? got : '?');
  });
  gort::sleep_for(std::chrono::milliseconds(20));  // let it block (not required for correctness)
  write(q[1], "p", 1);
  t.join();

  int real_fl = int(syscall(SYS_fcntl, 0, F_GETFL));
  std::printf("stdin left blocking: %s\n", yn(real_fl >= 0 && !(real_fl & O_NONBLOCK)));
  int d = fcntl(q[0], F_DUPFD_CLOEXEC, 10);
  std::printf("F_DUPFD copy shares the shadow at creation: blocking %s\n", yn(!nb(d)));
}
