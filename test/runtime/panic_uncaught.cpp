// An exception escaping a goroutine is an unrecovered panic: stdout is
// flushed, stderr gets "panic: <what()>", a blank line, the goroutine
// header and a symbolized stack trace from the throw site; exit status 2.
// RUN: %gortxx -O0 %s -o %t
// RUN: (%t 2>%t.err; echo "exit=$?") | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=ERR < %t.err
// OUT: before the panic
// OUT-NEXT: exit=2
// ERR: panic: boom in worker 7
// ERR-EMPTY:
// ERR-NEXT: goroutine {{[0-9]+}} [running]:
// ERR-NEXT: throw_deep(int)
// ERR: worker(int)
// RUN: %gortxx -O0 -DTHROW_INT %s -o %t.int
// RUN: (%t.int 2>&1; echo "exit=$?") | FileCheck %s --check-prefix=INT
// INT: panic: int
// INT: exit=2
#include <gort/gort.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>

[[gnu::noinline]] void throw_deep(int id) {
#ifdef THROW_INT
  throw id;
#else
  throw std::runtime_error("boom in worker " + std::to_string(id));
#endif
}

[[gnu::noinline]] void worker(int id) {
  throw_deep(id);
  std::printf("unreachable\n");
}

int main() {
  std::printf("before the panic\n");  // no flush: the runtime flushes
  gort::go(worker, 7);
  gort::sleep_for(std::chrono::hours(1));
}
