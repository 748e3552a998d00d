// The central promise: a goroutine blocked in a system call does not block
// the program. With one P, goroutine A blocks in read() on a pipe; a plain
// thread writes to that pipe only after goroutine B has finished a CPU loop
// and said so. B can only run if A's P was handed to another thread while
// A was in read(). Then A comes back while B still holds the only P, so A
// must be queued and resumed later (exitsyscall's slow path).
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=1 %t | FileCheck %s
// CHECK: B finished its loop while A was blocked in read
// CHECK-NEXT: A read 'x' (1 byte)
// CHECK-NEXT: A resumed while B held the only P: yes
#include <gort/gort.hpp>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

std::atomic<bool> a_blocking{false}, b_done{false}, a_done{false};

int main() {
  int fds[2];
  if (pipe(fds) != 0) return 1;
  gort::wait_group wg;
  wg.add(2);
  char got = 0;
  ssize_t n = 0;
  bool resumed_while_b_ran = false;
  std::atomic<bool> b_holding{false};

  gort::go([&] {  // A
    a_blocking = true;
    n = read(fds[0], &got, 1);
    resumed_while_b_ran = b_holding.load();
    a_done = true;
    wg.done();
  });
  gort::go([&] {  // B: runs only if A's P was handed off
    while (!a_blocking) gort::yield();
    volatile std::uint64_t x = 1;
    for (int i = 0; i < 20'000'000; ++i) x = x * 6364136223846793005ull + 1;
    b_holding = true;
    b_done = true;
    // Keep the only P (yielding lets A in once it is queued) until A is back.
    while (!a_done) gort::yield();
    b_holding = false;
    wg.done();
  });
  // A plain thread: waits (bounded) for B, then releases A.
  std::thread writer([&] {
    for (int i = 0; i < 2000 && !b_done; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (b_done) std::printf("B finished its loop while A was blocked in read\n");
    else std::printf("B did NOT run while A was blocked\n");
    std::fflush(stdout);
    char c = 'x';
    if (write(fds[1], &c, 1) != 1) std::printf("write failed\n");
  });
  wg.wait();
  writer.join();
  std::printf("A read '%c' (%zd byte)\n", got, n);
  std::printf("A resumed while B held the only P: %s\n", resumed_while_b_ran ? "yes" : "no");
}
