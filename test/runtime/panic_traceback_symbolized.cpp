// A panic's stack trace names every frame of the program, as Go's does:
// static functions, functions in an anonymous namespace and lambdas too
// (dladdr sees only exported symbols), with file:line when the program has
// debug information (inlined calls included), from the symbol table when it
// has none. gort::go's plumbing (std::invoke, std::apply, the closure) is
// left out.
// RUN: %gortxx -O2 -g %s -o %t.debug
// RUN: not %t.debug 2> %t.debug.err
// RUN: FileCheck %s --check-prefix=DEBUG < %t.debug.err
// RUN: %gortxx -O1 -g0 %s -o %t.nodebug
// RUN: not %t.nodebug 2> %t.nodebug.err
// RUN: FileCheck %s --check-prefix=NODEBUG < %t.nodebug.err
// DEBUG: panic: deep failure
// DEBUG-EMPTY:
// DEBUG-NEXT: goroutine {{[0-9]+}} [running]:
// DEBUG-NEXT: throws_here(int)
// DEBUG-NEXT: {{^}}	{{.*}}panic_traceback_symbolized.cpp:{{[0-9]+}}
// DEBUG-NEXT: (anonymous namespace)::in_anonymous_namespace(int)
// DEBUG-NEXT: {{^}}	{{.*}}panic_traceback_symbolized.cpp:{{[0-9]+}}
// DEBUG-NEXT: main::$_0::operator()() const
// DEBUG-NEXT: {{^}}	{{.*}}panic_traceback_symbolized.cpp:{{[0-9]+}}
// DEBUG-NOT: std::
// DEBUG-NOT: gort::detail
// NODEBUG: panic: deep failure
// NODEBUG-EMPTY:
// NODEBUG-NEXT: goroutine {{[0-9]+}} [running]:
// NODEBUG-NEXT: throws_here(int)
// NODEBUG-NEXT: {{^}}	{{.*}}+0x{{[0-9a-f]+}}
// NODEBUG-NEXT: (anonymous namespace)::in_anonymous_namespace(int)
// NODEBUG-NOT: ?
#include <gort/gort.hpp>

#include <stdexcept>

static volatile int depth_seen;

[[gnu::noinline]] static void throws_here(int n) {
  depth_seen = n;
  if (n > 0) throw std::runtime_error("deep failure");
}

namespace {
[[gnu::noinline]] void in_anonymous_namespace(int n) {
  throws_here(n + 1);
  depth_seen = depth_seen + 1;  // not a tail call
}
}  // namespace

int main() {
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    in_anonymous_namespace(1);
    wg.done();
  });
  wg.wait();
}
