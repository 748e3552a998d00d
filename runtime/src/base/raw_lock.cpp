// detail::raw_lock: Drepper's three-state futex mutex (0 free, 1 locked,
// 2 locked with sleepers) with a short spin first, since runtime critical
// sections are a few dozen instructions.
#include <gort/detail/park.hpp>

#include "base/futex.hpp"

namespace gort::detail {

void raw_lock::lock_slow() noexcept {
  for (int spin = 0; spin < 64; ++spin) {
    std::uint32_t expected = 0;
    if (word.load(std::memory_order_relaxed) == 0 &&
        word.compare_exchange_weak(expected, 1, std::memory_order_acquire))
      return;
    __builtin_ia32_pause();
  }
  // Mark contended; whoever holds it will wake us on unlock.
  while (word.exchange(2, std::memory_order_acquire) != 0)
    rt::futex_wait(word, 2);
}

void raw_lock::unlock_slow() noexcept { rt::futex_wake(word, 1); }

}  // namespace gort::detail
