// A signal handler (split-stack code, installed with sigaction) fires
// thousands of times while goroutines recurse on small segments: it runs
// on the thread's alternate stack through gort's stub, may itself grow
// segments there, and the interrupted goroutines' stacks stay intact.
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=2 %t | FileCheck %s
// CHECK: handled>0=1 correct=64
#include <gort/gort.hpp>

#include <signal.h>
#include <sys/time.h>

#include <atomic>
#include <cstdio>

std::atomic<long> handled{0};

__attribute__((noinline)) long handler_work(int n) {
  volatile char buf[512];
  buf[0] = static_cast<char>(n);
  return n == 0 ? 0 : handler_work(n - 1) + 1 + (buf[0] - static_cast<char>(n));
}

void on_alarm(int) {
  if (handler_work(100) == 100) handled.fetch_add(1, std::memory_order_relaxed);
}

__attribute__((noinline)) long work(int n) {
  volatile char buf[150];
  buf[0] = static_cast<char>(n);
  if (n % 512 == 0) gort::yield();
  return n == 0 ? 0 : work(n - 1) + n + (buf[0] - static_cast<char>(n));
}

int main() {
  struct sigaction sa {};
  sa.sa_handler = on_alarm;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGPROF, &sa, nullptr);
  itimerval it{{0, 200}, {0, 200}};  // every 200 us of CPU time
  setitimer(ITIMER_PROF, &it, nullptr);
  std::atomic<int> correct{0};
  gort::wait_group wg;
  wg.add(64);
  for (int i = 0; i < 64; ++i)
    gort::go([&] {
      bool ok = true;
      for (int r = 0; r < 20; ++r) ok &= work(4000) == 4000L * 4001 / 2;
      if (ok) ++correct;
      wg.done();
    });
  wg.wait();
  itimerval off{};
  setitimer(ITIMER_PROF, &off, nullptr);
  std::printf("handled>0=%d correct=%d\n", int(handled.load() > 0), correct.load());
}
