// A builtin has no address, so it cannot be spawned; a library function that
// Clang also knows as a builtin (printf) can.
// RUN: %gortpp -fsyntax-only -Wno-comment -Xclang -verify %s
#include <cstdio>
#include <gort/gort.hpp>

void caller(int *p) {
  [[go]] __builtin_prefetch(p); // expected-error {{[[go]] cannot spawn a call to the builtin '__builtin_prefetch': a builtin has no address}} \
                                   expected-note {{call a lambda instead}}
  [[go]] std::printf("%d\n", 1);
}
