// A [[go]] in a template is lowered once per instantiation (a dependent call
// cannot be lowered at its definition): function templates, members of class
// templates, generic lambdas and auto-returning templates, each with two
// instantiations.
// RUN: %gortpp -fsyntax-only -Xclang -ast-dump -Xclang -ast-dump-filter=spawn_ %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"

template <class T> void show(int slot, T v) { check::record(slot, check::str(sizeof(T)) + ":" + check::str(v)); }

template <class T> void spawn_show(int slot, T v) { [[go]] show(slot, v); }

template <class T> struct Box {
  T value;
  void print(int slot) const { check::record(slot, "box " + check::str(value)); }
  void spawn_print(int slot) const { [[go]] print(slot); }
};

template <class T> auto spawn_and_return(int slot, T v) {
  [[go]] show(slot, v);
  return v;
}

// The pattern keeps the marker and the dependent call; each instantiation
// holds the gort::go call.
// AST-LABEL: Dumping spawn_show:
// AST: FunctionTemplateDecl {{.*}} spawn_show
// AST: AttributedStmt
// AST-NEXT: AnnotateAttr {{.*}} "gort.go"
// AST-NEXT: CallExpr {{.*}} '<dependent type>'
// AST: FunctionDecl {{.*}} spawn_show 'void (int, int)' implicit_instantiation
// AST: AttributedStmt
// AST-NEXT: AnnotateAttr {{.*}} "gort.go"
// AST-NEXT: ExprWithCleanups
// AST-NEXT: CallExpr
// AST-NEXT: ImplicitCastExpr
// AST-NEXT: DeclRefExpr {{.*}} 'go' 'void (void (*&&)(int, int), int &&, int &&)'
// AST: FunctionDecl {{.*}} spawn_show 'void (int, double)' implicit_instantiation
// AST: DeclRefExpr {{.*}} 'go' 'void (void (*&&)(int, double), int &&, double &&)'

int main() {
  check::start(8);
  spawn_show(0, 1);
  spawn_show(1, 2.5);
  Box<int>{3}.spawn_print(2);
  Box<long>{4}.spawn_print(3);
  auto generic = [](int slot, auto v) { [[go]] show(slot, v); };
  generic(4, 5);
  generic(5, short(6));
  (void)spawn_and_return(6, 7);
  (void)spawn_and_return(7, 8L);
  check::finish(8);
}
// OUT: 0: 4:1 [other goroutine]
// OUT: 1: 8:2.500000 [other goroutine]
// OUT: 2: box 3 [other goroutine]
// OUT: 3: box 4 [other goroutine]
// OUT: 4: 4:5 [other goroutine]
// OUT: 5: 2:6 [other goroutine]
// OUT: 6: 4:7 [other goroutine]
// OUT: 7: 8:8 [other goroutine]
