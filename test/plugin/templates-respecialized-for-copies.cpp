// A function template whose parameter binds the caller's object in the
// plain call is re-specialized for the goroutine's copies (Go semantics:
// arguments are copied at the statement). A forwarding reference given an
// lvalue (Sema: show<int&>) calls show<int>, whose int&& binds the
// goroutine's own copy; a `const T&` given a string literal (Sema: T =
// char[6]) calls log<const char*>. Generic lambdas (`auto&&`, `const
// auto&`), member templates and packs follow the same rule; explicit
// template arguments are kept.
// RUN: %gortpp -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=spawn_templates %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
// RUN: not %gortpp -fsyntax-only -DEXPLICIT_LVALUE %s 2>&1 | FileCheck %s --check-prefix=EXPLICIT
// RUN: not %gortpp -fsyntax-only -DARRAY_PARAMETER %s 2>&1 | FileCheck %s --check-prefix=ARRAY
#include "Inputs/go_check.hpp"

template <class T> void show(int slot, T &&v, const int *caller) {
  check::record(slot, "show " + check::str(v) +
                          (&v == caller ? " SHARED" : " own copy"));
}
template <class T> void log(int slot, const T &text) {
  check::record(slot, std::string("log ") + text);
}
template <class... Ts> void count(int slot, Ts &&...) {
  check::record(slot, "count " + check::str(sizeof...(Ts)));
}
struct Printer {
  template <class T> void print(int slot, T &&v) {
    check::record(slot, "print " + check::str(v));
  }
};

void spawn_templates(int &x, Printer &printer) {
  auto forward = [](int slot, auto &&v) {
    check::record(slot, "lambda " + check::str(v));
  };
  auto literal = [](int slot, const auto &s) {
    check::record(slot, std::string("lambda ") + s);
  };
  [[go]] show(0, x, &x);
  [[go]] log(1, "hello");
  [[go]] count(2, x, x, "three");
  [[go]] printer.print(3, x);
  [[go]] forward(4, x);
  [[go]] literal(5, "world");
#ifdef EXPLICIT_LVALUE
  [[go]] show<int &>(6, x, &x);
#endif
#ifdef ARRAY_PARAMETER
  // Not a template: nothing to re-deduce; gort::go's static_assert says why.
  void fixed(const char(&)[6]);
  [[go]] fixed("hello");
#endif
  x = 100; // the goroutines got copies made at the statement
}
// AST-LABEL: void spawn_templates(int &x, Printer &printer) {
// AST: ::gort::go(show<int>, 0, x, &x);
// AST-NEXT: ::gort::go(log<const char *>, 1, "hello");
// AST-NEXT: ::gort::go(count<int, int, const char *>, 2, x, x, "three");
// AST-NEXT: ::gort::go(&Printer::print, &printer, 3, x);
// AST-NEXT: ::gort::go(&(lambda at {{.*}})::operator(), forward, 4, x);
// AST-NEXT: ::gort::go(&(lambda at {{.*}})::operator(), literal, 5, "world");
// ARRAY: static assertion failed due to requirement 'callable': gort::go: the function cannot be called with the copied arguments as rvalues (decay-copied: an array or string literal becomes a pointer)
// EXPLICIT: error: {{\[\[go\]\]}} cannot pass an argument to the non-const lvalue reference parameter 'v' of type 'int &'

int main() {
  check::start(6);
  int x = 7;
  Printer printer;
  spawn_templates(x, printer);
  check::finish(6);
}
// OUT: 0: show 7 own copy [other goroutine]
// OUT-NEXT: 1: log hello [other goroutine]
// OUT-NEXT: 2: count 3 [other goroutine]
// OUT-NEXT: 3: print 7 [other goroutine]
// OUT-NEXT: 4: lambda 7 [other goroutine]
// OUT-NEXT: 5: lambda world [other goroutine]
