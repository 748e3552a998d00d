// A wait that only looks (waitpid, wait4 and waitid with WNOHANG) keeps
// its P: it cannot block, so it is not a handoff (docs/design/syscalls.md,
// "What is interposed"). Handing the P off at once gave it to another M,
// a new thread when none was idle: bench/gort/idle_conns.cpp polled
// waitpid(WNOHANG) every millisecond while accepting and ended with one
// M more than docs/design/netpoll.md, "Threads" allows.
// At GORT_MAXPROCS=1 with a goroutine always runnable a handoff always
// starts an M (handoff_p: work queued), so the count is exact: 1,000 calls
// on a running child add no thread. One process per call, so that no
// earlier call's idle M hides a later one's. A wait that blocks still hands
// off (the goroutine that ends the child runs meanwhile).
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 %t waitpid | FileCheck %s --check-prefixes=CHECK,WAITPID
// RUN: env GORT_MAXPROCS=1 %t wait4 | FileCheck %s --check-prefixes=CHECK,WAIT4
// RUN: env GORT_MAXPROCS=1 %t waitid | FileCheck %s --check-prefixes=CHECK,WAITID
// WAITPID: waitpid WNOHANG x1000 on a running child: 0 reaped, threads added 0
// WAIT4: wait4 WNOHANG x1000 on a running child: 0 reaped, threads added 0
// WAITID: waitid WNOHANG x1000 on a running child: 0 reaped, threads added 0
// CHECK-NEXT: blocking waitpid: child ended by another goroutine, exit 0
#include <gort/gort.hpp>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <functional>

#include "../Inputs/os_threads.hpp"

extern char** environ;

namespace {

// `cat` with its stdin the read end of a pipe: runs until *write_end closes.
pid_t spawn_cat(int* write_end) {
  int p[2];
  if (pipe(p) != 0) return -1;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, p[0], 0);
  posix_spawn_file_actions_addclose(&fa, p[1]);
  pid_t pid = -1;
  char* argv[] = {const_cast<char*>("cat"), nullptr};
  if (posix_spawnp(&pid, "cat", &fa, nullptr, argv, environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&fa);
  close(p[0]);
  *write_end = p[1];
  return pid;
}

// Runs `poll_once` 1,000 times, yielding to the always-runnable spinner
// between calls; reports how many calls reaped and the threads added.
void count(const char* what, const std::function<bool()>& poll_once) {
  int before = os_threads_raw();
  int reaped = 0;
  for (int i = 0; i < 1000; ++i) {
    if (poll_once()) ++reaped;
    gort::yield();
  }
  std::printf("%s x1000 on a running child: %d reaped, threads added %d\n", what, reaped,
              os_threads_raw() - before);
}

}  // namespace

int main(int argc, char** argv) {
  const char* kind = argc > 1 ? argv[1] : "waitpid";
  int w = -1;
  pid_t child = spawn_cat(&w);
  if (child < 0) return 1;
  std::atomic<bool> stop{false};
  gort::wait_group spinner;
  spinner.add(1);
  gort::go([&] {
    while (!stop) gort::yield();
    spinner.done();
  });
  gort::yield();  // the spinner is running: from now on it is always queued

  int st = 0;
  if (std::strcmp(kind, "waitpid") == 0)
    count("waitpid WNOHANG", [&] { return waitpid(child, &st, WNOHANG) == child; });
  else if (std::strcmp(kind, "wait4") == 0)
    count("wait4 WNOHANG", [&] { return wait4(child, &st, WNOHANG, nullptr) == child; });
  else
    count("waitid WNOHANG", [&] {
      siginfo_t si{};
      return waitid(P_PID, id_t(child), &si, WEXITED | WNOHANG) == 0 && si.si_pid == child;
    });
  stop = true;
  spinner.wait();

  gort::go([w] { close(w); });  // cat sees EOF and exits
  pid_t r = waitpid(child, &st, 0);
  std::printf("blocking waitpid: child %s, exit %d\n",
              r == child ? "ended by another goroutine" : "not reaped",
              WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}
