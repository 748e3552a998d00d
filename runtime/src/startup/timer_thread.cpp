// The timer thread: a runtime thread (no P, not a goroutine) that fires due
// timers (timer/'s heap) and sleeps on a futex until the earliest deadline.
// It sits here, above the scheduler, because when the last timer fired it
// runs the deadlock check: that timer may have woken nobody, and nothing
// else would ever check again.
#include "startup/timer_thread.hpp"

#include <sys/prctl.h>

#include "base/futex.hpp"
#include "base/race.hpp"
#include "scheduler/checkdead.hpp"
#include "startup/threads.hpp"
#include "timer/timer.hpp"

namespace gort::rt {

namespace {

void* timer_thread(void*) {
  // A timer firing is no synchronisation in the language (Go's Sleep and
  // After order nothing): TSan sees none of this thread's (race builds).
  race_ignore_sync timers_order_nothing;
  prctl(PR_SET_TIMERSLACK, 1UL);  // wake on time, not 50 us late
  for (;;) {
    timer_round r = fire_due_timers();
    if (r.drained) checkdead();
    futex_wait(timers_changed(), r.seq, r.wait_ns);
  }
}

}  // namespace

void start_timer_thread() { start_runtime_thread(timer_thread, "timer"); }

}  // namespace gort::rt
