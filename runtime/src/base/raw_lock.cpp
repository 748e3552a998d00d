// detail::raw_lock: Drepper's three-state futex mutex (0 free, 1 locked,
// 2 locked with sleepers) with a short spin first, since runtime critical
// sections are a few dozen instructions.
#include <gort/detail/park.hpp>

#include "base/futex.hpp"

namespace gort::detail {

namespace {
constexpr int kSpins = 512;
}  // namespace

void raw_lock::lock_slow() noexcept {
  // Spin first: holders keep it for a few dozen instructions (or across
  // one context switch, when a goroutine parks), and a futex sleep/wake
  // pair costs two system calls.
  for (int spin = 0; spin < kSpins; ++spin) {
    std::uint32_t expected = 0;
    if (word.load(std::memory_order_relaxed) == 0 &&
        word.compare_exchange_weak(expected, 1, std::memory_order_acquire))
      return;
    __builtin_ia32_pause();
  }
  // Mark contended; whoever holds it will wake us on unlock.
  while (word.exchange(2, std::memory_order_acquire) != 0) {
    rt::futex_wait(word, 2);
    // Woken: it is likely free now, or soon; spin a little before
    // sleeping again.
    for (int spin = 0; spin < kSpins / 4; ++spin) {
      if (word.load(std::memory_order_relaxed) == 0) break;
      __builtin_ia32_pause();
    }
  }
}

void raw_lock::unlock_slow() noexcept { rt::futex_wake(word, 1); }

}  // namespace gort::detail
