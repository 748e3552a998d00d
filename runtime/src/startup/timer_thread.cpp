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
#include "scheduler/g0_turn.hpp"
#include "scheduler/sched.hpp"
#include "startup/threads.hpp"
#include "timer/timer.hpp"

namespace gort::rt {

namespace {

constexpr std::int64_t kMsGrace = 1'000'000;  // ns

void* timer_thread(void*) {
  // A timer firing is no synchronisation in the language (Go's Sleep and
  // After order nothing): TSan sees none of this thread's (race builds).
  race_ignore_sync timers_order_nothing;
  prctl(PR_SET_TIMERSLACK, 1UL);  // wake on time, not 50 us late
  std::uint64_t seen = timers_fired_by_ms();
  for (;;) {
    timer_round r = fire_due_timers();
    if (r.drained) checkdead();
    // Ms between goroutines fire due timers too (scheduler/g0_turn.hpp).
    // While they do and some P runs, leave them the next one: wake
    // kMsGrace after it, in case no M passes by meanwhile. A server's
    // goroutines arm a timer per poll() and most fire (cpp-httplib's 10 ms
    // keep-alive waits); woken for each, this thread cost 7% of a CPU and
    // a context switch per timer. With every P idle nobody will pass by:
    // exact. When running Ms stop firing (goroutines that do not switch),
    // one timer is late by up to kMsGrace and the thread is exact again
    // from the next round on.
    std::uint64_t by_ms = timers_fired_by_ms();
    std::int64_t wait = r.wait_ns;
    bool some_p_runs = sched.npidle.load(std::memory_order_relaxed) <
                       sched.nprocs.load(std::memory_order_relaxed);
    if (wait >= 0 && by_ms != seen && some_p_runs) wait += kMsGrace;
    seen = by_ms;
    futex_wait(timers_changed(), r.seq, wait);
  }
}

}  // namespace

void start_timer_thread() { start_runtime_thread(timer_thread, "timer"); }

}  // namespace gort::rt
