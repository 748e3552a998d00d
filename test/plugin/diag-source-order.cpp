// The plugin reports some misuses while Sema parses the statement (not a
// call, a builtin, [[go]] twice) and the rest when it lowers the whole
// function (argument checks, consteval). All of them come out in source
// order, interleaved in order with Clang's own errors, as a compiler's
// errors do: not the parse-time ones of a function first.
// RUN: not %gortpp -fsyntax-only %s 2>&1 | FileCheck %s \
// RUN:   --implicit-check-not=error: --implicit-check-not=warning:
#include <gort/gort.hpp>
#include <initializer_list>

void take_ref(int &r);
void sum(std::initializer_list<int> l);
consteval int answer() { return 42; }
int f();

void misuse(int x) {
  [[go]] take_ref(x);
  // CHECK: diag-source-order.cpp:[[@LINE-1]]:19: error: {{\[\[go\]\]}} cannot pass an argument to the non-const lvalue reference parameter 'r'
  // CHECK-NEXT: [[@LINE-2]] |
  [[go]] x = 1;
  // CHECK: diag-source-order.cpp:[[@LINE-1]]:10: error: expression in {{\[\[go\]\]}} must be a function call
  [[go]] answer();
  // CHECK: diag-source-order.cpp:[[@LINE-1]]:10: error: {{\[\[go\]\]}} cannot spawn a call to the consteval function 'answer'
  undeclared_name();
  // CHECK: diag-source-order.cpp:[[@LINE-1]]:3: error: use of undeclared identifier 'undeclared_name'
  [[go]] __builtin_trap();
  // CHECK: diag-source-order.cpp:[[@LINE-1]]:10: error: {{\[\[go\]\]}} cannot spawn a call to the builtin '__builtin_trap'
  [[go]] sum({1, 2});
  // CHECK: diag-source-order.cpp:[[@LINE-1]]:14: error: {{\[\[go\]\]}} cannot pass an argument to the std::initializer_list parameter 'l'
  [[go]] [[gort::go]] f();
  // CHECK: diag-source-order.cpp:[[@LINE-1]]:12: error: {{\[\[go\]\]}} appears more than once on the same statement
  // CHECK: diag-source-order.cpp:[[@LINE-2]]:5: note: first {{\[\[go\]\]}} is here
  [[go]] return;
  // CHECK: diag-source-order.cpp:[[@LINE-1]]:10: error: expression in {{\[\[go\]\]}} must be a function call
}

// Member functions are parsed at the end of their class and lowered with
// it; the order holds there and across functions.
struct Worker {
  void run(int x) {
    [[go]] take_ref(x);
    // CHECK: diag-source-order.cpp:[[@LINE-1]]:21: error: {{\[\[go\]\]}} cannot pass an argument to the non-const lvalue reference parameter 'r'
    [[go]] x + 1;
    // CHECK: diag-source-order.cpp:[[@LINE-1]]:12: error: expression in {{\[\[go\]\]}} must be a function call
  }
};

namespace ns {
void later(int x) {
  [[go]] answer();
  // CHECK: diag-source-order.cpp:[[@LINE-1]]:10: error: {{\[\[go\]\]}} cannot spawn a call to the consteval function 'answer'
  int y = undeclared_too;
  // CHECK: diag-source-order.cpp:[[@LINE-1]]:11: error: use of undeclared identifier 'undeclared_too'
  [[go]] y;
  // CHECK: diag-source-order.cpp:[[@LINE-1]]:10: error: expression in {{\[\[go\]\]}} must be a function call
}
} // namespace ns
// CHECK: 13 errors generated.
