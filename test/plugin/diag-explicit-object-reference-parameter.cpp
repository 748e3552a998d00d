// C++23 explicit object members: the object parameter is the receiver (a
// reference shares the object), but the other parameters follow the usual
// rule, counted after the object parameter, also for an explicit object
// operator(). Called through a pointer, `(&C::m)(obj, ...)` is a plain
// function call and its object an ordinary argument.
// RUN: %gortpp -std=c++23 -fsyntax-only -Xclang -verify %s
#include <gort/gort.hpp>

struct Acc {
  void into(this Acc& self, int& out);
  void read(this const Acc& self, const int& in);
  void operator()(this const Acc& self, int& out);
};

void caller(Acc& acc) {
  int n = 0;
  [[go]] acc.into(n); // expected-error {{non-const lvalue reference parameter 'out'}} expected-note {{std::ref}}
  [[go]] acc(n);      // expected-error {{non-const lvalue reference parameter 'out'}} expected-note {{std::ref}}
  [[go]] acc.into(std::ref(n));
  [[go]] acc.read(n);
  [[go]] acc(std::ref(n));
  // Through a pointer it is a plain function call: no receiver rule.
  [[go]] (&Acc::into)(acc, std::ref(n)); // expected-error {{non-const lvalue reference parameter 'self'}} expected-note {{std::ref}}
  [[go]] (&Acc::into)(std::ref(acc), std::ref(n));
}
