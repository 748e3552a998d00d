// SIGQUIT dumps the goroutines also when the program was started with
// SIGQUIT ignored, as a non-interactive shell starts a background job
// (`prog &` in a script: SIGINT and SIGQUIT ignored), and as Go does. A
// SIGQUIT handler the program installs itself still wins.
// RUN: %gortxx -O1 %s -o %t
// The shell's background job: the program checks it inherited SIG_IGN
// (before the runtime starts), parks a goroutine and raises SIGQUIT.
// RUN: sh -c 'GORT_MAXPROCS=1 %t & wait $!; echo "exit=$?"' > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: FileCheck %s < %t.err
// OUT: inherited SIGQUIT: ignored
// OUT-NEXT: all blocked
// OUT-NEXT: exit=2
// CHECK: SIGQUIT: quit
// CHECK: goroutine {{[0-9]+}} [chan receive]:
// CHECK-NEXT: gort::chan<int>::recv() const
// CHECK: blocked_forever
// The program's own handler, installed in main: it runs, no dump.
// RUN: sh -c 'GORT_MAXPROCS=1 %t own-handler & wait $!; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=OWN
// OWN: inherited SIGQUIT: ignored
// OWN-NEXT: all blocked
// OWN-NEXT: the program's handler ran
// OWN-NEXT: exit=3
// OWN-NOT: goroutine
#include <gort/gort.hpp>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

// Runs before main, so before the runtime installs anything.
static const bool inherited_ignored = [] {
  struct sigaction old {};
  sigaction(SIGQUIT, nullptr, &old);
  return old.sa_handler == SIG_IGN;
}();

[[gnu::noinline]] void blocked_forever(gort::chan<int> c) {
  c.recv();
  std::printf("unreachable\n");
}

int main(int argc, char** argv) {
  std::printf("inherited SIGQUIT: %s\n", inherited_ignored ? "ignored" : "not ignored");
  if (argc > 1 && !std::strcmp(argv[1], "own-handler")) {
    signal(SIGQUIT, [](int) {
      const char msg[] = "the program's handler ran\n";
      (void)!write(1, msg, sizeof msg - 1);
      _exit(3);
    });
  }
  auto c = gort::make_chan<int>();
  gort::wait_group started;
  started.add(1);
  gort::go([&] {
    started.done();
    blocked_forever(c);
  });
  started.wait();
  // On one P (GORT_MAXPROCS=1) main resumes only once it has blocked.
  std::printf("all blocked\n");
  std::fflush(stdout);
  // To this thread: handled (or ignored) before raise returns.
  raise(SIGQUIT);
  std::printf("SIGQUIT ignored: no dump\n");
  return 1;
}
