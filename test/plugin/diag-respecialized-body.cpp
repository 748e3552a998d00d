// A function template re-specialized for the goroutine's copies
// (templates-respecialized-for-copies.cpp) whose body does not compile for
// the copies' types: `"x"` given to `const T&` deduces T = char[2], the
// goroutine holds a `const char*`, and put_value<const char*, Tr<char[2]>>
// calls Tr<char[2]>::put(const char(&)[2]) with a pointer. The error is
// reported at the statement, with what to write instead, and no error
// leaks from inside the template (before, the only error pointed into
// put_value's body). A body that compiles for the copies is lowered.
// RUN: %gortpp -fsyntax-only -Wno-comment -Xclang -verify %s
#include <gort/gort.hpp>
#include <string>

template <class E> struct Tr {
  void put(const E &) {}
};
template <class T, class X> void put_value(const T &v, X tr) { tr.put(v); }
template <class T> void log_value(const T &v) { std::string s(v); }

void caller() {
  [[go]] put_value("x", Tr<char[2]>{}); // expected-error {{[[go]] cannot call 'put_value<char[2], Tr<char[2]>>' with the goroutine's copies of the arguments: the copies are decayed rvalues, and the body of 'put_value<const char *, Tr<char[2]>>' does not compile}} \
                                           expected-note {{pass arguments whose copies keep their types (a std::string instead of a string literal, for example), or call it from a lambda, which keeps the call as written: [[go]] [=] { ... }();}}
  [[go]] [] { put_value("x", Tr<char[2]>{}); }();
  [[go]] put_value(std::string("x"), Tr<std::string>{});
  [[go]] log_value("fine");
}
