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
// channel's counters sit next to its lock): chan_throughput with two
// threads took 92 ns per item that way, 51 ns with Go's 30 pauses and
// 42 ns with 100 (Go: 46 ns; a pause is ~20 ns on this machine), with
// pingpong, mutex, skynet and handoff latency unchanged or better. Four
// rounds, as Go, measured as well as sixteen: a waiter whose holder was
// preempted burns ~8 us here before sleeping on the futex.
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
