// fork() from a goroutine: the child may exec, or make async-signal-safe
// calls and _exit (both work, as in Go); using gort in the child (spawn,
// a blocking channel operation, a sleep, yield) is a fatal error with
// exit status 2 instead of a hang (the child has none of the parent's Ms).
// RUN: %gortxx -O1 %s -o %t
// RUN: env GORT_MAXPROCS=2 %t 2>&1 | FileCheck %s
// CHECK: exec child says hi
// CHECK-NEXT: exec: status 0
// CHECK-NEXT: write+_exit child
// CHECK-NEXT: write+_exit: status 7
// CHECK-NEXT: fatal error: gort used in a forked child (only exec and async-signal-safe calls are supported)
// CHECK-NEXT: spawn: status 2
// CHECK-NEXT: fatal error: gort used in a forked child (only exec and async-signal-safe calls are supported)
// CHECK-NEXT: recv: status 2
// CHECK-NEXT: fatal error: gort used in a forked child (only exec and async-signal-safe calls are supported)
// CHECK-NEXT: sleep: status 2
// CHECK-NEXT: fatal error: gort used in a forked child (only exec and async-signal-safe calls are supported)
// CHECK-NEXT: yield: status 2
// CHECK-NEXT: parent goroutines still fine: 42
#include <gort/gort.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

template <class Child>
void run(const char* what, Child child) {
  auto done = gort::make_chan<int>();
  gort::go([=] {
    std::fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
      child();
      _exit(99);
    }
    int st = 0;
    waitpid(pid, &st, 0);  // interposed: the P is handed off meanwhile
    done.send(WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
  });
  std::printf("%s: status %d\n", what, *done.recv());
  std::fflush(stdout);
}

int main() {
  run("exec", [] {
    execl("/bin/echo", "echo", "exec child says hi", (char*)nullptr);
  });
  run("write+_exit", [] {
    const char msg[] = "write+_exit child\n";
    write(1, msg, sizeof msg - 1);
    _exit(7);
  });
  run("spawn", [] { gort::go([] {}); });
  run("recv", [] {
    auto c = gort::make_chan<int>();
    c.recv();
  });
  run("sleep", [] { gort::sleep_for(std::chrono::milliseconds(1)); });
  run("yield", [] { gort::yield(); });
  auto c = gort::make_chan<int>();
  gort::go([c] { c.send(42); });
  std::printf("parent goroutines still fine: %d\n", *c.recv());
}
