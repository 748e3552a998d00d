// Ms that wait for a P without giving up their goroutine: the goroutine is
// pinned to the thread (it holds a pthread lock, see scheduler/pinning.hpp),
// so it cannot be queued for another M the way exitsyscall queues an
// ordinary goroutine. Such an M sleeps here and the next P that would go
// idle is handed to it (Go does the reverse for LockOSThread: it queues the
// goroutine and hands the P to its locked M when it is scheduled).
#include "scheduler/pinning.hpp"
#include "scheduler/procs.hpp"
#include "scheduler/sched.hpp"

namespace gort::rt {

namespace {

// FIFO through M::schedlink (an M here is not on the idle-M list); guarded
// by sched.lock.
M* waiting_head = nullptr;
M* waiting_tail = nullptr;

}  // namespace

park_pinned_fn park_pinned = nullptr;
void (*yield_pinned)() = nullptr;

void acquire_p_keeping_thread(M* m) {
  sched.lock.lock();
  P* p = pidle_get();
  if (!p) {
    m->schedlink = nullptr;
    if (waiting_tail) waiting_tail->schedlink = m; else waiting_head = m;
    waiting_tail = m;
  }
  sched.lock.unlock();
  if (!p) {
    m->park.sleep();
    m->park.clear();
    p = m->nextp;
    m->nextp = nullptr;
  }
  acquire_p(m, p);
}

bool give_p_to_thread_waiting_locked(P* p) {
  sched.lock.assert_held();
  M* m = waiting_head;
  if (!m) return false;
  waiting_head = m->schedlink;
  if (!waiting_head) waiting_tail = nullptr;
  m->schedlink = nullptr;
  p->state.store(P::running, std::memory_order_relaxed);
  m->nextp = p;
  m->park.wakeup();
  return true;
}

}  // namespace gort::rt
