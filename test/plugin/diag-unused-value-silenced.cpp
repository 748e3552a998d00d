// A [[go]] statement that is an error gets the plugin's error alone: Sema's
// -Wunused-value warnings about the same statement ("expression result
// unused", an unused comparison, an unused consteval result) would only be
// noise next to it. The same expressions without [[go]] still warn, once
// each, in the same function.
// RUN: not %gortpp -fsyntax-only %s 2>&1 | FileCheck %s \
// RUN:   --implicit-check-not=error: --implicit-check-not=warning:
// -Werror=unused-value makes them errors; they are dropped all the same.
// RUN: not %gortpp -fsyntax-only -Werror=unused-value %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WERROR
#include <gort/gort.hpp>

consteval int answer() { return 42; }
int f();

// (Clang gives "expression result unused" at the end of the function, once
// it knows that the statement is reachable: one function per pair.)
void literal() {
  [[go]] 42;
  // CHECK: diag-unused-value-silenced.cpp:[[@LINE-1]]:10: error: expression in {{\[\[go\]\]}} must be a function call
  42;
  // CHECK: diag-unused-value-silenced.cpp:[[@LINE-1]]:3: warning: expression result unused [-Wunused-value]
  [[go]] f(); // a valid call: lowered, nothing to report
}

void comparison(int x) {
  [[go]] x == 1;
  // CHECK: diag-unused-value-silenced.cpp:[[@LINE-1]]:10: error: expression in {{\[\[go\]\]}} must be a function call
  x == 1;
  // CHECK: diag-unused-value-silenced.cpp:[[@LINE-1]]:5: warning: equality comparison result unused [-Wunused-comparison]
}

// Reported when the function is lowered, after Sema's warning.
void immediate() {
  [[go]] answer();
  // CHECK: diag-unused-value-silenced.cpp:[[@LINE-1]]:10: error: {{\[\[go\]\]}} cannot spawn a call to the consteval function 'answer'
  answer();
  // CHECK: diag-unused-value-silenced.cpp:[[@LINE-1]]:3: warning: expression result unused [-Wunused-value]
}

void twice(int x) {
  [[go]] [[gort::go]] x + 1;
  // CHECK: diag-unused-value-silenced.cpp:[[@LINE-1]]:12: error: {{\[\[go\]\]}} appears more than once on the same statement
  // CHECK: diag-unused-value-silenced.cpp:[[@LINE-2]]:23: error: expression in {{\[\[go\]\]}} must be a function call
}

// A lambda's body is a function of its own: its warnings stay.
void nested_body() {
  [[go]] [] { 42; return 1; }() + 1;
  // CHECK: diag-unused-value-silenced.cpp:[[@LINE-1]]:10: error: expression in {{\[\[go\]\]}} must be a function call
  // CHECK: diag-unused-value-silenced.cpp:[[@LINE-2]]:15: warning: expression result unused [-Wunused-value]
}

// In a template, a statement that is not a call is reported at the
// definition; its instantiation adds nothing.
template <class T> void in_template(T t) {
  [[go]] t;
  // CHECK: diag-unused-value-silenced.cpp:[[@LINE-1]]:10: error: expression in {{\[\[go\]\]}} must be a function call
  t;
  // CHECK: diag-unused-value-silenced.cpp:[[@LINE-1]]:3: warning: expression result unused [-Wunused-value]
}
template void in_template<int>(int);
// CHECK: 5 warnings and 7 errors generated.

// WERROR-COUNT-5: error: {{.*}} result unused [-Werror,
// WERROR-NOT: result unused
// WERROR: 12 errors generated.
