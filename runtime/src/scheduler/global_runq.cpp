// The global run queue: a FIFO under sched.lock, fed by run-queue overflow,
// yields, and goroutines readied by threads without a P. Ps take from it
// every 61st schedule (fairness) and whenever their local queue is empty.
#include "scheduler/global_runq.hpp"

#include <algorithm>

#include "base/fatal.hpp"
#include "scheduler/sched.hpp"

namespace gort::rt {

void global_runq_put_locked(G* head, G* tail, std::int64_t n) {
  sched.lock.assert_held();
  GORT_ASSERT(n >= 1 && head && tail);
  // An empty list has a zero count (both change only under sched.lock).
  GORT_ASSERT((sched.runq_tail == nullptr) ==
              (sched.runq_size.load(std::memory_order_relaxed) == 0));
  tail->schedlink = nullptr;
  if (sched.runq_tail)
    sched.runq_tail->schedlink = head;
  else
    sched.runq_head = head;
  sched.runq_tail = tail;
  sched.runq_size.fetch_add(n, std::memory_order_seq_cst);
}

void global_runq_put_batch(G* head, G* tail, std::int64_t n) {
  sched.lock.lock();
  global_runq_put_locked(head, tail, n);
  sched.lock.unlock();
}

G* global_runq_get_locked(P* p, std::int64_t max) {
  sched.lock.assert_held();
  std::int64_t size = sched.runq_size.load(std::memory_order_relaxed);
  if (size == 0) return nullptr;
  int procs = sched.nprocs.load(std::memory_order_relaxed);
  // Take a fair share, at most half a local queue, so one P does not
  // hoard the global queue.
  std::int64_t n = std::min<std::int64_t>(size, size / procs + 1);
  if (max > 0 && n > max) n = max;
  if (n > run_queue::capacity / 2) n = run_queue::capacity / 2;
  // The first goroutine is returned; the others go into p's ring, only as
  // many as fit: overflowing it would need sched.lock, which we hold. (Only
  // p's owner adds to the ring, so the room cannot shrink meanwhile.)
  std::int64_t room = std::int64_t(run_queue::capacity - p->runq.size());
  if (n - 1 > room) n = room + 1;
  GORT_ASSERT(n >= 1 && n <= size);
  sched.runq_size.fetch_sub(n, std::memory_order_relaxed);

  // The count promises n goroutines on the list.
  G* g = sched.runq_head;
  GORT_ASSERT(g != nullptr);
  sched.runq_head = g->schedlink;
  for (std::int64_t i = 1; i < n; ++i) {
    G* more = sched.runq_head;
    GORT_ASSERT(more != nullptr);
    sched.runq_head = more->schedlink;
    p->runq.put(more, false);
  }
  if (!sched.runq_head) sched.runq_tail = nullptr;
  // The list and its count agree (both change only under sched.lock).
  GORT_ASSERT((sched.runq_head == nullptr) ==
              (sched.runq_size.load(std::memory_order_relaxed) == 0));
  return g;
}

}  // namespace gort::rt
