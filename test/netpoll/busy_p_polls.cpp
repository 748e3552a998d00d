// A P whose run queue never runs dry still polls the network poller
// (docs/design/netpoll.md, "Who polls"): goroutine R reads a pipe that a
// plain thread fills after R has asked, 100 times, while two goroutines
// yield to each other on the only P. Their local queue is never empty, so
// find_runnable's poll-before-stealing never runs and the M never idles;
// with sysmon's poll turned off (GORT_DEBUG=sysmonnetpoll=0) only the
// scheduler's periodic poll can ready R. Without it R, parked, would wait
// until the yielders gave up (they stop after kYieldCap switches), so
// "R done while yielders ran: yes" is the check.
// With sysmon's poll on (the default) the same holds.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 GORT_DEBUG=sysmonnetpoll=0 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// CHECK: rounds: 100
// CHECK-NEXT: bytes in order: yes
// CHECK-NEXT: R done while yielders ran: yes
#include <gort/gort.hpp>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <thread>

namespace {
constexpr int kRounds = 100;
// Far more switches than 100 rounds need with polls every 64 switches
// (or every 500 us); without them the yielders reach it and the check
// fails.
constexpr long kYieldCap = 200'000'000;

std::atomic<bool> r_done{false};
std::atomic<bool> cap_hit{false};

void yielder() {
  for (long i = 0; i < kYieldCap; ++i) {
    if (r_done.load(std::memory_order_relaxed)) return;
    gort::yield();
  }
  cap_hit.store(true);
}
}  // namespace

int main() {
  int data[2], ask[2];
  if (pipe(data) != 0 || pipe(ask) != 0) return 1;
  // The filler: a plain thread, blocking for real in read(); it wakes a
  // little after R's request, by which time R has parked on the poller.
  std::thread filler([&] {
    char c;
    for (int i = 0; i < kRounds; ++i) {
      if (read(ask[0], &c, 1) != 1) return;
      char b = char('a' + i % 26);
      if (write(data[1], &b, 1) != 1) return;
    }
  });
  auto wg = std::make_shared<gort::wait_group>();
  wg->add(3);
  int rounds = 0;
  bool in_order = true;
  gort::go([&, wg] {
    for (int i = 0; i < kRounds; ++i) {
      char c = 'x', b;
      if (write(ask[1], &c, 1) != 1) break;
      if (read(data[0], &b, 1) != 1) break;
      if (b != char('a' + i % 26)) in_order = false;
      ++rounds;
    }
    // Before the yielders can see r_done: whether they had given up.
    bool ran = !cap_hit.load();
    r_done.store(true);
    std::printf("rounds: %d\nbytes in order: %s\nR done while yielders ran: %s\n", rounds,
                in_order ? "yes" : "no", ran ? "yes" : "no");
    wg->done();
  });
  for (int i = 0; i < 2; ++i)
    gort::go([wg] {
      yielder();
      wg->done();
    });
  wg->wait();
  filler.join();
  return 0;
}
