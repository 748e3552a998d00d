// C++23 explicit object member functions (deducing this) are not spawned
// yet: an error pointing at the lambda form, never a silent serial call.
// RUN: %gortpp -std=c++23 -fsyntax-only -Xclang -verify %s
#include <gort/gort.hpp>

struct Counter {
  void add(this Counter self, int n);
};

void caller(Counter c) {
  [[go]] c.add(1); // expected-error {{[[go]] does not support the explicit object member function 'add' yet}}
                   // expected-note@-1 {{call a lambda instead}}
}
