// Clang cannot compile variadic functions with -fsplit-stack ("Segmented
// stacks do not support vararg functions"). The plugin marks every variadic
// definition no_split_stack — the user's own printf-style helpers and the
// standard library's (std::to_string(double) formats through one) — so
// such code compiles unchanged with gort++ and runs.
// RUN: %gortpp %s -o %t && %t | FileCheck %s
// RUN: %gortpp -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// CHECK: log: 3 goroutines, pi=3.141593
// CHECK-NEXT: to_string: 2.500000
// IR: define {{.*}} @_Z6logfmtPKcz({{.*}}) {{[a-z_ ]*}}[[LOGATTR:#[0-9]+]]
// IR: define {{.*}} @main() {{[a-z_ ]*}}[[MAINATTR:#[0-9]+]]
// IR-DAG: attributes [[MAINATTR]] = { {{.*}}"split-stack"
// The variadic function's attribute set has no "split-stack" (no "sp").
// IR-DAG: attributes [[LOGATTR]] = { {{([^s}]|s[^p])*}} }
#include <gort/gort.hpp>

#include <cstdarg>
#include <cstdio>
#include <string>

void logfmt(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  std::vprintf(fmt, ap);
  va_end(ap);
}

int main() {
  gort::wait_group wg;
  wg.add(1);
  [[go]] [&] {
    logfmt("log: %d goroutines, pi=%f\n", 3, 3.14159265);
    std::printf("to_string: %s\n", std::to_string(2.5).c_str());
    wg.done();
  }();
  wg.wait();
}
