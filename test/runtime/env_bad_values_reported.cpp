// A GORT_* environment variable that cannot be used as given is reported
// with one line on stderr naming the variable, its value and what is used
// instead; the program then runs normally. Before: silently ignored,
// clamped or truncated (GORT_MAXPROCS=4294967297 became 1), and
// GORT_DEBUG=schedtrace=99999999999999999999 overflowed into a flood of
// trace lines.
// The defaults printed are those of split stacks; ASan mode's differ.
// UNSUPPORTED: asan-mode
// RUN: %gortxx -O1 %s -o %t
// RUN: env GORT_MAXPROCS=abc %t 2>&1 | FileCheck %s --check-prefix=ABC
// ABC: gort: GORT_MAXPROCS=abc: not a number; using [[N:[0-9]+]]{{$}}
// ABC-NEXT: procs=[[N]]
// ABC-NOT: {{.}}
// RUN: env GORT_MAXPROCS=0 %t 2>&1 | FileCheck %s --check-prefix=ZERO
// ZERO: gort: GORT_MAXPROCS=0: out of range [1, 1024]; using [[N:[0-9]+]]{{$}}
// ZERO-NEXT: procs=[[N]]
// RUN: env GORT_MAXPROCS=4294967297 %t 2>&1 | FileCheck %s --check-prefix=BIG
// BIG: gort: GORT_MAXPROCS=4294967297: out of range [1, 1024]; using 1024{{$}}
// BIG-NEXT: procs=1024
// RUN: env GORT_MAXPROCS=3 %t 2>&1 | FileCheck %s --check-prefix=GOOD
// GOOD-NOT: gort:
// GOOD: procs=3
// RUN: env GORT_MAXPROCS=2 GORT_STACK_MIN=1T %t 2>&1 | FileCheck %s --check-prefix=MIN
// MIN: gort: GORT_STACK_MIN=1T: not a size (a number, optionally K, M or G); using 4096 bytes{{$}}
// MIN-NEXT: procs=2
// RUN: env GORT_MAXPROCS=2 GORT_STACK_MAX=lots %t 2>&1 | FileCheck %s --check-prefix=MAX
// MAX: gort: GORT_STACK_MAX=lots: not a size (a number, optionally K, M or G); using 1073741824 bytes{{$}}
// MAX-NEXT: procs=2
// RUN: env GORT_MAXPROCS=2 GORT_STACK_MAX=99999999999G %t 2>&1 | FileCheck %s --check-prefix=MAXBIG
// MAXBIG: gort: GORT_STACK_MAX=99999999999G: out of range [1, 70368744177664]; using 70368744177664 bytes{{$}}
// RUN: env GORT_MAXPROCS=2 GORT_MAXTHREADS=-5 %t 2>&1 | FileCheck %s --check-prefix=THR
// THR: gort: GORT_MAXTHREADS=-5: out of range [1, 1000000000]; using 10000{{$}}
// RUN: env GORT_MAXPROCS=2 GORT_DEBUG=schedtrace=99999999999999999999 %t 2>&1 | FileCheck %s --check-prefix=TRACE
// TRACE: gort: GORT_DEBUG=schedtrace=99999999999999999999: out of range [0, 31536000000]; using 31536000000{{$}}
// TRACE-NEXT: procs=2
// TRACE-NOT: SCHED
// RUN: env GORT_MAXPROCS=2 GORT_DEBUG=schedtrace=abc,nonsense,schedtrce=1 %t 2>&1 | FileCheck %s --check-prefix=DBG
// DBG-DAG: gort: GORT_DEBUG=schedtrace=abc,nonsense,schedtrce=1: malformed entry (want name=value) 'nonsense'; ignoring it
// DBG-DAG: gort: GORT_DEBUG=schedtrace=abc,nonsense,schedtrce=1: unknown setting 'schedtrce=1'; ignoring it
// DBG-DAG: gort: GORT_DEBUG=schedtrace=abc: not a number; using 0{{$}}
// DBG: procs=2
// DBG-NOT: SCHED
#include <gort/gort.hpp>

#include <cstdio>

[[gnu::noinline]] int deep(int n) {
  volatile char buf[1000];
  buf[n % 1000] = char(n);
  return n ? deep(n - 1) + buf[n % 1000] : 0;
}

int main() {
  // Grow the stack a little (GORT_STACK_* are read then). GORT_DEBUG is
  // checked at start-up, before main.
  gort::wait_group wg;
  wg.add(1);
  gort::go([&wg] {
    deep(200);  // about 200 KiB: beyond the first segment
    wg.done();
  });
  wg.wait();
  std::printf("procs=%d\n", gort::max_procs());
}
