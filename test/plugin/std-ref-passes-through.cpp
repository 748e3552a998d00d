// std::ref(x) shares the caller's object with the goroutine: for a
// non-const lvalue reference parameter the reference_wrapper itself is
// passed (not its conversion to int&), and the goroutine writes the
// caller's variable.
// RUN: %gortpp -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=spawn_ref %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"
#include <functional>

void bump(int &counter, int by) {
  counter += by;
  check::record(0, "bumped");
}

void spawn_ref(int &counter) { [[go]] bump(std::ref(counter), 5); }
// AST-LABEL: void spawn_ref(int &counter) {
// AST-NEXT: ::gort::go(bump, std::ref(counter), 5);

int main() {
  check::start(1);
  int counter = 1;
  spawn_ref(counter);
  check::finish(1);
  std::printf("counter=%d\n", counter);
}
// OUT: 0: bumped [other goroutine]
// OUT: counter=6
