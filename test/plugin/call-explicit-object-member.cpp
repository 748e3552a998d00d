// A C++23 explicit object member function (deducing this) is spawned like
// Go's method call: the object parameter decides the receiver. By value (a
// value receiver) the object is copied at the statement; by lvalue
// reference (a pointer receiver) the goroutine shares the named object,
// passed as std::ref / std::cref; a temporary or std::move'd receiver is
// moved in. A deduced `this Self&& self` keeps the specialization Sema
// chose.
// RUN: %gortpp -std=c++23 -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=spawn_all %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp -std=c++23 -O0 -S -emit-llvm -o - %s | llvm-cxxfilt | FileCheck %s --check-prefix=IR
// RUN: %gortpp -std=c++23 %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"

#include <type_traits>
#include <utility>

struct Counter;
const void* caller_object = nullptr;
// Whether a receiver is the caller's object itself (shared) or a copy.
std::string which(const Counter* self) { return self == caller_object ? " shared" : " copy"; }

struct Counter {
  int n = 0;
  void add(this Counter self, int slot, int k) {
    check::record(slot, "add self.n=" + check::str(self.n) + " k=" + check::str(k) + which(&self));
  }
  void bump(this Counter& self, int slot, int k) {
    self.n += k;
    check::record(slot, "bump n=" + check::str(self.n));
  }
  void peek(this const Counter& self, int slot) {
    check::record(slot, "peek n=" + check::str(self.n) + which(&self));
  }
  void take(this Counter&& self, int slot) {
    check::record(slot, "take n=" + check::str(self.n));
  }
  template <class Self> void gen(this Self&& self, int slot) {
    check::record(slot, std::string(std::is_lvalue_reference_v<Self> ? "gen lvalue" : "gen rvalue") +
                            " n=" + check::str(self.n) + which(&self));
  }
};
Counter make(int n) { return Counter{n}; }

// A derived object shares its base part with a `this const Base&` member.
struct Tagged : Counter {
  int tag = 8;
};
// Explicit object operator(): a functor and a lambda.
const void* op_home = nullptr;
const void* lambda_home = nullptr;
struct Op {
  int n = 3;
  void operator()(this const Op& self, int slot) {
    check::record(slot, "op n=" + check::str(self.n) +
                            (static_cast<const void*>(&self) == op_home ? " shared" : " copy"));
  }
};

void spawn_all(Counter& c, Counter* p, int k) {
  [[go]] c.add(0, k);
  [[go]] p->bump(1, k);
  [[go]] make(40).add(2, k);
  [[go]] std::move(c).take(3);
  [[go]] make(50).gen(4);
}
// AST-LABEL: void spawn_all(Counter &c, Counter *p, int k) {
// AST-NEXT: ::gort::go(&Counter::add, c, 0, k);
// AST-NEXT: ::gort::go(&Counter::bump, ::std::ref(*p), 1, k);
// AST-NEXT: ::gort::go(&Counter::add, make(40), 2, k);
// AST-NEXT: ::gort::go(&Counter::take, std::move(c), 3);
// AST-NEXT: ::gort::go(&Counter::gen, make(50), 4);
// AST-NEXT: }

// IR-LABEL: define {{.*}} @spawn_all(
// IR-NOT: call {{.*}}@Counter::
// IR: call void @void gort::go<void (*)(Counter, int, int), Counter, int, int>(
// IR: call void @void gort::go<void (*)(Counter&, int, int), std::reference_wrapper<Counter>, int, int>(
// IR: call void @void gort::go<void (*)(Counter, int, int), Counter, int, int>(
// IR: call void @void gort::go<void (*)(Counter&&, int), Counter, int>(
// IR: call void @void gort::go<void (*)(Counter&&, int), Counter, int>(
// IR-NOT: call {{.*}}@Counter::
// IR: ret void
// IR: call void @void gort::go<void (*)(Counter const&, int), std::reference_wrapper<Counter const>, int>(
// IR: call void @void gort::go<void (*)(Counter&, int), std::reference_wrapper<Counter>, int>(

// Receivers by lvalue reference are the caller's object; by value, a copy;
// a temporary bound to `this const Counter&` is moved in, never shared.
void shared_receivers(Counter& c) {
  [[go]] c.peek(0);
  [[go]] c.gen(1);
  [[go]] c.add(2, 0);
  [[go]] make(60).peek(3);
}

int main() {
  check::start(5);
  Counter c{1};
  Counter other{20};
  spawn_all(c, &other, 3);
  c.n = 99;  // after the statements: add got a copy of n=1
  check::finish(5);
  // bump's goroutine changes the caller's object.
  Counter s{7};
  check::start(1);
  [[go]] s.bump(0, 10);
  check::finish(1);
  std::printf("caller sees n=%d\n", s.n);
  caller_object = &s;
  check::start(4);
  shared_receivers(s);
  check::finish(4);

  Tagged t;
  t.n = 70;
  caller_object = static_cast<Counter*>(&t);
  check::start(1);
  [[go]] t.peek(0);
  check::finish(1);

  Op op;
  op_home = &op;
  auto lam = [](this auto& self, int slot) {
    check::record(slot, std::string("lambda ") +
                            (static_cast<const void*>(&self) == lambda_home ? "shared" : "copy"));
  };
  lambda_home = &lam;
  check::start(3);
  [[go]] op(0);
  [[go]] Op{9}(1);
  [[go]] lam(2);
  check::finish(3);
}
// OUT: 0: add self.n=1 k=3 copy [other goroutine]
// OUT: 1: bump n=23 [other goroutine]
// OUT: 2: add self.n=40 k=3 copy [other goroutine]
// OUT: 3: take n=1 [other goroutine]
// OUT: 4: gen rvalue n=50 copy [other goroutine]
// OUT: 0: bump n=17 [other goroutine]
// OUT: caller sees n=17
// OUT: 0: peek n=17 shared [other goroutine]
// OUT: 1: gen lvalue n=17 shared [other goroutine]
// OUT: 2: add self.n=17 k=0 copy [other goroutine]
// OUT: 3: peek n=60 copy [other goroutine]
// OUT: 0: peek n=70 shared [other goroutine]
// OUT: 0: op n=3 shared [other goroutine]
// OUT: 1: op n=9 copy [other goroutine]
// OUT: 2: lambda shared [other goroutine]
