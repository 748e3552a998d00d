// The timer heap. One runtime thread (startup/timer_thread.cpp: no P, not a
// goroutine, not counted by num_goroutine) sleeps on a futex until the
// earliest deadline and fires due timers with the heap's lock held
// (fire_due_timers), so that del_timer() returning means "fire is not
// running". Fire functions only unpark or do non-blocking sends: they never
// block. The heap knows nothing of goroutines: a fire function is the
// token the layer above acts on (docs/design/layers.md).
#include "timer/timer.hpp"

#include <mutex>
#include <vector>

#include <gort/detail/park.hpp>

#include "base/fatal.hpp"
#include "base/futex.hpp"
#include "base/owned_lock.hpp"
#include "base/race.hpp"
#include "timer/timer_internal.hpp"

namespace gort::rt {

namespace {

struct timer_heap {
  owned_lock lock;
  std::vector<timer*> heap;             // min-heap on `when`
  std::atomic<std::uint32_t> seq{0};    // bumped when the earliest changes
  std::atomic<std::size_t> count{0};
  // heap.front()->when, or INT64_MAX when empty; written under the lock,
  // read without it by Ms deciding whether to fire (earliest_timer_ns).
  std::atomic<std::int64_t> earliest{INT64_MAX};
};

// Constant-initialised (no guard variable: a function-local static's guard
// calls into libstdc++, which the split-stack linker taxes on every call).
// Never destroyed: exit() runs static destructors while the timer thread
// still runs (scheduler/exit_stop.hpp stops goroutines, not it).
[[clang::no_destroy]] constinit timer_heap heap;
timer_heap& th() { return heap; }

bool earlier(const timer* a, const timer* b) { return a->when < b->when; }

void publish_earliest(timer_heap& h) {
  h.earliest.store(h.heap.empty() ? INT64_MAX : h.heap.front()->when,
                   std::memory_order_relaxed);
}

void sift_up(std::vector<timer*>& h, std::size_t i) {
  timer* t = h[i];
  while (i > 0) {
    std::size_t parent = (i - 1) / 2;
    if (!earlier(t, h[parent])) break;
    h[i] = h[parent];
    h[i]->heap_index = std::int64_t(i);
    i = parent;
  }
  h[i] = t;
  t->heap_index = std::int64_t(i);
}

void sift_down(std::vector<timer*>& h, std::size_t i) {
  timer* t = h[i];
  std::size_t n = h.size();
  for (;;) {
    std::size_t c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && earlier(h[c + 1], h[c])) ++c;
    if (!earlier(h[c], t)) break;
    h[i] = h[c];
    h[i]->heap_index = std::int64_t(i);
    i = c;
  }
  h[i] = t;
  t->heap_index = std::int64_t(i);
}

void remove_at(std::vector<timer*>& h, std::size_t i) {
  timer* last = h.back();
  h.pop_back();
  if (i < h.size()) {
    h[i] = last;
    last->heap_index = std::int64_t(i);
    sift_down(h, i);
    sift_up(h, std::size_t(last->heap_index));
  }
}

std::once_flag thread_once;
std::atomic<bool> thread_started{false};

void start_timer_thread() {
  // The flag keeps call_once (pthread_once, which TSan sees as an edge
  // from the first caller to every later one) off the common path.
  if (thread_started.load(std::memory_order_acquire)) return;
  std::call_once(thread_once, [] {
    gort_timer_hooks.start_thread();
    thread_started.store(true, std::memory_order_release);
  });
}

}  // namespace

owned_lock& timer_lock() { return th().lock; }

timer_round fire_due_timers() {
  timer_heap& t = th();
  t.lock.lock();
  bool fired = false;
  std::int64_t now = now_ns();
  while (!t.heap.empty() && t.heap.front()->when <= now) {
    timer* due = t.heap.front();
    remove_at(t.heap, 0);
    due->heap_index = -1;
    due->fire(due);
    // Only now: the goroutine it readied is in a run queue (checkdead).
    t.count.fetch_sub(1, std::memory_order_seq_cst);
    fired = true;
  }
  publish_earliest(t);
  timer_round r;
  r.fired = fired;
  r.wait_ns = t.heap.empty() ? -1 : t.heap.front()->when - now;
  // Read under the lock: an add_timer after the unlock that becomes the
  // earliest bumps it, so the thread's futex_wait returns at once.
  r.seq = t.seq.load(std::memory_order_acquire);
  r.drained = fired && t.heap.empty();
  t.lock.unlock();
  return r;
}

const std::atomic<std::uint32_t>& timers_changed() { return th().seq; }

void add_timer_locked(timer* t) {
  timer_heap& h = th();
  h.lock.assert_held();
  {
    race_ignore_memory runtime_allocation;  // the heap grows on any goroutine
    h.heap.push_back(t);
  }
  sift_up(h.heap, h.heap.size() - 1);
  h.count.fetch_add(1, std::memory_order_relaxed);
  if (t->heap_index == 0) {
    publish_earliest(h);
    h.seq.fetch_add(1, std::memory_order_release);
    futex_wake(h.seq, 1);
  }
}

void add_timer(timer* t) {
  start_timer_thread();
  th().lock.lock();
  add_timer_locked(t);
  th().lock.unlock();
}

bool del_timer(timer* t) {
  timer_heap& h = th();
  h.lock.lock();
  bool queued = t->heap_index >= 0;
  if (queued) {
    remove_at(h.heap, std::size_t(t->heap_index));
    t->heap_index = -1;
    h.count.fetch_sub(1, std::memory_order_relaxed);
    publish_earliest(h);
  }
  h.lock.unlock();
  return queued;
}

std::int64_t earliest_timer_ns() {
  return th().earliest.load(std::memory_order_relaxed);
}

std::size_t pending_timers() {
  return th().count.load(std::memory_order_relaxed);
}

void ensure_timer_thread() { start_timer_thread(); }

}  // namespace gort::rt
