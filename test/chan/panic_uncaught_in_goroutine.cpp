// An uncaught channel panic in a goroutine ends the process like Go's:
// "panic: send on closed channel", the goroutine's header, exit status 2,
// with standard output flushed first.
//
// RUN: %gortxx %s -o %t
// RUN: (%t 2>%t.err; echo "exit=$?") | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=ERR < %t.err
#include <gort/gort.hpp>

#include <cstdio>

int main() {
  auto c = gort::make_chan<int>();
  auto forever = gort::make_chan<int>();
  c.close();
  std::printf("before the panic\n");
  gort::go([=] { c.send(1); });
  forever.recv();  // main waits; the goroutine's panic ends the process
}
// OUT: before the panic
// OUT-NEXT: exit=2
// ERR: panic: send on closed channel
// ERR-EMPTY:
// ERR-NEXT: goroutine {{[0-9]+}} [running]:
