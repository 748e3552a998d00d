// Goroutines parked on the poller can be woken by their fds, so they are
// no deadlock: here the only waker is another process (a forked child
// writing after a pause) while every goroutine is asleep - main on a
// channel, a reader on its socket. Once the sockets are closed and main
// blocks on a channel nobody can send on, the deadlock is reported, once.
// RUN: %gortxx -O1 %s -o %t
// RUN: (%t 2>%t.err; echo "exit=$?") | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.err
// OUT: got from the child: hello
// OUT-NEXT: sockets closed
// OUT-NEXT: exit=2
// CHECK: fatal error: all goroutines are asleep - deadlock!
// CHECK-NOT: fatal error
// CHECK: goroutine 1 [chan receive]:
#include <gort/gort.hpp>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <string>

int main() {
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    // The child: raw system calls only (the runtime's threads are gone).
    timespec ts{0, 200'000'000};
    syscall(SYS_nanosleep, &ts, nullptr);
    syscall(SYS_write, sv[1], "hello", 5);
    syscall(SYS_exit_group, 0);
  }
  auto ch = gort::make_chan<std::string>();
  gort::go([ch, fd = sv[0]] {
    char buf[16] = {};
    ssize_t n = read(fd, buf, sizeof buf - 1);
    ch.send(n > 0 ? std::string(buf) : std::string("error"));
  });
  std::printf("got from the child: %s\n", ch.recv()->c_str());
  close(sv[0]);
  close(sv[1]);
  std::printf("sockets closed\n");
  std::fflush(stdout);
  auto never = gort::make_chan<int>();
  never.recv();
}
