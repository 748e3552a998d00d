// `__attribute__((noreturn))` (what BOOST_NORETURN expands to) is part of
// Clang's function type but not of its mangling: spawning a noreturn
// function and an ordinary one of the same signature made two gort::go
// specializations with one mangled name ("definition with same mangled
// name", reported inside go.hpp). The callee is passed as the plain
// function (or member function) pointer.
// RUN: %gortpp -std=c++23 %s -o %t && %t | FileCheck %s
#include "Inputs/go_check.hpp"

gort::wait_group forever;
__attribute__((noreturn)) void stop(int slot) {
  check::record(slot, "stop");
  forever.wait();
  __builtin_unreachable();
}
void go_on(int slot) { check::record(slot, "go_on"); }
struct Machine {
  __attribute__((noreturn)) void halt(int slot) {
    check::record(slot, "halt");
    forever.wait();
    __builtin_unreachable();
  }
  void step(int slot) { check::record(slot, "step"); }
};

int main() {
  check::start(4);
  forever.add(1);
  Machine m;
  [[go]] stop(0);
  [[go]] go_on(1);
  [[go]] m.halt(2);
  [[go]] m.step(3);
  check::finish(4);
}
// CHECK: 0: stop [other goroutine]
// CHECK-NEXT: 1: go_on [other goroutine]
// CHECK-NEXT: 2: halt [other goroutine]
// CHECK-NEXT: 3: step [other goroutine]
