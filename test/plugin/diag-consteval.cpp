// A consteval function is evaluated at compile time and no code is emitted
// for it: spawning it would take its address and fail to link (undefined
// reference). [[go]] rejects it at the statement instead, with a hint.
// RUN: %gortpp -fsyntax-only -Wno-comment -Xclang -verify %s
// RUN: not %gortpp -fsyntax-only %s 2>&1 | FileCheck %s
#include <gort/gort.hpp>

consteval int answer() { return 42; }
struct S {
  static consteval int zero() { return 0; }
  consteval int one() const { return 1; }
};
template <class T> consteval T twice(T v) { return v + v; }
// Calls a consteval function with its own parameter, so it escalates to
// an immediate function (C++23 P2564) for every specialization.
template <class T> constexpr T escalated(T v) { return twice(v); }
constexpr int runtime_ok() { return 3; }

void caller(S s) {
  [[go]] answer(); // expected-error {{[[go]] cannot spawn a call to the consteval function 'answer': it is evaluated at compile time and has no address to call in a goroutine}} \
                      expected-note {{evaluate it in the caller, or call it from a lambda: [[go]] [=] { ... }();}}
  [[go]] S::zero(); // expected-error {{consteval function 'zero'}} expected-note {{lambda}}
  [[go]] s.one(); // expected-error {{consteval function 'one'}} expected-note {{lambda}}
  [[go]] twice(2); // expected-error {{consteval function 'twice<int>'}} expected-note {{lambda}}
  [[go]] escalated(2); // expected-error {{consteval function 'escalated<int>'}} expected-note {{lambda}}
  [[go]] []() consteval { return 4; }(); // expected-error {{consteval function 'operator()'}} expected-note {{lambda}}
  [[go]] runtime_ok();
  // Only a rejected [[go]] loses Sema's -Wunused-value warnings (none above);
  // this statement is lowered, and the unused result in the lambda's body
  // is a warning of its own.
  [[go]] [] { answer(); }(); // expected-warning {{expression result unused}}
}
// CHECK: diag-consteval.cpp:20:10: error: {{\[\[go\]\]}} cannot spawn a call to the consteval function 'answer'
// CHECK: diag-consteval.cpp:20:10: note: evaluate it in the caller, or call it from a lambda
