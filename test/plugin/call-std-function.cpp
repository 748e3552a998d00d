// A std::function is copied at the statement: reassigning it afterwards does
// not change what the goroutine calls.
// RUN: %gortpp -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=spawn_function %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"
#include <functional>

void spawn_function(std::function<void(int, std::string)> &fn) {
  [[go]] fn(0, "arg");
  fn = [](int slot, std::string) { check::record(slot, "replacement"); };
}
// AST-LABEL: void spawn_function(std::function<void (int, std::string)> &fn) {
// AST-NEXT: ::gort::go(&std::function<void (int, std::basic_string<char>)>::operator(), fn, 0, "arg");

int main() {
  check::start(1);
  std::function<void(int, std::string)> fn = [](int slot, std::string s) { check::record(slot, "original " + s); };
  spawn_function(fn);
  check::finish(1);
}
// OUT: 0: original arg [other goroutine]
