// A goroutine's panic that is being reported when main returns (or calls
// exit(), or another goroutine panics) still ends the process with its
// report and status 2, as in Go: main's exit waits for a panic in progress.
// The panic's what() runs inside the report; it lets main go on and waits
// until main is about to leave, so main's exit races the rest of the
// report (the symbolized trace takes ~100 ms) every time.
// RUN: %gortxx -O0 %s -o %t
// RUN: env GORT_MAXPROCS=2 %t return 2>%t.err; echo "exit=$?" > %t.st
// RUN: FileCheck %s --check-prefix=ST < %t.st
// RUN: FileCheck %s < %t.err
// RUN: env GORT_MAXPROCS=2 %t exit 2>%t.err2; echo "exit=$?" > %t.st2
// RUN: FileCheck %s --check-prefix=ST < %t.st2
// RUN: FileCheck %s < %t.err2
// RUN: env GORT_MAXPROCS=2 %t second 2>%t.err3; echo "exit=$?" > %t.st3
// RUN: FileCheck %s --check-prefix=ST < %t.st3
// RUN: FileCheck %s < %t.err3
// ST: exit=2
// CHECK: panic: slow report
// CHECK-EMPTY:
// CHECK-NEXT: goroutine {{[0-9]+}} [running]:
// CHECK: worker()
// CHECK-NOT: second panic
#include <gort/gort.hpp>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

std::atomic<int> report_started{0};
std::atomic<int> main_leaving{0};

struct slow_error : std::exception {
  const char* what() const noexcept override {
    report_started.store(1);
    while (!main_leaving.load()) {
    }
    return "slow report";
  }
};

[[gnu::noinline]] void worker() { throw slow_error(); }
[[gnu::noinline]] void second() { throw std::runtime_error("second panic"); }

int main(int argc, char** argv) {
  const char* how = argc > 1 ? argv[1] : "return";
  gort::go(worker);
  while (!report_started.load()) gort::yield();
  if (std::strcmp(how, "second") == 0) gort::go(second);
  main_leaving.store(1);
  if (std::strcmp(how, "exit") == 0) std::exit(0);
  return 0;
}
