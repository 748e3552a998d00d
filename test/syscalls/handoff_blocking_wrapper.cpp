// gort::blocking hands the P off for blocking code the interposer cannot
// see (here a raw syscall(SYS_read), as a third-party library might make),
// returns the callee's result, keeps errno, and propagates exceptions.
// The pipe must block in the kernel (this tests the syscall handoff), so
// the network poller is off: GORT_DEBUG=netpoll=0 (docs/design/netpoll.md).
// RUN: %gortxx %s -o %t && env GORT_DEBUG=netpoll=0 GORT_MAXPROCS=1 %t | FileCheck %s
// CHECK: B finished while A was blocked in gort::blocking
// CHECK-NEXT: A got 1 byte: 'y'
// CHECK-NEXT: errno kept: EBADF
// CHECK-NEXT: exception propagated: from inside
// CHECK-NEXT: value returned: 42
#include <gort/gort.hpp>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <thread>

std::atomic<bool> a_blocking{false}, b_done{false};

int main() {
  int fds[2];
  if (pipe(fds) != 0) return 1;
  gort::wait_group wg;
  wg.add(2);
  char got = 0;
  long n = 0;
  gort::go([&] {
    a_blocking = true;
    n = gort::blocking([&] { return syscall(SYS_read, fds[0], &got, 1); });
    wg.done();
  });
  gort::go([&] {
    while (!a_blocking) gort::yield();
    volatile std::uint64_t x = 1;
    for (int i = 0; i < 20'000'000; ++i) x = x * 6364136223846793005ull + 1;
    b_done = true;
    wg.done();
  });
  std::thread writer([&] {
    for (int i = 0; i < 2000 && !b_done; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::printf("%s\n", b_done ? "B finished while A was blocked in gort::blocking"
                               : "B did NOT run while A was blocked");
    std::fflush(stdout);
    char c = 'y';
    if (write(fds[1], &c, 1) != 1) std::printf("write failed\n");
  });
  wg.wait();
  writer.join();
  std::printf("A got %ld byte: '%c'\n", n, got);

  long r = gort::blocking([] { return syscall(SYS_close, -1); });
  int e = errno;
  std::printf("errno kept: %s\n", r == -1 && e == EBADF ? "EBADF" : strerror(e));
  try {
    gort::blocking([] { throw std::runtime_error("from inside"); });
  } catch (const std::exception& ex) {
    std::printf("exception propagated: %s\n", ex.what());
  }
  std::printf("value returned: %d\n", gort::blocking([](int a) { return a * 2; }, 21));
}
