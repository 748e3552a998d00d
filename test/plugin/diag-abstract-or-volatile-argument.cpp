// Two arguments the goroutine cannot hold, each reported at the statement
// with what to change (before, gort::go's static_assert said "neither
// copyable nor movable" / "cannot be called with the copied arguments"):
// an object of an abstract class bound to a const reference (no copy of
// an abstract class can be made: share it with std::cref or pass the
// derived object), a function object seen through an abstract base (it is
// copied: call its operator() as a member), and a `const volatile T&` parameter (it cannot bind the
// goroutine's copy). A call *through* an abstract base is fine: the
// receiver is passed by pointer.
// RUN: %gortpp -fsyntax-only -Wno-comment -Xclang -verify %s
// RUN: not %gortpp -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <functional>
#include <gort/gort.hpp>

struct Shape {
  virtual ~Shape() = default;
  virtual void draw() const = 0;
};
struct Square : Shape {
  void draw() const override {}
};
void show(const Shape &shape);
struct Action {
  virtual ~Action() = default;
  virtual void operator()(int) const = 0;
};
void watch(const volatile int &flag);

void call_action(const Action &act) {
  [[go]] act(1); // expected-error {{[[go]] cannot copy the function object of the abstract class type 'Action' into the goroutine: a call through a function object copies it}} \
                    expected-note {{to share the caller's object, call its member operator() instead: [[go]] f.operator()(...); (the object must outlive the call), or call through a lambda}}
  [[go]] act.operator()(2); // the receiver by pointer
}

void caller(const Shape &s, Shape *p, Square sq) {
  [[go]] show(s); // expected-error {{[[go]] cannot copy this argument of the abstract class type 'Shape' into the goroutine (for the parameter 'shape' of type 'const Shape &'): every argument is copied, and the object's complete type is not known here}} \
                     expected-note {{pass std::cref(...) to share the caller's object with the goroutine (it must outlive the call), or pass the derived object itself}}
  [[go]] show(*p); // expected-error {{abstract class type 'Shape'}} expected-note {{std::cref}}
  [[go]] show(std::cref(s));
  [[go]] show(sq); // the Square is copied whole
  [[go]] s.draw(); // through the abstract base: the receiver by pointer
  [[go]] p->draw();
  int flag = 0;
  [[go]] watch(flag); // expected-error {{[[go]] cannot pass an argument to the volatile reference parameter 'flag' of type 'const volatile int &': it cannot bind the goroutine's copy of the argument}} \
                         expected-note {{pass std::ref(...) to let the goroutine refer to the caller's object, or take the parameter by value}}
  [[go]] watch(std::ref(flag));
}
// CHECK: fix-it:"{{.*}}":{[[@LINE-12]]:15-[[@LINE-12]]:15}:"std::cref("
// CHECK: fix-it:"{{.*}}":{[[@LINE-13]]:16-[[@LINE-13]]:16}:")"
// CHECK: fix-it:"{{.*}}":{[[@LINE-6]]:16-[[@LINE-6]]:16}:"std::ref("
