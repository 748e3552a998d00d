// detail::raw_lock: Drepper's three-state futex mutex (0 free, 1 locked,
// 2 locked with sleepers) with a short spin first, since runtime critical
// sections are a few dozen instructions.
#include <gort/detail/park.hpp>

#include "base/futex.hpp"

__thread std::uint32_t gort_locks_held = 0;

namespace gort::detail {

namespace {
// Like Go's lock_futex.go: rounds of polling, each followed by a burst of
// pauses. Polling the word on every pause keeps pulling the lock's cache
// line away from the holder, whose critical section writes that line (a
// channel's counters sit next to its lock). Four rounds, as Go; 100 pauses
// a round, tuned on chan_throughput (measurements: docs/design/
// scheduler.md, "Runtime lock spinning").
constexpr int kSpinRounds = 4;
constexpr int kPausesPerRound = 100;
}  // namespace

void raw_lock::lock_slow() noexcept {
  // Spin first: holders keep it for a few dozen instructions (or across
  // one context switch, when a goroutine parks), and a futex sleep/wake
  // pair costs two system calls.
  for (int round = 0; round < kSpinRounds; ++round) {
    std::uint32_t expected = 0;
    if (word.load(std::memory_order_relaxed) == 0 &&
        word.compare_exchange_weak(expected, 1, std::memory_order_acquire))
      return;
    for (int i = 0; i < kPausesPerRound; ++i) __builtin_ia32_pause();
  }
  // Mark contended; whoever holds it will wake us on unlock.
  while (word.exchange(2, std::memory_order_acquire) != 0) {
    rt::futex_wait(word, 2);
    // Woken: it is likely free now, or soon; give it one round before
    // sleeping again.
    if (word.load(std::memory_order_relaxed) != 0)
      for (int i = 0; i < kPausesPerRound; ++i) __builtin_ia32_pause();
  }
}

void raw_lock::unlock_slow() noexcept { rt::futex_wake(word, 1); }

}  // namespace gort::detail
