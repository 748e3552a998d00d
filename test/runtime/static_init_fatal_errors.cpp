// Fatal errors during static initialisation are reported like any other,
// although this file never includes <iostream> (libstdc++ 12 constructs
// std::cout from each TU that does): flushing the standard streams before
// the report used to crash on the unconstructed std::cout (SIGSEGV, no
// message). A deadlock: a goroutine blocked forever and the initialiser
// waiting on a channel nobody sends on; also with no goroutine at all
// (before the scheduler has started), which used to hang. A panic: a
// goroutine started from the initialiser throws.
// RUN: %gortxx %s -o %t
// RUN: env STATIC_INIT_CASE=deadlock %t > %t.dl 2>&1; echo status=$? >> %t.dl
// RUN: FileCheck %s --check-prefix=DEADLOCK < %t.dl
// RUN: env STATIC_INIT_CASE=alone timeout 60 %t > %t.alone 2>&1; echo status=$? >> %t.alone
// RUN: FileCheck %s --check-prefix=ALONE < %t.alone
// RUN: env STATIC_INIT_CASE=panic %t > %t.panic 2>&1; echo status=$? >> %t.panic
// RUN: FileCheck %s --check-prefix=PANIC < %t.panic
// DEADLOCK: static init started
// DEADLOCK: fatal error: all goroutines are asleep - deadlock!
// DEADLOCK: goroutine {{[0-9]+}} [chan receive]:
// DEADLOCK: status=2
// ALONE: static init started
// ALONE-NEXT: fatal error: all goroutines are asleep - deadlock!
// ALONE: status=2
// PANIC: static init started
// PANIC: panic: boom in static init
// PANIC-EMPTY:
// PANIC-NEXT: goroutine {{[0-9]+}} [running]:
// PANIC: status=2
#include <gort/gort.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

gort::chan<int> g_never = gort::make_chan<int>();

static int init_value = [] {
  const char* which = std::getenv("STATIC_INIT_CASE");
  std::printf("static init started\n");  // buffered: must be flushed
  if (which && std::strcmp(which, "panic") == 0) {
    gort::go([] { throw std::runtime_error("boom in static init"); });
  } else if (which && std::strcmp(which, "alone") == 0) {
    // No goroutine: only this thread, blocked below.
  } else {
    gort::go([] { gort::make_chan<int>().recv(); });
    gort::sleep_for(std::chrono::milliseconds(20));
  }
  return *g_never.recv();
}();

int main() { return init_value; }
