// A function built without -fsplit-stack, reached through a function
// pointer (the linker cannot see the call, so it cannot give it a larger
// stack), overflows the goroutine's segment: the guard page turns this
// into "fatal error: stack overflow" naming the goroutine, exit status 2,
// never a write into another goroutine's memory.
// RUN: %gortxx -fno-split-stack -c %S/Inputs/nonsplit_lib.cpp -o %t.lib.o
// RUN: %gortxx %s %t.lib.o -o %t
// RUN: %t > %t.out 2>&1; echo status=$? >> %t.out
// RUN: FileCheck %s < %t.out
// CHECK: small call ok
// CHECK: runtime: stack guard page hit at pc=
// CHECK: fatal error: stack overflow
// CHECK: goroutine [[ID:[0-9]+]] [running]:
// CHECK: foreign_stack_hog
// CHECK: status=2
#include <gort/gort.hpp>

#include <cstdio>

extern "C" long foreign_stack_hog(int kb);
long (*volatile hog)(int) = foreign_stack_hog;

int main() {
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    hog(1);  // fits on the first segment
    std::printf("small call ok\n");
    std::fflush(stdout);
    hog(512);  // 512 KiB on a 4 KiB segment
    std::printf("not reached\n");
    wg.done();
  });
  wg.wait();
}
