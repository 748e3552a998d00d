// [[go]] applies only to a statement that calls a function; anything else is
// an error with a note that shows the lambda form.
// RUN: %gortpp -fsyntax-only -Wno-comment -Xclang -verify %s
#include <gort/gort.hpp>

struct Vec {
  Vec operator+(const Vec &) const;
};
struct Node {
  ~Node();
};
int f();

int not_a_call(int x, Vec a, Vec b, Node *n) {
  [[go]] x = 1; // expected-error {{expression in [[go]] must be a function call}} \
                   expected-note {{call a lambda: [[go]] [=] { ... }();}}
  [[go]] a + b; // expected-error {{expression in [[go]] must be a function call}} \
                   expected-note {{an overloaded operator is not spawned as a call}} \
                   expected-note {{call a lambda}}
  [[go]] n->~Node(); // expected-error {{expression in [[go]] must be a function call}} \
                        expected-note {{a destructor call cannot run in a goroutine}} \
                        expected-note {{call a lambda}}
  [[go]] (void)f(); // expected-error {{expression in [[go]] must be a function call}} \
                       expected-note {{call a lambda}}
  [[go]] { f(); } // expected-error {{expression in [[go]] must be a function call}} \
                     expected-note {{applies to an expression statement}} \
                     expected-note {{call a lambda}}
  [[go]] return f(); // expected-error {{expression in [[go]] must be a function call}} \
                        expected-note {{applies to an expression statement}} \
                        expected-note {{call a lambda}}
}

template <class T> void in_template(T t) {
  [[go]] t = T(); // expected-error {{expression in [[go]] must be a function call}} \
                     expected-note {{call a lambda}}
}
