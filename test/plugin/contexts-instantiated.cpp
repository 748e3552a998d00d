// A [[go]] in code that CodeGen emits without Sema handing it to
// HandleTopLevelDecl: lambdas in instantiated default member initializers
// (class templates, their nested classes, member class templates,
// aggregates), static inline data members, variable templates, default
// arguments, a decltype, a template argument, a default template argument;
// and the contexts that do come as declarations of their own (local
// classes, friends, coroutines). Each call must run on another goroutine;
// before the plugin walked what Sema marks used, the first six ran
// serially, without a word.
// RUN: %gortpp -std=c++23 %s -o %t && %t | FileCheck %s
#include "Inputs/go_check.hpp"
#include <functional>
#include <coroutine>

void hit(int slot, int v) { check::record(slot, "hit " + check::str(v)); }

// 0: lambda in a default member initializer of a class template
template <class T> struct Nsdmi {
  std::function<void()> f = [] { [[go]] hit(0, sizeof(T)); };
};
// 1: nested class of a class template
template <class T> struct Outer {
  struct Inner {
    std::function<void()> f = [] { [[go]] hit(1, sizeof(T)); };
  };
};
// 2: member class template
struct Holder {
  template <class T> struct Member {
    std::function<void()> f = [] { [[go]] hit(2, sizeof(T)); };
  };
};
// 3: aggregate class template (default member initializer, aggregate init)
template <class T> struct Agg {
  int x;
  std::function<void()> f = [] { [[go]] hit(3, sizeof(T)); };
};
// 4: static inline data member of a class template
template <class T> struct Static {
  static inline std::function<void()> f = [] { [[go]] hit(4, sizeof(T)); };
};
// 5: variable template
template <class T> std::function<void()> var_tmpl = [] { [[go]] hit(5, sizeof(T)); };
// 6: default argument of a function template
template <class T> void with_default(std::function<void()> f = [] { [[go]] hit(6, sizeof(T)); }) { f(); }
// 7: generic lambda in an NSDMI of a class template
template <class T> struct GenericNsdmi {
  std::function<void(int)> f = [](auto v) { [[go]] hit(7, v + int(sizeof(T))); };
};
// 8: local class in a function template
template <class T> void local_class() {
  struct L { void run() { [[go]] hit(8, sizeof(T)); } };
  L{}.run();
}
// 9: friend function defined in a class template
template <class T> struct WithFriend {
  friend void run_friend(WithFriend) { [[go]] hit(9, sizeof(T)); }
};
// 10: lambda in decltype, in a class template's alias
template <class T> struct Alias {
  using L = decltype([] { [[go]] hit(10, sizeof(T)); });
};
// 11: a lambda as a non-type template argument
template <auto F> void call_nttp() { F(); }
// 12: coroutine in a template
struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
template <class T> Task coro() { [[go]] hit(12, sizeof(T)); co_return; }
// 13: default template argument lambda
template <class T, class F = decltype([] { [[go]] hit(13, sizeof(T)); })> void default_targ() { F{}(); }
// 14: lambda in a requires-clause's sibling: lambda in a static member function's default argument of a class template
template <class T> struct DefArgMember {
  static void run(std::function<void()> f = [] { [[go]] hit(14, sizeof(T)); }) { f(); }
};
// 15: NSDMI of a class template holding a lambda called in the initializer
template <class T> struct Immediate {
  int v = [] { [[go]] hit(15, sizeof(T)); return 1; }();
};

int main() {
  check::start(16);
  Nsdmi<int>{}.f();
  Outer<int>::Inner{}.f();
  Holder::Member<int>{}.f();
  Agg<int>{1}.f();
  Static<int>::f();
  var_tmpl<int>();
  with_default<int>();
  GenericNsdmi<int>{}.f(1);
  local_class<int>();
  run_friend(WithFriend<int>{});
  Alias<int>::L{}();
  call_nttp<[] { [[go]] hit(11, 4); }>();
  coro<int>();
  default_targ<int>();
  DefArgMember<int>::run();
  (void)Immediate<int>{};
  check::finish(16);
}
// CHECK: 0: hit 4 [other goroutine]
// CHECK: 1: hit 4 [other goroutine]
// CHECK: 2: hit 4 [other goroutine]
// CHECK: 3: hit 4 [other goroutine]
// CHECK: 4: hit 4 [other goroutine]
// CHECK: 5: hit 4 [other goroutine]
// CHECK: 6: hit 4 [other goroutine]
// CHECK: 7: hit 5 [other goroutine]
// CHECK: 8: hit 4 [other goroutine]
// CHECK: 9: hit 4 [other goroutine]
// CHECK: 10: hit 4 [other goroutine]
// CHECK: 11: hit 4 [other goroutine]
// CHECK: 12: hit 4 [other goroutine]
// CHECK: 13: hit 4 [other goroutine]
// CHECK: 14: hit 4 [other goroutine]
// CHECK: 15: hit 4 [other goroutine]
