// What an M does between goroutines now and then (scheduler/g0_turn.hpp).
#include "scheduler/g0_turn.hpp"

#include <atomic>

#include "base/clock.hpp"
#include "base/race.hpp"
#include "netpoll/netpoll.hpp"
#include "scheduler/m.hpp"
#include "scheduler/netpoll_glue.hpp"
#include "timer/timer.hpp"

namespace gort::rt {

namespace {
std::atomic<std::uint64_t> fired_by_ms{0};
}  // namespace

[[gnu::noinline]] bool g0_turn_slow(P* p) {
  std::int64_t when = earliest_timer_ns();
  // Only while p's queue is short: the goroutines a poll readies join its
  // tail, and with a long queue they overflowed into the global queue,
  // which a busy P serves one goroutine per 61 (tcp_echo's p99 at one P
  // went from 38 ms to 770 ms). A long queue is work enough until then.
  bool poll_check = p->switchtick % kNetpollCheckEvery == 0 &&
                    p->runq.size() < kNetpollMaxQueue && netpoll::waiters() > 0;
  if (when == INT64_MAX && !poll_check) return false;
  std::int64_t now = now_ns();
  if (when <= now) p->timers_due = true;
  if (poll_check && netpoll_poll_due(now)) p->netpoll_due = true;
  return p->timers_due || p->netpoll_due;
}

void g0_turn_run(P* p) {
  bool timers = p->timers_due;
  p->timers_due = false;
  if (!timers) {
    std::int64_t when = earliest_timer_ns();
    timers = when != INT64_MAX && when <= now_ns();
  }
  if (timers) {
    // As on the timer thread: a timer firing orders nothing (Go's Sleep
    // and After), so TSan sees no edge from this M's context (race builds).
    race_ignore_sync timers_order_nothing;
    // The goroutines it readies go onto p's queue in deadline order (as
    // the timer thread's go onto the global queue), not into runnext.
    M* m = this_m();
    m->firing_timers = true;
    bool fired = fire_due_timers().fired;
    m->firing_timers = false;
    if (fired) fired_by_ms.fetch_add(1, std::memory_order_relaxed);
  }
  if (p->netpoll_due) {
    p->netpoll_due = false;
    netpoll_ready_now(p);
  }
}

std::uint64_t timers_fired_by_ms() {
  return fired_by_ms.load(std::memory_order_relaxed);
}

}  // namespace gort::rt
