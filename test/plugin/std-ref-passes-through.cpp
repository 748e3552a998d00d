// std::ref(x) and std::cref(x) share the caller's object with the
// goroutine: for a reference parameter (non-const or const) the
// reference_wrapper itself is passed (not its conversion to int& / const
// int&, which would make gort::go copy x), and it converts in the
// goroutine, as with gort::go(f, std::cref(x)) and std::thread. The
// goroutine writes, or sees, the caller's variable.
// RUN: %gortpp -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=spawn_ref %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"
#include <functional>

struct Base {
  int value = 0;
};
struct Derived : Base {};

void bump(int &counter, int by) {
  counter += by;
  check::record(0, "bumped");
}
void see(int slot, const int &value, const int *original) {
  check::record(slot, std::string(&value == original ? "shared" : "COPY"));
}
void see_base(int slot, const Base &b, const Base *original) {
  check::record(slot, std::string(&b == original ? "shared" : "COPY"));
}

void spawn_ref(int &counter, Derived &d) {
  [[go]] bump(std::ref(counter), 5);
  [[go]] see(1, std::cref(counter), &counter);
  [[go]] see(2, std::ref(counter), &counter);
  [[go]] see_base(3, std::cref(d), &d);
  [[go]] see(4, counter, &counter);
}
// AST-LABEL: void spawn_ref(int &counter, Derived &d) {
// AST-NEXT: ::gort::go(bump, std::ref(counter), 5);
// AST-NEXT: ::gort::go(see, 1, std::cref(counter), &counter);
// AST-NEXT: ::gort::go(see, 2, std::ref(counter), &counter);
// AST-NEXT: ::gort::go(see_base, 3, std::cref(d), &d);
// AST-NEXT: ::gort::go(see, 4, counter, &counter);

int main() {
  check::start(5);
  int counter = 1;
  Derived d;
  spawn_ref(counter, d);
  check::finish(5);
  std::printf("counter=%d\n", counter);
}
// OUT: 0: bumped [other goroutine]
// OUT-NEXT: 1: shared [other goroutine]
// OUT-NEXT: 2: shared [other goroutine]
// OUT-NEXT: 3: shared [other goroutine]
// A plain argument is still copied at the statement.
// OUT-NEXT: 4: COPY [other goroutine]
// OUT-NEXT: counter=6
