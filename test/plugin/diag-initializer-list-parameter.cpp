// A std::initializer_list points at a backing array that lives until the
// end of the caller's statement: a goroutine reading it would read a dead
// array (ASan: stack-use-after-scope). [[go]] rejects a std::initializer_list
// parameter, by value or by reference, and suggests an owning container.
// RUN: %gortpp -fsyntax-only -Wno-comment -Xclang -verify %s
// RUN: not %gortpp -fsyntax-only %s 2>&1 | FileCheck %s
#include <gort/gort.hpp>
#include <initializer_list>
#include <string>
#include <vector>

void sum(std::initializer_list<int> values);
void names(int n, const std::initializer_list<std::string> &list);
void owned(std::vector<int> values);
struct Sink {
  void take(std::initializer_list<double>);
};

void caller(Sink sink, void (*fp)(std::initializer_list<int>)) {
  [[go]] sum({1, 2, 3}); // expected-error {{[[go]] cannot pass an argument to the std::initializer_list parameter 'values' of type 'std::initializer_list<int>': the list's elements belong to the caller's statement and are gone when the goroutine reads them}} \
                            expected-note {{take a container that owns its elements, such as std::vector<int>, or build the list inside the goroutine, in a lambda's body}}
  [[go]] names(1, {"a", "b"}); // expected-error {{std::initializer_list parameter 'list'}} expected-note {{std::vector<std::string>}}
  auto list = {4, 5};
  [[go]] sum(list); // expected-error {{std::initializer_list parameter 'values'}} expected-note {{std::vector<int>}}
  [[go]] sink.take({1.5}); // expected-error {{std::initializer_list parameter #1 of type 'std::initializer_list<double>'}} expected-note {{std::vector<double>}}
  [[go]] fp({6}); // expected-error {{std::initializer_list parameter #1}} expected-note {{std::vector<int>}}
  [[go]] [](std::initializer_list<int>) {}({7}); // expected-error {{std::initializer_list parameter}} expected-note {{std::vector<int>}}
  [[go]] owned({1, 2, 3});
  [[go]] [] { sum({1, 2, 3}); }();
}
// CHECK: diag-initializer-list-parameter.cpp:20:14: error: {{\[\[go\]\]}} cannot pass an argument to the std::initializer_list parameter 'values'
// CHECK: note: take a container that owns its elements, such as std::vector<int>
