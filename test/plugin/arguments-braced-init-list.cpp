// A braced-init-list argument initializes the parameter in the caller, at
// the statement, and is passed to gort::go as an object of the parameter's
// type, `T{...}` (gort::go cannot deduce a type from a bare braced list):
// aggregates, std::array, scalars, empty lists, member calls and lambdas.
// RUN: %gortpp -fsyntax-only -Wno-braced-scalar-init -Xclang -ast-print -Xclang -ast-dump-filter=spawn_lists %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp -Wno-braced-scalar-init %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"
#include <array>

struct Point {
  int x, y;
};
using check::str;
std::string str(Point p) { return str(p.x) + "," + str(p.y); }

void at(int slot, Point p) { check::record(slot, "at " + str(p)); }
void pair(int slot, std::array<int, 2> a) {
  check::record(slot, "pair " + str(a[0]) + "," + str(a[1]));
}
void scalar(int slot, int v) { check::record(slot, "scalar " + str(v)); }
void ref(int slot, const Point &p) { check::record(slot, "ref " + str(p)); }
struct Plotter {
  void plot(int slot, Point p) { check::record(slot, "plot " + str(p)); }
};

void spawn_lists(Plotter &plotter, int x) {
  [[go]] at(0, {x, 2});
  [[go]] pair(1, {3, 4});
  [[go]] scalar(2, {5});
  [[go]] at(3, {});
  [[go]] ref(4, {6, 7});
  [[go]] plotter.plot(5, {8, 9});
  [[go]] [](int slot, Point p) { check::record(slot, "lambda " + str(p)); }(6, {10, 11});
}
// AST-LABEL: void spawn_lists(Plotter &plotter, int x) {
// AST-NEXT: ::gort::go(at, 0, Point{x, 2});
// AST-NEXT: ::gort::go(pair, 1, std::array<int, 2>{3, 4});
// AST-NEXT: ::gort::go(scalar, 2, int{5});
// AST-NEXT: ::gort::go(at, 3, Point{});
// AST-NEXT: ::gort::go(ref, 4, {6, 7});
// AST-NEXT: ::gort::go(&Plotter::plot, &plotter, 5, Point{8, 9});
// AST: }, 6, Point{10, 11});

int main() {
  check::start(7);
  Plotter plotter;
  spawn_lists(plotter, 1);
  check::finish(7);
}
// OUT: 0: at 1,2 [other goroutine]
// OUT-NEXT: 1: pair 3,4 [other goroutine]
// OUT-NEXT: 2: scalar 5 [other goroutine]
// OUT-NEXT: 3: at 0,0 [other goroutine]
// OUT-NEXT: 4: ref 6,7 [other goroutine]
// OUT-NEXT: 5: plot 8,9 [other goroutine]
// OUT-NEXT: 6: lambda 10,11 [other goroutine]
