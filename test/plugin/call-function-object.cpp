// A function object is copied into the goroutine at the statement, and the
// operator() that overload resolution chose is the one called (it is passed
// as &F::operator(), not looked up again with rvalue arguments).
// RUN: %gortpp -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=spawn_functor %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"

struct Printer {
  std::string prefix;
  void operator()(int slot, const int &v) const { check::record(slot, prefix + " const& " + check::str(v)); }
  void operator()(int slot, int &&v) const { check::record(slot, prefix + " && " + check::str(v)); }
};

void spawn_functor(Printer &p, int v) {
  [[go]] p(0, v);
  p.prefix = "changed";
}
// AST-LABEL: void spawn_functor(Printer &p, int v) {
// AST-NEXT: ::gort::go(&Printer::operator(), p, 0, v);

int main() {
  check::start(1);
  Printer p{"original"};
  spawn_functor(p, 5);
  check::finish(1);
}
// OUT: 0: original const& 5 [other goroutine]
