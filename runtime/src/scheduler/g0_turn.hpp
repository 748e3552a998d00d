// Now and then a switch between goroutines goes through g0 instead of
// straight to the next goroutine, so that a P whose queue never runs dry
// still does what find_runnable does on the way: fire due timers (as Go's
// Ps run their own timers, without waking the timer thread) and poll the
// network poller. switch_out asks; find_runnable acts on the P's flags.
// docs/design/scheduler.md, "Timers", and docs/design/netpoll.md,
// "Who polls".
#pragma once

#include <cstdint>

#include "scheduler/p.hpp"

namespace gort::rt {

// Every kTimerCheckEvery-th switch on a P looks at the earliest timer (a
// clock read, only while timers are queued); every kNetpollCheckEvery-th
// also at the network poller (netpoll_poll_due), if the P's queue is short.
constexpr std::uint32_t kTimerCheckEvery = 8;
constexpr std::uint32_t kNetpollCheckEvery = 64;
constexpr std::uint32_t kNetpollMaxQueue = 4;  // ... and fewer goroutines queued

bool g0_turn_slow(P* p);  // out of line: it calls libc (the clock)

// From switch_out: should this switch go through g0? Sets p's flags.
inline bool g0_turn(P* p) {
  if (++p->switchtick % kTimerCheckEvery != 0) [[likely]] return false;
  return g0_turn_slow(p);
}

// From find_runnable, with p held, on g0: fire the due timers if p's flag
// or the clock says so; poll the network poller if p's flag says so.
void g0_turn_run(P* p);

// Timers fired by Ms so far (the timer thread's cue that Ms are firing
// timers, startup/timer_thread.cpp).
std::uint64_t timers_fired_by_ms();

}  // namespace gort::rt
