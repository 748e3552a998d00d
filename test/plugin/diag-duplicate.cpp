// [[go]] given twice on one statement, in either spelling, is an error.
// RUN: %gortpp -fsyntax-only -Wno-comment -Xclang -verify %s
#include <gort/gort.hpp>

void work();

void caller() {
  [[go]] [[gort::go]] work(); // expected-error {{[[go]] appears more than once on the same statement}} \
                                 expected-note@-0 {{first [[go]] is here}}
  [[go, go]] work(); // expected-error {{appears more than once}} expected-note {{first [[go]] is here}}
  [[gort::go]] work();
}
