// [[go]] works when the statement, or the attribute, comes from a macro.
// RUN: %gortpp -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=spawn_macros %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"

#define GO [[go]]
#define SPAWN(call) [[go]] call
void work(int slot) { check::record(slot, "work"); }

void spawn_macros() {
  GO work(0);
  SPAWN(work(1));
}
// AST-LABEL: void spawn_macros() {
// AST-NEXT: ::gort::go(work, 0);
// AST-NEXT: ::gort::go(work, 1);

int main() {
  check::start(2);
  spawn_macros();
  check::finish(2);
}
// OUT: 0: work [other goroutine]
// OUT: 1: work [other goroutine]
