// A template is checked per instantiation: the error names the instantiation
// that breaks the rule, and the other instantiation is lowered.
// RUN: %gortpp -fsyntax-only -Wno-comment -Xclang -verify %s
#include <gort/gort.hpp>

template <class T> void consume(T value);
void consume_ref(int &value);

template <class T> void spawn(T value) {
  [[go]] consume_ref(value); // expected-error {{non-const lvalue reference parameter 'value' of type 'int &'}} \
                                expected-note {{std::ref}}
}
template <class T> void fine(T value) { [[go]] consume(value); }

void caller() {
  spawn(1); // expected-note {{in instantiation of function template specialization 'spawn<int>' requested here}}
  fine(1);
  fine(2.0);
}
