// (obj.*pm)(args) and (ptr->*pm)(args) become ::gort::go(pm, receiver, args):
// the member pointer is evaluated in the caller (reassigning it afterwards
// does not matter) and virtual dispatch is kept.
// RUN: %gortpp -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=spawn_pm %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"

struct Shape {
  virtual ~Shape() = default;
  virtual void draw(int slot) { check::record(slot, "shape draw"); }
  virtual void fill(int slot) { check::record(slot, "shape fill"); }
};
struct Circle : Shape {
  void draw(int slot) override { check::record(slot, "circle draw"); }
};

void spawn_pm(Shape &s, Shape *p) {
  void (Shape::*pm)(int) = &Shape::draw;
  [[go]] (s.*pm)(0);
  [[go]] (p->*pm)(1);
  pm = &Shape::fill;
}
// AST-LABEL: void spawn_pm(Shape &s, Shape *p) {
// AST: ::gort::go(pm, &s, 0);
// AST-NEXT: ::gort::go(pm, p, 1);

int main() {
  check::start(2);
  Circle c;
  Shape s;
  spawn_pm(c, &s);
  check::finish(2);
}
// OUT: 0: circle draw [other goroutine]
// OUT: 1: shape draw [other goroutine]
