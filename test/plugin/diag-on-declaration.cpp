// [[go]] on a declaration (in a block or at namespace scope) is an error.
// RUN: %gortpp -fsyntax-only -Wno-comment -Xclang -verify %s
#include <gort/gort.hpp>

int make();
[[go]] void spawned(); // expected-error {{[[go]] applies to a function call statement, not to a declaration}}

void caller() {
  [[go]] int x = make(); // expected-error {{[[go]] applies to a function call statement, not to a declaration}}
  (void)x;
}
