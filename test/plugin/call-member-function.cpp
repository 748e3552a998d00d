// A member call becomes ::gort::go(&Class::method, receiver, arguments...):
// a named receiver is passed by pointer (obj.m: &obj; p->m: p; implicit this:
// this), the overload chosen by Sema is kept and virtual dispatch happens in
// the goroutine.
// RUN: %gortpp -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=Worker::spawn_all %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp -O0 -S -emit-llvm -o - %s | llvm-cxxfilt | FileCheck %s --check-prefix=IR
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"

struct Base {
  virtual ~Base() = default;
  virtual void run(int slot, int x) { check::record(slot, "Base::run " + check::str(x)); }
};
struct Worker : Base {
  std::string name = "worker";
  void run(int slot, int x) override { check::record(slot, name + " run " + check::str(x)); }
  void take(int slot, long x) const { check::record(slot, name + " take long " + check::str(x)); }
  void take(int slot, std::string s) const { check::record(slot, name + " take string " + s); }
  void spawn_all(Worker &other, Base *base, int x);
};

void Worker::spawn_all(Worker &other, Base *base, int x) {
  [[go]] other.run(0, x);
  [[go]] base->run(1, x);
  [[go]] run(2, x);
  [[go]] take(3, x);
  [[go]] this->take(4, "text");
}
// AST-LABEL: void Worker::spawn_all(Worker &other, Base *base, int x) {
// AST-NEXT: ::gort::go(&Worker::run, &other, 0, x);
// AST-NEXT: ::gort::go(&Base::run, base, 1, x);
// AST-NEXT: ::gort::go(&Worker::run, this, 2, x);
// AST-NEXT: ::gort::go(&Worker::take, this, 3, x);
// AST-NEXT: ::gort::go(&Worker::take, this, 4, "text");
// AST-NEXT: }

// IR-LABEL: define {{.*}} @Worker::spawn_all(
// IR-NOT: call {{.*}}@Worker::run(
// IR: call void @void gort::go<void (Worker::*)(int, int), Worker*, int, int>(
// IR: call void @void gort::go<void (Base::*)(int, int), Base*, int, int>(
// IR: call void @void gort::go<void (Worker::*)(int, int), Worker*, int, int>(
// IR: call void @void gort::go<void (Worker::*)(int, long) const, Worker const*, int, long>(
// IR: {{(call|invoke)}} void @void gort::go<void (Worker::*)(int, std::{{.*}}) const, Worker const*, int, std::{{.*}}>(
// IR-NOT: call {{.*}}@Worker::
// IR: ret void

int main() {
  check::start(5);
  Worker self, other;
  other.name = "other";
  Worker derived;
  derived.name = "derived";
  self.spawn_all(other, &derived, 7);
  check::finish(5);
}
// OUT: 0: other run 7 [other goroutine]
// OUT: 1: derived run 7 [other goroutine]
// OUT: 2: worker run 7 [other goroutine]
// OUT: 3: worker take long 7 [other goroutine]
// OUT: 4: worker take string text [other goroutine]
