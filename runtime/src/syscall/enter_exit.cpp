#include <errno.h>

#include "base/fatal.hpp"
#include "base/forked_child.hpp"

#include "scheduler/exit_stop.hpp"
#include "scheduler/park.hpp"
#include "scheduler/pinning.hpp"
#include "scheduler/procs.hpp"
#include "scheduler/sched.hpp"
#include "scheduler/switch.hpp"
#include "scheduler/sysmon_wake.hpp"
#include "syscall/syscall.hpp"

namespace gort::rt {

namespace {

// errno through a fresh __errno_location() call: the thread may have
// changed since the caller computed it (glibc marks it const).
// no_split_stack: __errno_location is libc; these frames are tiny.
[[gnu::noinline]] __attribute__((no_split_stack)) int get_errno() { return errno; }
[[gnu::noinline]] __attribute__((no_split_stack)) void set_errno(int e) { errno = e; }

}  // namespace

// The goroutine's side of entering: status and wait reason for dumps, and
// the P's syscall count that sysmon uses to tell one long call from many
// short ones. Returns the P.
static P* mark_in_syscall(M* m) {
  G* g = m->curg;
  // A running goroutine's M owns its P (scheduler/procs.cpp).
  GORT_ASSERT(m->p && m->p->m == m &&
              m->p->state.load(std::memory_order_relaxed) == P::running);
  set_status(g, gstatus::syscall);
  g->reason = detail::wait_reason::syscall;
  m->p->syscalltick.fetch_add(1, std::memory_order_relaxed);
  return m->p;
}

void entersyscall() {
  P* p = mark_in_syscall(this_m());
  p->state.store(P::syscall, std::memory_order_seq_cst);
  poke_sysmon();
}

void entersyscallblock() {
  M* m = this_m();
  P* p = mark_in_syscall(m);
  // Give the P away now; exitsyscall will look for one.
  release_p(m);
  handoff_p(p);
}

void exitsyscall() {
  M* m = this_m();
  G* g = m->curg;
  P* p = m->p;
  int expected = P::syscall;
  if (p && p->state.compare_exchange_strong(expected, P::running,
                                            std::memory_order_acq_rel)) {
    // Fast path: nobody retook our P. (If it was retaken and is back in
    // state syscall under another M, taking it is still right: that M is
    // in a system call too and will look for a P when it returns.) So
    // p->m is this M or that other one, never null: a P is in state
    // syscall only from its owner's entersyscall.
    GORT_ASSERT(p->m != nullptr);
    p->m = m;
    check_stop_for_exit(m);  // after the CAS: exit() waits for running Ps
    set_status(g, gstatus::running);
    g->reason = detail::wait_reason::none;
    return;
  }
  check_stop_for_exit(m);
  // Our P was retaken (or handed off at entry): it belongs to someone else.
  m->p = nullptr;
  if (pinned(g)) {  // holds a pthread lock: wait for a P on this thread
    acquire_p_keeping_thread(m);
    set_status(g, gstatus::running);
    g->reason = detail::wait_reason::none;
    return;
  }
  sched.lock.lock();
  P* idle = pidle_get();
  sched.lock.unlock();
  if (idle) {
    acquire_p(m, idle);
    set_status(g, gstatus::running);
    g->reason = detail::wait_reason::none;
    return;
  }
  // No P anywhere: queue the goroutine (finish_switch readies it from g0)
  // and let this M go idle. We resume later, on whichever M runs us.
  g->reason = detail::wait_reason::none;
  switch_out(post_switch::ready);
}

void handoff_p(P* p) {
  // Work waiting: give the P to an M that runs it.
  if (!p->runq.empty() ||
      sched.runq_size.load(std::memory_order_seq_cst) > 0) {
    start_m(p, false);
    return;
  }
  // Nobody is looking for work: let a spinning M look (Go's handoffp).
  if (sched.nmspinning.load(std::memory_order_seq_cst) +
          sched.npidle.load(std::memory_order_seq_cst) == 0) {
    int zero = 0;
    if (sched.nmspinning.compare_exchange_strong(zero, 1)) {
      start_m(p, true);
      return;
    }
  }
  sched.lock.lock();
  if (sched.runq_size.load(std::memory_order_relaxed) > 0) {
    sched.lock.unlock();
    start_m(p, false);
    return;
  }
  pidle_put(p);
  sched.lock.unlock();
}

__thread bool syscalls_without_handoff = false;

bool on_goroutine_outside_syscall() {
  // In a forked child, interposed calls (write, sleep, ...) are plain calls.
  if (in_forked_child.load(std::memory_order_relaxed)) return false;
  G* g = current_g();
  return g && g->status.load(std::memory_order_relaxed) != gstatus::syscall;
}

bool enter_syscall(bool block_at_once) {
  // Only goroutines hand off; a call nested inside gort::blocking (already
  // in a system call) is just a call.
  if (syscalls_without_handoff || !on_goroutine_outside_syscall()) return false;
  if (block_at_once)
    entersyscallblock();
  else
    entersyscall();
  return true;
}

void leave_syscall() {
  int e = get_errno();
  exitsyscall();
  set_errno(e);
}

}  // namespace gort::rt
