// SIGQUIT names a goroutine's interposed pthread wait ([pthread_mutex_lock],
// [pthread_cond_wait]) instead of [running] or [syscall], and its trace
// leaves out gort's own frames (the interposed pthread_mutex_lock and its
// lambdas in syscall/pthread_interpose.cpp), as elsewhere.
//   self:  the signal interrupts the waiting goroutine's own thread, which
//          writes the dump: its header and its interrupted stack;
//   other: main's thread writes it: the waiter, in its wait on another
//          thread, is listed with its reason (and, running on a thread, no
//          stack);
//   cond:  the same for a std::condition_variable wait.
// Certain order, no timing: the waiter holds `pin` first, so it keeps its
// thread (docs/design/foreign.md) and the tid it publishes stays its own;
// main waits until glibc marks `mu` contended (2 in its lock word: set by
// the waiter just before its futex wait, after the runtime has recorded the
// wait), or, for `cond`, until it gets `cmu`, which the waiter releases only
// inside pthread_cond_wait.
// RUN: %gortxx -O1 %s -o %t
// RUN: env GORT_MAXPROCS=1 timeout 60 sh -c '%t self 2>%t.err; echo "exit=$?"' | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=SELF --implicit-check-not=pthread_interpose --implicit-check-not=gort::rt < %t.err
// RUN: env GORT_MAXPROCS=1 timeout 60 sh -c '%t other 2>%t.err; echo "exit=$?"' | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=OTHER < %t.err
// RUN: env GORT_MAXPROCS=1 timeout 60 sh -c '%t cond 2>%t.err; echo "exit=$?"' | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=COND < %t.err
// OUT: exit=2
// SELF: SIGQUIT: quit
// SELF-EMPTY:
// SELF-NEXT: goroutine 2 [pthread_mutex_lock]:
// SELF-NOT: {{^goroutine}}
// SELF: std::mutex::lock()
// SELF-NOT: {{^goroutine}}
// SELF: wait_for_mu()
// SELF-NEXT: sigquit_foreign_wait.cpp:[[@LINE+23]]
// OTHER: SIGQUIT: quit
// OTHER-EMPTY:
// OTHER-NEXT: goroutine 1 [running]:
// OTHER: goroutine 2 [pthread_mutex_lock]:
// COND: goroutine 1 [running]:
// COND: goroutine 2 [pthread_cond_wait]:
#include <gort/gort.hpp>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <mutex>

std::mutex pin, mu, cmu;
std::condition_variable cv;
std::atomic<pid_t> waiter_tid{0};

[[gnu::noinline]] void wait_for_mu() {
  std::lock_guard<std::mutex> lock(mu);  // held by main for ever
}

[[gnu::noinline]] void wait_for_cv() {
  std::unique_lock<std::mutex> lock(cmu);
  waiter_tid.store(gettid());
  cv.wait(lock, [] { return false; });
}

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "self";
  bool cond = std::strcmp(mode, "cond") == 0;
  if (!cond) mu.lock();
  gort::go([cond] {
    std::lock_guard<std::mutex> pinned(pin);
    if (cond) {
      wait_for_cv();
    } else {
      waiter_tid.store(gettid());
      wait_for_mu();
    }
  });
  if (cond) {
    while (waiter_tid.load() == 0) gort::yield();
    cmu.lock();  // the waiter holds it until it is in pthread_cond_wait
  } else {
    // glibc's lock word: 2 once a waiter is about to sleep in the kernel.
    auto* word = reinterpret_cast<std::atomic<int>*>(&mu.native_handle()->__data.__lock);
    while (waiter_tid.load() == 0 || word->load() != 2) gort::yield();
  }
  if (std::strcmp(mode, "self") == 0)
    syscall(SYS_tgkill, getpid(), waiter_tid.load(), SIGQUIT);
  else
    raise(SIGQUIT);
  for (;;) pause();
}
