#include "scheduler/runq.hpp"

#include "base/fatal.hpp"
#include "scheduler/g.hpp"
#include "scheduler/global_runq.hpp"
#include "scheduler/sched.hpp"

namespace gort::rt {

void run_queue::put(G* g, bool next) {
  // Queued only once made runnable (ready, a yield, the global queue).
  GORT_ASSERT(g->status.load(std::memory_order_relaxed) == gstatus::runnable);
  if (next) {
    G* old = runnext.exchange(g, std::memory_order_acq_rel);
    if (!old) return;
    g = old;  // the old runnext goes to the tail
  }
  for (;;) {
    std::uint32_t h = head.load(std::memory_order_acquire);
    std::uint32_t t = tail.load(std::memory_order_relaxed);
    // Only the owner adds, and thieves only move head forward.
    GORT_ASSERT(t - h <= capacity);
    if (t - h < capacity) {
      slots[t % capacity].store(g, std::memory_order_relaxed);
      tail.store(t + 1, std::memory_order_release);
      return;
    }
    if (put_slow(g, h, t)) return;
    // A thief took some meanwhile: the ring has room now.
  }
}

// Moves half the ring plus g to the global queue in one locked batch.
bool run_queue::put_slow(G* g, std::uint32_t h, std::uint32_t t) {
  constexpr std::uint32_t n = capacity / 2;
  if (t - h != capacity) return false;
  G* batch[n + 1];
  for (std::uint32_t i = 0; i < n; ++i)
    batch[i] = slots[(h + i) % capacity].load(std::memory_order_relaxed);
  if (!head.compare_exchange_strong(h, h + n, std::memory_order_acq_rel))
    return false;
  // The CAS proves [h, h + n) was live: each slot holds a goroutine.
  for (std::uint32_t i = 0; i < n; ++i) GORT_ASSERT(batch[i] != nullptr);
  batch[n] = g;
  for (std::uint32_t i = 0; i < n; ++i) batch[i]->schedlink = batch[i + 1];
  batch[n]->schedlink = nullptr;
  global_runq_put_batch(batch[0], batch[n], n + 1);
  return true;
}

G* run_queue::get(bool* inherit) {
  G* next = runnext.load(std::memory_order_relaxed);
  if (next && runnext.compare_exchange_strong(next, nullptr,
                                              std::memory_order_acq_rel)) {
    *inherit = true;
    return next;
  }
  *inherit = false;
  for (;;) {
    std::uint32_t h = head.load(std::memory_order_acquire);
    std::uint32_t t = tail.load(std::memory_order_relaxed);
    if (t == h) return nullptr;
    G* g = slots[h % capacity].load(std::memory_order_relaxed);
    if (head.compare_exchange_weak(h, h + 1, std::memory_order_release))
      return g;
  }
}

std::uint32_t run_queue::grab(std::uint32_t batch_head,
                              run_queue& into, bool steal_runnext) {
  for (;;) {
    std::uint32_t h = head.load(std::memory_order_acquire);
    std::uint32_t t = tail.load(std::memory_order_acquire);
    std::uint32_t n = t - h;
    n = n - n / 2;
    if (n == 0) {
      if (!steal_runnext) return 0;
      G* next = runnext.load(std::memory_order_acquire);
      if (!next) return 0;
      if (!runnext.compare_exchange_strong(next, nullptr,
                                           std::memory_order_acq_rel))
        continue;
      into.slots[batch_head % capacity].store(next, std::memory_order_relaxed);
      return 1;
    }
    if (n > capacity / 2) continue;  // read h and t at different times
    for (std::uint32_t i = 0; i < n; ++i) {
      G* g = slots[(h + i) % capacity].load(std::memory_order_relaxed);
      into.slots[(batch_head + i) % capacity].store(g,
                                                    std::memory_order_relaxed);
    }
    if (head.compare_exchange_strong(h, h + n, std::memory_order_acq_rel)) {
      // The CAS proves head was still h, and t was read after h while
      // tail only grows: the ring held at least the t - h goroutines taken
      // half of, within its bounds.
      GORT_ASSERT(t - h <= capacity && n >= 1 && n <= capacity / 2);
      return n;
    }
  }
}

G* run_queue::steal_from(run_queue& victim, bool steal_runnext) {
  std::uint32_t t = tail.load(std::memory_order_relaxed);
  std::uint32_t n = victim.grab(t, *this, steal_runnext);
  if (n == 0) return nullptr;
  --n;
  // Go's "runqsteal: runq overflow": the n goroutines put after our tail
  // must fit in our ring (a thief steals only with its own ring empty).
  GORT_ASSERT(t - head.load(std::memory_order_acquire) + n < capacity);
  G* g = slots[(t + n) % capacity].load(std::memory_order_relaxed);
  if (n == 0) return g;
  tail.store(t + n, std::memory_order_release);
  return g;
}

}  // namespace gort::rt
