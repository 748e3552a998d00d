// [[go]] lowers to ::gort::go, so like a Go import, <gort/gort.hpp> must be
// included before the statement; the note carries the #include as a fix-it.
// RUN: %gortpp -fsyntax-only -Wno-comment -Xclang -verify %s
// RUN: not %gortpp -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
void work(int);

void caller() {
  [[go]] work(1); // expected-error {{[[go]] needs <gort/gort.hpp>: ::gort::go is not declared here}} \
                     expected-note {{include <gort/gort.hpp> at the top of the file}}
}
// CHECK: fix-it:"{{.*}}diag-missing-header.cpp":{1:1-1:1}:"#include <gort/gort.hpp>\n"
