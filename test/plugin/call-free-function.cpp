// A free function call, overloaded, templated or with default arguments,
// becomes ::gort::go(function, arguments...): the overload and the template
// specialization chosen by Sema are kept, default arguments are evaluated in
// the caller, and the arguments are captured at the statement.
// RUN: %gortpp -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=spawn_all %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp -O0 -S -emit-llvm -o - %s | llvm-cxxfilt | FileCheck %s --check-prefix=IR
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"

int next_default() { return 42; }
void work(int slot, std::string s, int d = next_default()) {
  check::record(slot, s + " " + check::str(d));
}
void work(int slot, double v) { check::record(slot, "double " + check::str(v)); }
template <class T> void generic(int slot, T v) {
  check::record(slot, "generic " + check::str(sizeof(T)) + " " + check::str(v));
}

void spawn_all(int &x, std::string &s) {
  [[go]] work(0, s, x);
  [[go]] work(1, s);
  [[go]] work(2, 0.5);
  [[go]] generic(3, x);
  [[go]] generic<long>(4, x);
}
// AST-LABEL: void spawn_all(int &x, std::string &s) {
// AST-NEXT: ::gort::go(work, 0, s, x);
// The AST printer shows a default argument (evaluated in the caller, see the
// IR's call of next_default) as nothing: `s, )`.
// AST-NEXT: ::gort::go(work, 1, s, );
// AST-NEXT: ::gort::go(work, 2, 0.5);
// AST-NEXT: ::gort::go(generic, 3, x);
// AST-NEXT: ::gort::go(generic<long>, 4, x);
// AST-NEXT: }

// IR-LABEL: define {{.*}} @spawn_all(
// IR-NOT: call {{.*}}@work(
// IR: {{(call|invoke)}} void @void gort::go<void (*)(int, std::{{.*}}basic_string<{{.*}}>, int), int, std::{{.*}}basic_string<{{.*}}>, int>(
// IR: call {{.*}}@next_default()
// IR: {{(call|invoke)}} void @void gort::go<void (*)(int, std::{{.*}}basic_string<{{.*}}>, int), int, std::{{.*}}basic_string<{{.*}}>, int>(
// IR: {{(call|invoke)}} void @void gort::go<void (*)(int, double), int, double>(
// IR: {{(call|invoke)}} void @void gort::go<void (*)(int, int), int, int>(
// IR: {{(call|invoke)}} void @void gort::go<void (*)(int, long), int, long>(
// IR-NOT: call {{.*}}@work(
// IR-NOT: call {{.*}}@void generic<
// IR: ret void

int main() {
  check::start(5);
  int x = 1;
  std::string s = "before";
  spawn_all(x, s);
  x = 2;
  s = "after";
  check::finish(5);
}
// OUT: 0: before 1 [other goroutine]
// OUT: 1: before 42 [other goroutine]
// OUT: 2: double 0.500000 [other goroutine]
// OUT: 3: generic 4 1 [other goroutine]
// OUT: 4: generic 8 1 [other goroutine]
