// A qualified call of a virtual function is non-virtual; &Base::m would
// dispatch virtually, so [[go]] refuses it rather than change the callee.
// RUN: %gortpp -fsyntax-only -Wno-comment -Xclang -verify %s
#include <gort/gort.hpp>

struct Base {
  virtual void run();
  void plain();
  virtual void stop();
};
struct Derived : Base {
  void run() override {
    [[go]] Base::run(); // expected-error {{[[go]] cannot spawn the qualified, non-virtual call of the virtual function 'run'}} \
                           expected-note {{call a lambda instead}}
    [[go]] Base::plain();
    [[go]] stop();
  }
};
