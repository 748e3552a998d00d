// The deadlock check. It runs whenever something that could wake a
// goroutine goes away: an M going idle, a plain thread parking or exiting
// (startup/threads.cpp's thread start-up registers the exit hook).
// It declares deadlock only if every M is idle, every run queue is empty,
// no timer is pending, no goroutine is in a system call, and no thread
// outside the runtime is alive and not parked on a gort primitive.
// (docs/guide.md counts a plain thread from its first gort call; we count
// it from its creation, which also covers a main that blocks before a
// just-started thread's first call — see docs/design/scheduler.md.) Timers leave the
// pending count only after their fire function has readied its goroutine,
// and a readied goroutine is in a run queue before any M can go idle, so a
// wake-up in flight is always visible to the check.
#include "scheduler/checkdead.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "base/fatal.hpp"
#include "netpoll/netpoll.hpp"
#include "scheduler/sched.hpp"
#include "scheduler/sysmon_wake.hpp"
#include "timer/timer.hpp"

namespace gort::rt {

namespace {

std::atomic<int> plain_threads_parked{0};
std::atomic<int> runtime_threads{0};  // timer thread, sysmon (not Ms)
std::atomic<int> pinned_threads_parked{0};  // Ms blocked in a pinned park

// Plain threads that are exiting (guarded by sched.lock). If the list is
// full, an exit is not waited for: a deadlock it leaves behind is reported
// at the next check instead.
constexpr int kMaxExiting = 64;
pid_t exiting_tids[kMaxExiting];
int exiting_count = 0;
// exiting_count for sysmon's every tick, read without the lock.
std::atomic<int> exiting_pending{0};

// /proc/self/status, opened at start-up: a program that has used up its
// file descriptors must still get its deadlock reported (issue 11).
int status_fd = -1;

// Threads in the process now, from /proc/self/status ("Threads:"). pread at
// offset 0 makes procfs generate the file afresh; a raw system call, not
// the interposed wrapper (this runs on g0 and plain threads).
int os_thread_count() {
  // Before the scheduler has started (a static initialiser blocked on a
  // channel), start-up has not opened it yet: open it now.
  if (status_fd < 0) checkdead_init();
  if (status_fd < 0) return -1;
  char buf[4096];
  ssize_t n = syscall(SYS_pread64, status_fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return -1;
  buf[n] = 0;
  const char* p = std::strstr(buf, "\nThreads:");
  return p ? std::atoi(p + 9) : -1;
}

}  // namespace

void checkdead_init() {
  if (status_fd >= 0) return;
  status_fd = int(syscall(SYS_openat, AT_FDCWD, "/proc/self/status", O_RDONLY | O_CLOEXEC));
}

void runtime_thread_created() {
  runtime_threads.fetch_add(1, std::memory_order_seq_cst);
}

void plain_thread_parking() {
  plain_threads_parked.fetch_add(1, std::memory_order_seq_cst);
  checkdead();
}

// Decremented by the waker, not the sleeper: between the wake and the
// sleeper running, the thread already counts as a possible waker again.
void plain_thread_unparked() {
  plain_threads_parked.fetch_sub(1, std::memory_order_seq_cst);
}

void pinned_thread_parking() {
  pinned_threads_parked.fetch_add(1, std::memory_order_seq_cst);
  checkdead();
}

void pinned_thread_unparked() {
  pinned_threads_parked.fetch_sub(1, std::memory_order_seq_cst);
}

void plain_thread_exiting() {
  sched.lock.lock();
  if (exiting_count < kMaxExiting) exiting_tids[exiting_count++] = gettid();
  exiting_pending.store(exiting_count, std::memory_order_relaxed);
  sched.lock.unlock();
  poke_sysmon();
}

bool recheck_exited_threads() {
  if (exiting_pending.load(std::memory_order_relaxed) == 0) return false;
  sched.lock.lock();
  bool gone = false;
  int kept = 0;
  for (int i = 0; i < exiting_count; ++i) {
    if (syscall(SYS_tgkill, getpid(), exiting_tids[i], 0) == 0)
      exiting_tids[kept++] = exiting_tids[i];
    else
      gone = true;
  }
  exiting_count = kept;
  exiting_pending.store(kept, std::memory_order_relaxed);
  if (gone) checkdead_locked();
  sched.lock.unlock();
  return kept > 0;
}

void checkdead_locked() {
  sched.lock.assert_held();
  // Idle Ms are a subset of all Ms (both counted under sched.lock).
  GORT_ASSERT(sched.nmidle >= 0 && sched.nmidle <= sched.mtotal);
  // Also before the scheduler starts (no P, no M, no goroutine yet): the
  // main thread blocked in a static initialiser with no other thread to
  // wake it is a deadlock too, as Go reports one during package init.
  // An M that runs, spins or sits in a system call is not idle.
  // An M whose pinned goroutine is parked (it holds a pthread lock while
  // waiting on a gort primitive) is as idle as a goroutine's parked G.
  if (sched.nmidle + pinned_threads_parked.load(std::memory_order_seq_cst) <
      sched.mtotal)
    return;
  if (sched.runq_size.load(std::memory_order_seq_cst) > 0) return;
  int n = sched.nprocs.load(std::memory_order_acquire);
  for (int i = 0; i < n; ++i)
    if (!sched.allp[i]->runq.empty()) return;
  if (pending_timers() > 0) return;
  // A goroutine parked on the network poller can be woken by its fd
  // (docs/design/netpoll.md, "Deadlock check").
  if (netpoll::waiters() > 0) return;
  // Last, as it reads /proc: any thread that is neither the runtime's nor
  // parked on a gort primitive may still wake a goroutine.
  int threads = os_thread_count();
  int wakers = threads - sched.mtotal -
               runtime_threads.load(std::memory_order_seq_cst) -
               plain_threads_parked.load(std::memory_order_seq_cst);
  if (threads < 0 || wakers > 0) return;
  fatal_report(die_stack::all_goroutines, nullptr,
               "fatal error: all goroutines are asleep - deadlock!\n\n");
  exit_process(2);
}

void checkdead() {
  sched.lock.lock();
  checkdead_locked();
  sched.lock.unlock();
}

}  // namespace gort::rt
