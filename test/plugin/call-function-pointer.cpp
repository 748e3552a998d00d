// A call through a function pointer spawns the function the pointer held at
// the statement.
// RUN: %gortpp -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=spawn_pointer %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"

void first(int slot) { check::record(slot, "first"); }
void second(int slot) { check::record(slot, "second"); }

void spawn_pointer(void (*fp)(int)) {
  [[go]] fp(0);
  [[go]] (*fp)(1);
  fp = second;
  (void)fp;
}
// AST-LABEL: void spawn_pointer(void (*fp)(int)) {
// AST-NEXT: ::gort::go(fp, 0);
// AST-NEXT: ::gort::go((*fp), 1);

int main() {
  check::start(2);
  spawn_pointer(first);
  check::finish(2);
}
// OUT: 0: first [other goroutine]
// OUT: 1: first [other goroutine]
