// A non-const lvalue reference parameter cannot see the caller's object
// (every argument is copied into the goroutine): an error whose note offers
// std::ref as a fix-it. std::ref, const references and pointers are fine.
// RUN: %gortpp -fsyntax-only -Wno-comment -Xclang -verify %s
// RUN: not %gortpp -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <functional>
#include <gort/gort.hpp>

void bump(int &counter);
void read(const int &value);
void add(int *counter);
struct Acc {
  void into(int &out);
};

void caller(Acc acc, std::function<void(int &)> fn, void (*fp)(int &)) {
  int n = 0;
  [[go]] bump(n); // expected-error {{[[go]] cannot pass an argument to the non-const lvalue reference parameter 'counter' of type 'int &': every argument is copied into the goroutine}} \
                     expected-note {{pass std::ref(...) to share the caller's object with the goroutine, or pass a pointer}}
  [[go]] acc.into(n); // expected-error {{non-const lvalue reference parameter 'out'}} expected-note {{std::ref}}
  [[go]] fp(n); // expected-error {{non-const lvalue reference parameter #1 of type 'int &'}} expected-note {{std::ref}}
  [[go]] fn(n); // expected-error {{non-const lvalue reference parameter}} expected-note {{std::ref}}
  [[go]] bump(std::ref(n));
  [[go]] read(n);
  [[go]] add(&n);
}
// CHECK: fix-it:"{{.*}}diag-nonconst-lvalue-ref.cpp":{[[LINE:[0-9]+]]:15-[[LINE]]:15}:"std::ref("
// CHECK: fix-it:"{{.*}}diag-nonconst-lvalue-ref.cpp":{[[LINE]]:16-[[LINE]]:16}:")"
