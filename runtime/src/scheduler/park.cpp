// park/unpark (scheduler/park.hpp): the goroutine path switches away and is
// readied later; the plain-thread path sleeps on a futex in the waiter.
#include "scheduler/park.hpp"

#include "base/forked_child.hpp"
#include "base/futex.hpp"
#include "base/race.hpp"
#include "scheduler/checkdead.hpp"
#include "scheduler/pinning.hpp"
#include "scheduler/sched.hpp"
#include "scheduler/switch.hpp"

namespace gort::rt {

bool on_goroutine() { return current_g() != nullptr; }

void init_waiter(waiter& w) {
  w.base.g = current_g();
  w.base.woken.store(0, std::memory_order_relaxed);
  w.base.blocks_thread = false;
  w.next = w.prev = nullptr;
  w.success = false;
}

void park(waiter& w, void (*unlock)(void*), void* arg, wait_reason why) {
  check_not_forked_child();
  if (G* g = w.base.g) {
    if (pinned(g)) [[unlikely]] {  // holds a pthread lock: keep the thread
      park_pinned(w, unlock, arg, why);
      return;
    }
    g->reason = why;
    set_status(g, gstatus::waiting);
    switch_out(post_switch::park, unlock, arg);
    g->reason = wait_reason::none;
    race_acquire(&w);  // the waker's past (unpark)
    return;
  }
  plain_thread_parking();
  unlock(arg);
  while (w.base.woken.load(std::memory_order_acquire) == 0)
    futex_wait(w.base.woken, 0);
  race_acquire(&w);
}

void unpark(waiter& w) {
  check_not_forked_child();
  // Whoever wakes a waiter did what it waits for (a send, an unlock, a
  // notify): its past happens before the waiter's future.
  race_release(&w);
  if (G* g = w.base.g) {
    if (!w.base.blocks_thread) [[likely]] {
      ready(g, true);
      return;
    }
    pinned_thread_unparked();
  } else {
    plain_thread_unparked();
  }
  // The thread may return and reuse its stack as soon as it sees woken;
  // a futex wake on a stale address is harmless.
  w.base.woken.store(1, std::memory_order_release);
  futex_wake(w.base.woken, 1);
}

}  // namespace gort::rt
