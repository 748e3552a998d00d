// A source compiled by its absolute path (as CMake always compiles) is
// named in a trace by that path as it is, not joined to the compilation
// directory ("/build/dir//home/me/src/x.cpp").
// From a directory that shares nothing with the source's path but "/":
// RUN: mkdir -p %t.dir && cd / && %gortxx -O1 %s -o %t.root
// RUN: not %t.root 2>&1 | FileCheck %s -DFILE=%s
// From an unrelated directory:
// RUN: cd %t.dir && %gortxx -O1 %s -o %t.other
// RUN: not %t.other 2>&1 | FileCheck %s -DFILE=%s
// CHECK: panic: compiled by absolute path
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK-NEXT: throws_here()
// CHECK-NEXT: {{^}}	[[FILE]]:[[#@LINE+6]]{{$}}
// CHECK-NEXT: {{^main$}}
// CHECK-NEXT: {{^}}	[[FILE]]:[[#@LINE+7]]{{$}}
#include <gort/gort.hpp>
#include <stdexcept>

[[gnu::noinline]] void throws_here() { throw std::runtime_error("compiled by absolute path"); }

int main() {
  throws_here();
  return 0;
}
