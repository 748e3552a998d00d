// gort::mutex: a three-state futex mutex (Drepper, "Futexes Are Tricky",
// mutex #3) whose sleeping is done by parking goroutines on the embedded
// park_queue. Unlock wakes one waiter, which competes again for the lock
// (barging, as Go's mutex does in normal mode: better throughput than
// hand-off; Go's starvation mode is not implemented yet).
//
// Race builds: the fast paths are inline atomics in the user's (TSan
// instrumented) code, which TSan sees; the slow paths here are not
// instrumented and say so on the same address (unlock -> lock).
#include <gort/sync.hpp>

#include "base/fatal.hpp"
#include "base/race.hpp"

namespace gort {

// The layout users embed must not change (the size before the one waiter
// FIFO, x86-64).
static_assert(sizeof(mutex) == 32 && alignof(mutex) == 8);

void mutex::lock_slow() {
  // Spin briefly: the holder is likely running on another P.
  for (int i = 0; i < 40; ++i) {
    std::uint32_t expected = 0;
    if (state_.load(std::memory_order_relaxed) == 0 &&
        state_.compare_exchange_weak(expected, 1, std::memory_order_acquire)) {
      rt::race_acquire(&state_);
      return;
    }
    __builtin_ia32_pause();
  }
  while (state_.exchange(2, std::memory_order_acquire) != 0)
    waiters_.wait_if(state_, 2, detail::wait_reason::mutex_lock);
  rt::race_acquire(&state_);
}

void mutex::unlock_slow() {
  // fetch_sub saw 2 (contended: now 1) or 0 (not locked: now ~0u).
  if (state_.load(std::memory_order_relaxed) == ~0u)
    rt::fatal_misuse("sync: unlock of unlocked mutex");
  rt::race_release(&state_);
  state_.store(0, std::memory_order_release);
  waiters_.wake(1);
}

}  // namespace gort
