// close() of an fd while goroutines are parked reading it: they fail with
// EBADF. A new fd that reuses the number gets its own data and nothing of
// the old fd's: not its events, not its parked readers. In round 2 an event
// readies the old readers just before the close and the reuse (on one P
// they cannot run in between): their retry must not reach the new fd.
// dup2 over a parked fd wakes its readers the same way.
// RUN: %gortpp %s -o %t
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=2 %t | FileCheck %s
// CHECK: round 1: old readers EBADF=3 other=0; number reused: yes; new reader got 'new'
// CHECK-NEXT: round 2: old readers EBADF+byte=3 stole_new=0; number reused: yes; new reader got 'new'
// CHECK-NEXT: dup2 over parked fd: EBADF=2
#include <gort/gort.hpp>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>

constexpr int kReaders = 3;

void round(int r) {
  int a[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, a);
  std::atomic<int> ebadf{0}, gotbyte{0}, stole{0}, other{0};
  gort::wait_group wg;
  wg.add(kReaders);
  for (int i = 0; i < kReaders; ++i)
    gort::go([&, fd = a[0]] {
      char buf[8] = {};
      ssize_t n = read(fd, buf, 1);
      if (n < 0 && errno == EBADF) ++ebadf;
      else if (n == 1 && buf[0] == 'o') ++gotbyte;
      else if (n > 0) ++stole;
      else ++other;
      wg.done();
    });
  // Let them all park (on one P they run as soon as main sleeps).
  gort::sleep_for(std::chrono::milliseconds(20));
  if (r == 2) write(a[1], "o", 1);  // readies them; they run only after main parks
  int old = a[0];
  close(a[0]);
  int b[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, b);
  bool reused = b[0] == old || b[1] == old;
  int rd = b[0] == old ? b[0] : b[1], wr = b[0] == old ? b[1] : b[0];
  write(wr, "new", 3);
  wg.wait();
  char got[8] = {};
  ssize_t n = read(rd, got, sizeof got - 1);
  if (r == 1)
    std::printf("round 1: old readers EBADF=%d other=%d; number reused: %s; new reader got '%s'\n",
                ebadf.load(), other.load() + stole.load() + gotbyte.load(), reused ? "yes" : "no",
                n > 0 ? got : "?");
  else
    std::printf("round 2: old readers EBADF+byte=%d stole_new=%d; number reused: %s; new reader got '%s'\n",
                ebadf.load() + gotbyte.load(), stole.load() + other.load(), reused ? "yes" : "no",
                n > 0 ? got : "?");
  close(a[1]);
  close(b[0]);
  close(b[1]);
}

int main() {
  signal(SIGPIPE, SIG_IGN);
  round(1);
  round(2);
  int p[2], q[2];
  pipe(p);
  pipe(q);
  std::atomic<int> ebadf{0};
  gort::wait_group wg;
  wg.add(2);
  for (int i = 0; i < 2; ++i)
    gort::go([&, fd = p[0]] {
      char c;
      if (read(fd, &c, 1) < 0 && errno == EBADF) ++ebadf;
      wg.done();
    });
  gort::sleep_for(std::chrono::milliseconds(20));
  dup2(q[0], p[0]);
  wg.wait();
  std::printf("dup2 over parked fd: EBADF=%d\n", ebadf.load());
}
