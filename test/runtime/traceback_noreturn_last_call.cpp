// A trace names the frame whose last instruction is a call that does not
// return (a throw, a [[noreturn]] helper, abort()): caller frames are looked
// up at their return address minus one, inside the call, as Go does; the
// return address itself is already the next function's. The frame a signal
// interrupted is looked up at its pc as is (a fault on a function's first
// instruction names that function, not the one placed before it).
// In ASan mode a fault is ASan's to report (its DEADLYSIGNAL handler).
// UNSUPPORTED: asan-mode
// RUN: %gortxx -O0 %s -o %t.O0
// RUN: %gortxx -O2 %s -o %t.O2
// RUN: not %t.O0 throw-main 2>&1 | FileCheck %s --check-prefix=MAIN
// RUN: not %t.O2 throw-main 2>&1 | FileCheck %s --check-prefix=MAIN
// RUN: not %t.O0 throw-goroutine 2>&1 | FileCheck %s --check-prefix=GOROUTINE
// RUN: not %t.O2 throw-goroutine 2>&1 | FileCheck %s --check-prefix=GOROUTINE
// RUN: not %t.O0 noreturn-helper 2>&1 | FileCheck %s --check-prefix=HELPER
// RUN: not %t.O2 noreturn-helper 2>&1 | FileCheck %s --check-prefix=HELPER
// RUN: not %t.O0 abort 2>&1 | FileCheck %s --check-prefix=ABORT
// RUN: not %t.O2 abort 2>&1 | FileCheck %s --check-prefix=ABORT
// RUN: not %t.O2 fault-at-entry 2>&1 | FileCheck %s --check-prefix=FAULT
// Each function ends with its noreturn call, and is followed in the text by
// a function that a wrong lookup would name instead (placed_after_*).
// MAIN: panic: thrown last
// MAIN-EMPTY:
// MAIN-NEXT: goroutine 1 [running]:
// MAIN-NEXT: throws_last()
// MAIN-NEXT: {{^}}	{{.*}}traceback_noreturn_last_call.cpp:{{[0-9]+}}
// MAIN-NEXT: {{^main$}}
// MAIN-NEXT: {{^}}	{{.*}}traceback_noreturn_last_call.cpp:{{[0-9]+}}
// MAIN-NOT: placed_after
// GOROUTINE: panic: thrown last
// GOROUTINE-EMPTY:
// GOROUTINE-NEXT: goroutine {{[0-9]+}} [running]:
// GOROUTINE-NEXT: throws_last()
// GOROUTINE-NEXT: {{^}}	{{.*}}traceback_noreturn_last_call.cpp:{{[0-9]+}}
// GOROUTINE-NEXT: calls_throws_last()
// GOROUTINE-NEXT: {{^}}	{{.*}}traceback_noreturn_last_call.cpp:{{[0-9]+}}
// GOROUTINE-NEXT: main::$_0::operator()() const
// GOROUTINE-NOT: placed_after
// HELPER: panic: from the helper
// HELPER-EMPTY:
// HELPER-NEXT: goroutine {{[0-9]+}} [running]:
// HELPER-NEXT: fail(char const*)
// HELPER-NEXT: {{^}}	{{.*}}traceback_noreturn_last_call.cpp:{{[0-9]+}}
// HELPER-NEXT: fails_last(int)
// HELPER-NEXT: {{^}}	{{.*}}traceback_noreturn_last_call.cpp:{{[0-9]+}}
// HELPER-NEXT: main::$_1::operator()() const
// HELPER-NOT: placed_after
// abort() in a goroutine: "SIGABRT: abort", its stack, exit status 2.
// ABORT: SIGABRT: abort
// ABORT-EMPTY:
// ABORT-NEXT: goroutine {{[0-9]+}} [running]:
// ABORT: aborts_last(int)
// ABORT-NEXT: {{^}}	{{.*}}traceback_noreturn_last_call.cpp:{{[0-9]+}}
// ABORT-NEXT: main::$_2::operator()() const
// ABORT-NOT: placed_after
// FAULT: fatal error: unexpected signal
// FAULT: goroutine {{[0-9]+}} [running]:
// FAULT-NEXT: faults_at_entry
// FAULT-NEXT: {{^}}	{{.*}}traceback_noreturn_last_call.cpp:{{[0-9]+}}
// FAULT-NEXT: main::$_3::operator()() const
// FAULT-NOT: placed_after
#include <gort/gort.hpp>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

static volatile int sink;

[[gnu::noinline]] void throws_last() { throw std::runtime_error("thrown last"); }
[[gnu::noinline]] void placed_after_throws_last() { sink = 1; }

[[gnu::noinline]] void calls_throws_last() { throws_last(); }
[[gnu::noinline]] void placed_after_calls_throws_last() { sink = 2; }

[[noreturn, gnu::noinline]] void fail(const char* what) { throw std::logic_error(what); }
[[gnu::noinline]] void fails_last(int n) {
  if (n > 0) fail("from the helper");
}
[[gnu::noinline]] void placed_after_fails_last() { sink = 3; }

[[gnu::noinline]] void aborts_last(int n) {
  if (n > 0) std::abort();
}
[[gnu::noinline]] void placed_after_aborts_last() { sink = 4; }

// Its first instruction faults: the interrupted pc is its entry point.
extern "C" [[gnu::naked, gnu::noinline]] int faults_at_entry(int*) {
  asm("movl (%rdi), %eax\n\tret");
}

// Runs f on a goroutine and waits (the goroutine ends the process).
template <class F>
void on_goroutine(F f) {
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    f();
    wg.done();
  });
  wg.wait();
}

int main(int argc, char** argv) {
  if (argc < 2) return 1;
  const char* mode = argv[1];
  int* volatile nil = nullptr;
  if (!std::strcmp(mode, "throw-main")) throws_last();
  if (!std::strcmp(mode, "throw-goroutine")) on_goroutine([] { calls_throws_last(); });
  if (!std::strcmp(mode, "noreturn-helper")) on_goroutine([argc] { fails_last(argc); });
  if (!std::strcmp(mode, "abort")) on_goroutine([argc] { aborts_last(argc); });
  if (!std::strcmp(mode, "fault-at-entry")) on_goroutine([nil] { sink = faults_at_entry(nil); });
  return 0;
}
