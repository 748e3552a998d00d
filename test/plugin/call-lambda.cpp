// A lambda call spawns the closure: a lambda-expression is moved into the
// goroutine, a named lambda is copied (its captures are taken at the
// statement), and a generic lambda keeps the specialization Sema chose.
// RUN: %gortpp -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=spawn_lambdas %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp -O0 -S -emit-llvm -o - %s | llvm-cxxfilt | FileCheck %s --check-prefix=IR
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"

void spawn_lambdas(std::string &s) {
  [[go]] [=] { check::record(0, "inline " + s); }();
  auto named = [s](int slot) { check::record(slot, "named " + s); };
  [[go]] named(1);
  auto generic = [](int slot, auto v) { check::record(slot, "generic " + check::str(v)); };
  [[go]] generic(2, 2.5);
}
// AST-LABEL: void spawn_lambdas(std::string &s) {
// AST: ::gort::go([=] {
// AST: ::gort::go(named, 1);
// AST: ::gort::go(&(lambda at {{.*}})::operator(), generic, 2, 2.5);

// IR-LABEL: define {{.*}} @spawn_lambdas(
// IR-NOT: call {{.*}}spawn_lambdas{{.*}}::operator()
// IR: {{(call|invoke)}} void @"void gort::go<spawn_lambdas({{.*}})::$_{{[0-9]+}}>(
// IR: {{(call|invoke)}} void @"void gort::go<spawn_lambdas({{.*}})::$_{{[0-9]+}}&, int>(
// IR: {{(call|invoke)}} void @"void gort::go<void (spawn_lambdas({{.*}})::$_{{[0-9]+}}::*)(int, double) const, spawn_lambdas({{.*}})::$_{{[0-9]+}}&, int, double>(
// IR-NOT: call {{.*}}spawn_lambdas{{.*}}::operator()
// IR: ret void

int main() {
  check::start(3);
  std::string s = "before";
  spawn_lambdas(s);
  s = "after";
  check::finish(3);
}
// OUT: 0: inline before [other goroutine]
// OUT: 1: named before [other goroutine]
// OUT: 2: generic 2.500000 [other goroutine]
