// GORT_DEBUG=schedtrace=MS prints a scheduler line every MS milliseconds in
// GODEBUG=schedtrace's format: procs, idle Ps, threads, spinning and idle
// threads, global queue length, and each P's queue length.
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=3 GORT_DEBUG=schedtrace=10 %t 2>&1 | FileCheck %s
// CHECK: SCHED {{[0-9]+}}ms: gomaxprocs=3 idleprocs={{[0-3]}} threads={{[0-9]+}} spinningthreads={{[0-9]+}} needspinning={{[01]}} idlethreads={{[0-9]+}} runqueue={{[0-9]+}} [{{[0-9]+}} {{[0-9]+}} {{[0-9]+}}]
// CHECK: SCHED {{[0-9]+}}ms: gomaxprocs=3
// CHECK: done
#include <gort/gort.hpp>

#include <chrono>
#include <cstdio>

int main() {
  gort::sleep_for(std::chrono::milliseconds(60));
  std::fprintf(stderr, "done\n");
}
