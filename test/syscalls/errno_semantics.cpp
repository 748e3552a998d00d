// Interposed calls return exactly what the underlying call returns, with
// its errno, from goroutines: EBADF on a closed fd, a partial read, EINTR
// when a signal handler (without SA_RESTART) interrupts a blocking read,
// and the sleep family parks without EINTR.
// The interrupted read is on a pipe blocking in the kernel: the network
// poller is off (GORT_DEBUG=netpoll=0); a goroutine parked on the poller is
// not interrupted by signals, like a sleeping one (docs/design/netpoll.md).
// RUN: %gortxx %s -o %t && env GORT_DEBUG=netpoll=0 %t | FileCheck %s
// RUN: env GORT_DEBUG=netpoll=0 GORT_MAXPROCS=1 %t | FileCheck %s
// CHECK: closed fd: -1 EBADF
// CHECK-NEXT: partial read: 3 of 10
// CHECK-NEXT: interrupted read: -1 EINTR
// CHECK-NEXT: nanosleep: 0 rem=0.0
// CHECK-NEXT: usleep: 0, sleep(0): 0
#include <gort/gort.hpp>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

void on_usr1(int) {}

int main() {
  struct sigaction sa {};
  sa.sa_handler = on_usr1;  // no SA_RESTART: blocking calls fail with EINTR
  sigemptyset(&sa.sa_mask);
  sigaction(SIGUSR1, &sa, nullptr);

  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    int fds[2];
    if (pipe(fds) != 0) return;
    close(fds[0]);
    char buf[10];
    errno = 0;
    ssize_t r = read(fds[0], buf, 10);
    int e = errno;
    std::printf("closed fd: %zd %s\n", r, e == EBADF ? "EBADF" : strerror(e));
    close(fds[1]);

    if (pipe(fds) != 0) return;
    if (write(fds[1], "abc", 3) != 3) return;
    r = read(fds[0], buf, 10);
    std::printf("partial read: %zd of 10\n", r);

    std::atomic<bool> in_read{false}, returned{false};
    pthread_t self = pthread_self();
    std::thread kicker([&] {
      while (!in_read) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      for (int i = 0; i < 500 && !returned; ++i) {
        pthread_kill(self, SIGUSR1);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    });
    in_read = true;
    errno = 0;
    r = read(fds[0], buf, 10);  // empty pipe: blocks until the signal
    e = errno;
    returned = true;
    kicker.join();
    std::printf("interrupted read: %zd %s\n", r, e == EINTR ? "EINTR" : strerror(e));

    timespec req{0, 2'000'000}, rem{1, 1};
    int s = nanosleep(&req, &rem);
    std::printf("nanosleep: %d rem=%ld.%ld\n", s, (long)rem.tv_sec, rem.tv_nsec);
    std::printf("usleep: %d, sleep(0): %u\n", usleep(1000), sleep(0));
    wg.done();
  });
  wg.wait();
}
