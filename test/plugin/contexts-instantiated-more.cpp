// More places a [[go]] can sit in an instantiated template: an explicitly
// instantiated class's default member initializer, a lambda nested in one,
// a constructor's default argument, a constrained template (the lambda in
// the concept's requires-expression is never evaluated), a generic lambda
// in a variable template, a statement expression in a lambda in a default
// member initializer.
// RUN: %gortpp -std=c++23 %s -o %t && %t | FileCheck %s
#include "Inputs/go_check.hpp"
#include <functional>
void hit(int slot, int v) { check::record(slot, "hit " + check::str(v)); }
template <class T> struct Explicit {
  std::function<void()> f = [] { [[go]] hit(0, sizeof(T)); };
};
template struct Explicit<int>;
template <class T> struct Nested {
  std::function<void()> f = [] { [] { [[go]] hit(1, sizeof(T)); }(); };
};
template <class T> struct Ctor {
  std::function<void()> f;
  Ctor(std::function<void()> g = [] { [[go]] hit(2, sizeof(T)); }) : f(g) {}
};
template <class T> concept Spawnable = requires { [] { [[go]] hit(9, sizeof(T)); }; };
template <Spawnable T> void constrained() { [[go]] hit(3, sizeof(T)); }
template <class T> auto generic_var = [](auto v) { [[go]] hit(4, v + sizeof(T)); };
template <class T> struct StmtExpr {
  int v = [] { return ({ [[go]] hit(5, sizeof(T)); 1; }); }();
};
int main() {
  check::start(6);
  Explicit<int>{}.f();
  Nested<int>{}.f();
  Ctor<int>{}.f();
  constrained<int>();
  generic_var<int>(0);
  StmtExpr<int> s;
  check::finish(6);
}
// CHECK: 0: hit 4 [other goroutine]
// CHECK: 1: hit 4 [other goroutine]
// CHECK: 2: hit 4 [other goroutine]
// CHECK: 3: hit 4 [other goroutine]
// CHECK: 4: hit 4 [other goroutine]
// CHECK: 5: hit 4 [other goroutine]
