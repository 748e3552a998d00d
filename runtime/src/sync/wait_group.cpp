// gort::wait_group: Go's WaitGroup. The counter and the number of waiters
// share one atomic word, so add/done never take a lock unless the counter
// reaches zero with waiters present.
#include <gort/panic.hpp>
#include <gort/sync.hpp>

#include "base/race.hpp"

namespace gort {

// The layout users embed must not change (the size before the one waiter
// FIFO, x86-64).
static_assert(sizeof(wait_group) == 32 && alignof(wait_group) == 8);

// Out of line: throwing calls into libstdc++, which would tax every add()
// and done() with __morestack_non_split (see docs/design/stacks.md).
[[noreturn, gnu::noinline]] static void negative_counter() {
  throw panic_error("sync: negative WaitGroup counter");
}

// Race edges (Go's waitgroup.go): every done() happens before the wait()
// that it lets return.
void wait_group::add(std::int64_t n) {
  if (n < 0) rt::race_release(this);
  std::uint64_t delta = std::uint64_t(n) << 32;
  std::uint64_t state = state_.fetch_add(delta, std::memory_order_acq_rel) + delta;
  auto counter = std::int32_t(state >> 32);
  auto waiters = std::uint32_t(state);
  if (counter < 0) negative_counter();
  if (counter > 0 || waiters == 0) return;
  // Counter hit zero with waiters: nobody can add waiters now (wait() sees
  // a zero counter and returns), so reset and release them all.
  state_.store(0, std::memory_order_relaxed);
  sema_.release(waiters);
}

void wait_group::wait() {
  std::uint64_t state = state_.load(std::memory_order_acquire);
  for (;;) {
    if (std::int32_t(state >> 32) == 0) {
      rt::race_acquire(this);
      return;
    }
    if (state_.compare_exchange_weak(state, state + 1,
                                     std::memory_order_acq_rel)) {
      sema_.acquire(detail::wait_reason::wait_group_wait);
      rt::race_acquire(this);
      return;
    }
  }
}

}  // namespace gort
