// 200 goroutines blocked at once in read() on 200 pipes (GORT_MAXPROCS=2):
// each holds a thread, but the Ps are handed off, so another goroutine
// keeps making progress meanwhile; all 200 complete once their pipes are
// written; afterwards a second round reuses the idle threads: round 1 needs
// about 200 new threads, round 2 at most 2 (an M still on its way from a
// round-1 system call to the idle list when round 2 starts is not yet
// reusable, so a new one may be made for it).
// The pipe must block in the kernel (this tests the syscall handoff), so
// the network poller is off: GORT_DEBUG=netpoll=0 (docs/design/netpoll.md).
// RUN: %gortxx %s -o %t && env GORT_DEBUG=netpoll=0 GORT_MAXPROCS=2 %t | FileCheck %s
// CHECK: round 1: progress while 200 were blocked: yes, completed=200
// CHECK-NEXT: round 2: progress while 200 were blocked: yes, completed=200
// CHECK-NEXT: round 1 made >= 190 threads: yes
// CHECK-NEXT: round 2 reused them (at most 2 new): yes
#include <gort/gort.hpp>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "../Inputs/os_threads.hpp"

constexpr int kReaders = 200;

void round(int (*fds)[2]) {
  std::atomic<int> entered{0}, completed{0};
  std::atomic<long> progress{0};
  std::atomic<bool> stop{false};
  gort::wait_group wg;
  wg.add(kReaders);
  for (int i = 0; i < kReaders; ++i)
    gort::go([&, i] {
      char c;
      ++entered;
      if (read(fds[i][0], &c, 1) == 1) ++completed;
      wg.done();
    });
  gort::wait_group ticker_done;
  ticker_done.add(1);
  gort::go([&] {  // pure computation that must keep running
    while (!stop) {
      ++progress;
      gort::yield();
    }
    ticker_done.done();
  });
  while (entered < kReaders) gort::yield();
  // Every reader is in (or about to enter) read(): watch progress.
  long before = progress.load();
  for (int i = 0; i < 200 && progress.load() < before + 1000; ++i)
    gort::sleep_for(std::chrono::milliseconds(5));
  bool progressed = progress.load() >= before + 1000;
  for (int i = 0; i < kReaders; ++i)
    if (write(fds[i][1], "z", 1) != 1) std::abort();
  wg.wait();
  stop = true;
  ticker_done.wait();
  static int r = 0;
  std::printf("round %d: progress while 200 were blocked: %s, completed=%d\n", ++r,
              progressed ? "yes" : "no", completed.load());
}

int main() {
  int fds[kReaders][2];
  for (auto& p : fds)
    if (pipe(p) != 0) return 1;
  // Threads are never destroyed (idle Ms are cached), so the count after a
  // round is the most that round needed.
  int t0 = os_threads();
  round(fds);
  int t1 = os_threads();
  round(fds);
  int t2 = os_threads();
  std::printf("round 1 made >= 190 threads: %s\n", t1 - t0 >= 190 ? "yes" : "no");
  std::printf("round 2 reused them (at most 2 new): %s\n", t2 - t1 <= 2 ? "yes" : "no");
  std::fprintf(stderr, "threads: before %d, after round 1 %d, after round 2 %d\n", t0, t1, t2);
}
