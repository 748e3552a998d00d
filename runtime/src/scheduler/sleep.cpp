// gort::sleep_for / sleep_until: the goroutine parks on a timer; a plain
// thread sleeps in the kernel.
#include <errno.h>
#include <time.h>

#include <gort/time.hpp>

#include "scheduler/park.hpp"
#include "scheduler/sleep.hpp"
#include "timer/timer_internal.hpp"

namespace gort::rt {
namespace {

struct sleeper : timer {
  waiter w;
};

void wake_sleeper(timer* t) { unpark(static_cast<sleeper*>(t)->w); }

}  // namespace

// Parks the calling goroutine until deadline_ns. The heap lock is released
// only after the goroutine is fully parked, so the timer cannot fire into a
// half-switched goroutine.
void park_until(std::int64_t deadline_ns) {
  sleeper s;
  s.when = deadline_ns;
  s.fire = wake_sleeper;
  init_waiter(s.w);
  ensure_timer_thread();
  timer_lock().lock();
  add_timer_locked(&s);
  park(s.w, timer_lock(), detail::wait_reason::sleep);
}

}  // namespace gort::rt

namespace gort::detail {

std::int64_t steady_now_ns() { return rt::now_ns(); }

void sleep_until_steady_ns(std::int64_t deadline_ns) {
  if (deadline_ns <= rt::now_ns()) return;
  if (rt::on_goroutine()) {
    rt::park_until(deadline_ns);
    return;
  }
  timespec ts{time_t(deadline_ns / 1'000'000'000),
              long(deadline_ns % 1'000'000'000)};
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
  }
}

}  // namespace gort::detail
