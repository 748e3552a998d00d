// A static member function is spawned like a free function.
// RUN: %gortpp -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=spawn_static %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"

struct Pool {
  static void serve(int slot, int x) { check::record(slot, "serve " + check::str(x)); }
};

void spawn_static(int x) { [[go]] Pool::serve(0, x); }
// AST-LABEL: void spawn_static(int x) {
// AST-NEXT: ::gort::go(Pool::serve, 0, x);

int main() {
  check::start(1);
  int x = 3;
  spawn_static(x);
  check::finish(1);
}
// OUT: 0: serve 3 [other goroutine]
