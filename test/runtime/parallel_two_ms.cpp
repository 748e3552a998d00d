// With GORT_MAXPROCS=2, two goroutines really run at the same time on two
// OS threads: each spins (never yielding) until it has seen the other
// running. On a single P this could only finish by the bounded loop giving
// up, which the check below would report.
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=2 %t | FileCheck %s
// CHECK: overlapped: yes
// CHECK: distinct threads: yes
#include <gort/gort.hpp>
#include <unistd.h>

#include <atomic>
#include <cstdio>

std::atomic<int> started{0};
std::atomic<bool> overlapped[2];
pid_t tids[2];

void spinner(int me) {
  tids[me] = gettid();
  started.fetch_add(1);
  // Bounded: about ten seconds of spinning at most.
  for (long i = 0; i < 20'000'000'000L; ++i) {
    if (started.load() == 2) {
      overlapped[me] = true;
      return;
    }
    __builtin_ia32_pause();
  }
}

int main() {
  gort::wait_group wg;
  wg.add(2);
  for (int k = 0; k < 2; ++k)
    gort::go([&wg](int me) { spinner(me); wg.done(); }, k);
  wg.wait();
  std::printf("overlapped: %s\n", overlapped[0] && overlapped[1] ? "yes" : "no");
  std::printf("distinct threads: %s\n", tids[0] != tids[1] ? "yes" : "no");
}
