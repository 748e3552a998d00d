// Processors: the idle P list, P ownership and resizing (GORT_MAXPROCS,
// gort::set_max_procs). Start-up itself is startup/init.cpp's.
#include "base/fatal.hpp"
#include "scheduler/hooks.hpp"
#include "scheduler/pinning.hpp"
#include "scheduler/procs.hpp"
#include "scheduler/sched.hpp"
#include "scheduler/switch.hpp"

namespace gort::rt {

constinit scheduler sched;

// Who owns a P (the invariants asserted below):
//  * An M owns p while m->p == p and p->state is running, having taken it
//    by acquire_p or by exitsyscall's CAS syscall -> running; p->m then
//    names it. Only the owner moves a running P on (release_p, or
//    entersyscall: state syscall).
//  * A P in state syscall still has its M (p->m, m->p); whoever wins the
//    CAS out of syscall owns it: that M (exitsyscall's fast path), or
//    sysmon's retake, which hands it on (handoff_p) without touching p->m
//    or the old M's m->p. So a P going idle or to a new M may still name,
//    in p->m, the M it was retaken from; that M finds out at its
//    exitsyscall (the CAS fails) and drops its m->p. Neither pidle_put nor
//    acquire_p can require p->m == nullptr.
//  * Idle Ps (state idle) are exactly those on sched.pidle.
void pidle_put(P* p) {
  sched.lock.assert_held();
  // Not already idle: a P on the list twice would be handed out twice.
  GORT_ASSERT(p->state.load(std::memory_order_relaxed) == P::running ||
              p->state.load(std::memory_order_relaxed) == P::retired);
  // A thread whose goroutine is pinned to it waits for a P: it goes first.
  if (give_p_to_thread_waiting_locked(p)) return;
  p->state.store(P::idle, std::memory_order_relaxed);
  p->link = sched.pidle;
  sched.pidle = p;
  sched.npidle.fetch_add(1, std::memory_order_seq_cst);
}

P* pidle_get() {
  sched.lock.assert_held();
  P* p = sched.pidle;
  if (!p) return nullptr;
  GORT_ASSERT(p->state.load(std::memory_order_relaxed) == P::idle);
  sched.pidle = p->link;
  p->link = nullptr;
  p->state.store(P::running, std::memory_order_relaxed);
  sched.npidle.fetch_sub(1, std::memory_order_seq_cst);
  return p;
}

// Removes a specific P from the idle list (shrinking). Returns false if it
// was not idle.
static bool pidle_remove(P* p) {
  for (P** link = &sched.pidle; *link; link = &(*link)->link) {
    if (*link == p) {
      *link = p->link;
      p->link = nullptr;
      sched.npidle.fetch_sub(1, std::memory_order_seq_cst);
      return true;
    }
  }
  return false;
}

void acquire_p(M* m, P* p) {
  // m holds none; p was marked running by whoever gave it (pidle_get,
  // give_p_to_thread_waiting_locked, or a handoff of a P it owned or
  // retook). p->m may be stale (see above).
  GORT_ASSERT(m->p == nullptr);
  GORT_ASSERT(p->state.load(std::memory_order_relaxed) == P::running);
  m->p = p;
  p->m = m;
  p->state.store(P::running, std::memory_order_relaxed);
}

void release_p(M* m) {
  GORT_ASSERT(m->p && m->p->m == m);
  GORT_ASSERT(m->p->state.load(std::memory_order_relaxed) == P::running);
  m->p->m = nullptr;
  m->p = nullptr;
}

// Called with sched.lock held. Ps are created once and never freed; a P past
// the new count is retired: at once if idle, else by its M at its next
// scheduling point (run_m / switch_out check `retired()`).
void resize_procs_locked(int n) {
  sched.lock.assert_held();
  if (n > kMaxProcs) n = kMaxProcs;
  int old = sched.nprocs.load(std::memory_order_relaxed);
  for (int i = sched.nprocs_created; i < n; ++i) {
    P* p = new P;
    p->id = i;
    p->state.store(P::retired, std::memory_order_relaxed);
    __atomic_store_n(&sched.allp[i], p, __ATOMIC_RELEASE);  // sysmon reads it unlocked
    sched.nprocs_created = i + 1;
  }
  for (int i = n; i < old; ++i) {
    P* p = sched.allp[i];
    if (p->state.load() == P::idle && pidle_remove(p))
      p->state.store(P::retired, std::memory_order_relaxed);
  }
  // Highest id first, so the idle list hands out low ids first: main's M
  // gets P0, and shrinking retires idle Ps at once rather than a busy one.
  for (int i = n - 1; i >= old; --i) {
    P* p = sched.allp[i];
    if (p->state.load() == P::retired) pidle_put(p);
  }
  sched.nprocs.store(n, std::memory_order_release);
}

void ensure_started() {
  if (sched.nprocs.load(std::memory_order_acquire) > 0) return;
  // Through the hook, not a call the linker sees: start-up calls into libc
  // (pthread_once), which would make the linker route every
  // ensure_started() call (one per spawn) through __morestack_non_split.
  gort_scheduler_hooks.start_runtime();
}

}  // namespace gort::rt
