// A plain thread counts as a possible waker until it exits: once the last
// one is gone, a main blocked forever is a deadlock, reported at once (the
// check used to run only when an M went idle, so the program hung). The
// thread ends by returning or by pthread_exit. Its sleep makes it likely
// to exit after main has blocked (the path that hung); if it exits first,
// main's own check must report, so either order ends in the report.
// RUN: %gortxx %s -o %t
// RUN: (timeout 60 %t return 2>&1; echo status=$?) | FileCheck %s
// RUN: (timeout 60 %t pthread_exit 2>&1; echo status=$?) | FileCheck %s
// RUN: (env GORT_MAXPROCS=4 timeout 60 %t return 2>&1; echo status=$?) | FileCheck %s
// CHECK: thread used gort and is exiting
// CHECK: fatal error: all goroutines are asleep - deadlock!
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [chan receive]:
// CHECK: status=2
#include <gort/gort.hpp>
#include <pthread.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <thread>

int main(int argc, char** argv) {
  bool use_pthread_exit = argc > 1 && std::strcmp(argv[1], "pthread_exit") == 0;
  auto never = gort::make_chan<int>();
  std::thread([never, use_pthread_exit] {
    (void)never.size();  // a gort call: a possible waker from here on
    usleep(100 * 1000);  // main most likely blocks meanwhile
      std::printf("thread used gort and is exiting\n");
    std::fflush(stdout);
    if (use_pthread_exit) pthread_exit(nullptr);
  }).detach();
  never.recv();
}
