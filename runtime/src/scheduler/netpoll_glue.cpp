// Scheduler side of the network poller: who calls netpoll::poll and where
// the goroutines it readies go (Go's findRunnable/netpoll/injectglist).
#include "scheduler/netpoll_glue.hpp"

#include "base/fatal.hpp"
#include "netpoll/netpoll.hpp"
#include "scheduler/global_runq.hpp"
#include "scheduler/park.hpp"
#include "scheduler/procs.hpp"
#include "scheduler/sched.hpp"

namespace gort::rt {

namespace {

// Goroutines readied by one poll, linked through schedlink.
struct g_list {
  G* head = nullptr;
  G* tail = nullptr;
  std::int64_t n = 0;
};

// A goroutine pinned to its thread (it holds a pthread lock) parks
// keeping the thread (scheduler/pinning.hpp): its thread sleeps on the
// waiter's futex word with the goroutine's context live on it. Readying
// the G would run it on a second M at once (a context resumed twice).
// unpark wakes the thread instead; it only stores and wakes a futex, so it
// is safe under the fd's lock.
bool woke_pinned_thread(waiter* w) {
  if (!w->base.blocks_thread) [[likely]] return false;
  unpark(*w);
  return true;
}

// Called under the fd's lock: only queue.
void collect(void* cookie, void*  ctx) {
  if (woke_pinned_thread(static_cast<waiter*>(cookie))) return;
  G* g = static_cast<waiter*>(cookie)->base.g;
  auto* l = static_cast<g_list*>(ctx);
  // Claimed from `parked`: its park has saved its context (netpoll.hpp).
  GORT_ASSERT(g->status.load(std::memory_order_relaxed) == gstatus::waiting);
  set_status(g, gstatus::runnable);
  g->schedlink = nullptr;
  if (l->tail) l->tail->schedlink = g; else l->head = g;
  l->tail = g;
  ++l->n;
}

// With a P: straight onto its local queue (ready wakes a spinning M).
void ready_on_p(void* cookie, void*) {
  if (woke_pinned_thread(static_cast<waiter*>(cookie))) return;
  ready(static_cast<waiter*>(cookie)->base.g, false);
}

// Puts l on the global queue and starts Ms for idle Ps, one per goroutine
// at most; if `self` is given it takes the first idle P itself.
void inject(g_list& l, M* self) {
  if (l.n == 0) return;
  P* start[8];
  int k = 0;
  sched.lock.lock();
  global_runq_put_locked(l.head, l.tail, l.n);
  if (self && !self->p)
    if (P* p = pidle_get()) acquire_p(self, p);
  std::int64_t want = self ? l.n - 1 : l.n;
  while (k < want && k < 8)
    if (P* p = pidle_get()) start[k++] = p; else break;
  sched.lock.unlock();
  for (int i = 0; i < k; ++i) start_m(start[i], false);
}

}  // namespace

bool netpoll_poll_due(std::int64_t now) {
  return netpoll::waiters() > 0 &&
         !netpoll::blocked_in_poll.load(std::memory_order_relaxed) &&
         now - netpoll::last_poll_ns() >= kNetpollBusyInterval;
}

bool netpoll_ready_now(P*) {
  if (netpoll::waiters() == 0 ||
      netpoll::blocked_in_poll.load(std::memory_order_relaxed))
    return false;
  return netpoll::poll(0, ready_on_p, nullptr) > 0;
}

bool netpoll_block(M* m) {
  if (netpoll::waiters() == 0) return false;
  bool expected = false;
  if (!netpoll::blocked_in_poll.compare_exchange_strong(expected, true,
                                                        std::memory_order_seq_cst))
    return false;
  // Against end_wait: it drops the count, then looks for a blocked poller
  // to break; we set the flag, then look at the count (both seq_cst).
  if (netpoll::waiters() == 0) {
    netpoll::blocked_in_poll.store(false, std::memory_order_seq_cst);
    return false;
  }
  g_list l;
  netpoll::poll(-1, collect, &l);
  netpoll::blocked_in_poll.store(false, std::memory_order_seq_cst);
  inject(l, m);
  return true;
}

void sysmon_netpoll(std::int64_t now) {
  if (netpoll::waiters() == 0 ||
      netpoll::blocked_in_poll.load(std::memory_order_relaxed) ||
      now - netpoll::last_poll_ns() < 10'000'000)
    return;
  g_list l;
  netpoll::poll(0, collect, &l);
  inject(l, nullptr);
}

}  // namespace gort::rt
