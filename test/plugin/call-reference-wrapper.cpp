// A std::reference_wrapper called as the callee, `[[go]] r(a);`, behaves as
// gort::go(r, a) and std::thread(r, a): the goroutine calls the referenced
// object, shared with the caller (not a copy). The wrapper itself is passed
// as the callable: &reference_wrapper::operator() plus the wrapper would
// not compile, since std::invoke unwraps a reference_wrapper object for a
// member pointer. Arguments are still evaluated at the statement.
// RUN: %gortpp -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=spawn_wrapped %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"
#include <functional>

struct Counter {
  const Counter *original;
  void operator()(int slot, int k) const {
    check::record(slot, "k=" + std::to_string(k) +
                            (this == original ? " shared" : " COPY"));
  }
};

void spawn_wrapped(Counter &c, int x) {
  auto r = std::ref(c);
  auto cr = std::cref(c);
  [[go]] r(0, x);
  [[go]] cr(1, 2);
  [[go]] std::ref(c)(2, 3);
  x = 100; // after the statements: the goroutines got 1, not 100
}
// AST-LABEL: void spawn_wrapped(Counter &c, int x) {
// AST: ::gort::go(r, 0, x);
// AST-NEXT: ::gort::go(cr, 1, 2);
// AST-NEXT: ::gort::go(std::ref(c), 2, 3);

int main() {
  check::start(3);
  Counter c{&c};
  spawn_wrapped(c, 1);
  check::finish(3);
}
// OUT: 0: k=1 shared [other goroutine]
// OUT-NEXT: 1: k=2 shared [other goroutine]
// OUT-NEXT: 2: k=3 shared [other goroutine]
