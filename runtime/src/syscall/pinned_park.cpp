// Parking a goroutine that is pinned to its thread because it holds a
// pthread lock (scheduler/pinning.hpp, docs/design/foreign.md). Switching
// to another goroutine on this thread would let that goroutine "own" the
// lock too (recursive mutexes walk in, error-checking ones misreport) or
// block the thread on it while the owner sits in a run queue. So the thread
// itself blocks, as a plain thread does in park, and the P goes to another
// M the way a blocking system call hands it off.
#include "scheduler/checkdead.hpp"
#include "scheduler/park.hpp"
#include "scheduler/pinning.hpp"
#include "scheduler/procs.hpp"
#include "scheduler/sched.hpp"
#include "base/futex.hpp"
#include "syscall/syscall.hpp"

#include <sched.h>

namespace gort::rt {

namespace {

void give_p_away(M* m) {
  P* p = m->p;
  release_p(m);
  handoff_p(p);
}

void park_keeping_thread(waiter& w, void (*unlock)(void*), void* arg,
                         wait_reason why) {
  M* m = this_m();
  G* g = w.base.g;
  // Under the primitive's lock, like the rest of w: its waker reads it.
  w.base.blocks_thread = true;
  g->reason = why;
  set_status(g, gstatus::waiting);
  pinned_thread_parking();  // counted idle before anyone can wake us
  unlock(arg);
  give_p_away(m);
  while (w.base.woken.load(std::memory_order_acquire) == 0)
    futex_wait(w.base.woken, 0);
  acquire_p_keeping_thread(m);
  set_status(g, gstatus::running);
  g->reason = wait_reason::none;
}

// Out of line: sched_yield is libc (see scheduler/api.cpp).
[[gnu::noinline]] void yield_keeping_thread() {
  M* m = this_m();
  give_p_away(m);
  sched_yield();
  acquire_p_keeping_thread(m);
}

// Before any C++ static initialiser (priority 101): those may already
// start goroutines that take locks.
[[gnu::constructor(101)]] void register_pinned_park() {
  park_pinned = park_keeping_thread;
  yield_pinned = yield_keeping_thread;
}

}  // namespace

// Referenced by the lock wrappers, so that this object (and its
// constructor) is linked whenever they are.
void pinned_park_anchor() {}

}  // namespace gort::rt
