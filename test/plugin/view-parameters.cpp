// A view parameter (a [[gsl::Pointer]] class: std::string_view, std::span,
// a user type with the attribute) never refers into the caller's objects:
// the goroutine gets a decayed copy of the argument as written and makes
// the view itself, as gort::go(f, arg) and std::thread do. Converting in
// the caller made the goroutine read a destroyed temporary (slots 0, 2, 3)
// or the caller's changed object (slots 1, 4). An owning parameter keeps
// the conversion in the caller (slot 5: the buffer is reused right after);
// a view written as a view is passed as it is (slot 6: shared on purpose).
// Every goroutine waits on `gate` until the caller has destroyed or
// overwritten the sources.
// RUN: %gortpp -std=c++23 %s -o %t && %t | FileCheck %s
// RUN: %gortpp -std=c++23 -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=main %s | FileCheck %s --check-prefix=AST
// RUN: not %gortpp -std=c++23 -fsyntax-only -DMUTABLE_SPAN %s 2>&1 | FileCheck %s --check-prefix=SPAN
#include "Inputs/go_check.hpp"
#include <span>
#include <string>
#include <string_view>
#include <vector>

void show(int slot, std::string_view s) { check::record(slot, "show " + std::string(s)); }
void sum(int slot, std::span<const int> v) {
  int t = 0;
  for (int x : v) t += x;
  check::record(slot, "sum " + check::str(t));
}
void show_ref(int slot, const std::string_view &s) { check::record(slot, "ref " + std::string(s)); }
struct [[gsl::Pointer(int)]] IntsView {
  const std::vector<int> *v;
  IntsView(const std::vector<int> &r) : v(&r) {}
};
void first(int slot, IntsView iv) { check::record(slot, "first " + check::str((*iv.v)[0])); }
// Owning parameter: converted in the caller (the buffer is reused after).
void own(int slot, std::string s) { check::record(slot, "own " + s); }

gort::wait_group gate;
void wait_show(int slot, std::string_view s) { gate.wait(); show(slot, s); }
void wait_sum(int slot, std::span<const int> v) { gate.wait(); sum(slot, v); }
void wait_ref(int slot, const std::string_view &s) { gate.wait(); show_ref(slot, s); }
void wait_first(int slot, IntsView iv) { gate.wait(); first(slot, iv); }
void wait_own(int slot, std::string s) { gate.wait(); own(slot, s); }
void fill(std::span<int> v) { v[0] = 1; }

int main() {
  check::start(7);
  gate.add(1);
  // A temporary: destroyed at the end of the statement.
  [[go]] wait_show(0, std::string(40, 'a'));
  std::string junk0(40, 'J'); // reuses the temporary's memory
  std::string name = "caller";
  [[go]] wait_show(1, name);
  name.assign(30, 'X'); // the goroutine has its own copy
  std::vector<int> v{1, 2, 3};
  auto spawn_sum = [&] { [[go]] wait_sum(2, std::vector<int>{10, 20, 30}); };
  spawn_sum();
  std::vector<int> junk2{-1, -1, -1};
  [[go]] wait_ref(3, std::string("by-ref, long enough for the heap"));
  std::string junk3(32, 'J');
  [[go]] wait_first(4, v);
  v[0] = 99;
  char buf[16] = "buffer";
  [[go]] wait_own(5, buf);
  buf[0] = 'Z';
  std::string_view explicit_view = name;
  [[go]] wait_show(6, explicit_view); // a view passed as a view: shared
#ifdef MUTABLE_SPAN
  [[go]] fill(v);
#endif
  gate.done();
  check::finish(7);
}
// CHECK: 0: show aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa [other goroutine]
// CHECK-NEXT: 1: show caller [other goroutine]
// CHECK-NEXT: 2: sum 60 [other goroutine]
// CHECK-NEXT: 3: ref by-ref, long enough for the heap [other goroutine]
// CHECK-NEXT: 4: first 1 [other goroutine]
// CHECK-NEXT: 5: own buffer [other goroutine]
// CHECK-NEXT: 6: show XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX [other goroutine]

// The argument as written goes to gort::go; the owning parameter's
// conversion stays (ast-print shows the converted char array as `buf`).
// AST: ::gort::go(wait_show, 0, std::string(40, 'a'));
// AST: ::gort::go(wait_show, 1, name);
// AST: ::gort::go(wait_sum, 2, std::vector<int>{10, 20, 30});
// AST: ::gort::go(wait_ref, 3, std::string("by-ref, long enough for the heap"));
// AST: ::gort::go(wait_first, 4, v);
// AST: ::gort::go(wait_own, 5, buf);
// AST: ::gort::go(wait_show, 6, explicit_view);

// SPAN: error: {{\[\[go\]\]}} cannot pass this argument to the view parameter 'v' of type 'std::span<int>': the goroutine gets its own copy of the argument (of type 'std::vector<int>') and cannot make the view from it
// SPAN: note: to let the goroutine view the caller's object, make the view at the statement: std::span<int>(...); the object must then outlive the goroutine's use
