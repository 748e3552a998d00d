// Runtime timers: one heap ordered by deadline, served by the timer thread
// (runtime-internal, not a goroutine: startup/timer_thread.cpp) and by Ms
// passing between goroutines (scheduler/g0_turn.hpp). No thread per
// sleeper.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "base/clock.hpp"

namespace gort::rt {

// Deadlines are now_ns() values (base/clock.hpp).
struct timer {
  std::int64_t when = 0;          // steady_clock deadline, ns
  void (*fire)(timer*) = nullptr; // runs on the timer thread; must not block
  // Heap bookkeeping, owned by timer/ (index into the heap, -1: not queued).
  std::int64_t heap_index = -1;
};

// Queues t; fire(t) runs once, at or after t->when.
void add_timer(timer* t);

// Removes t if it has not fired yet. Returns true if it was removed; false
// if it already fired or is firing. When it returns, fire(t) is not running
// (so t may be destroyed).
bool del_timer(timer* t);

// Number of timers queued (deadlock detection: a pending timer can wake).
std::size_t pending_timers();

// The earliest queued deadline (INT64_MAX: none), read without the lock:
// an M between goroutines fires due timers itself when it has passed
// (scheduler/g0_turn.hpp), as Go's Ps run their timers.
std::int64_t earliest_timer_ns();

// ---- Who fires: the timer thread (startup/timer_thread.cpp), and Ms ----

// One round: fires every due timer under the heap's lock (a timer leaves
// pending_timers() only after its fire returned). The timer thread runs
// rounds; so does an M that finds the earliest deadline passed.
struct timer_round {
  std::int64_t wait_ns;  // until the earliest deadline; -1: heap empty
  std::uint32_t seq;     // timers_changed() as read under the lock
  bool drained;          // this round fired the last queued timer
  bool fired;            // this round fired at least one timer
};
timer_round fire_due_timers();

// Bumped (and futex-woken) when a timer becomes the earliest: the timer
// thread waits on it with the round's `seq`.
const std::atomic<std::uint32_t>& timers_changed();

// What timer/ asks of start-up (docs/design/layers.md, "Hooks"): the first
// add_timer starts the timer thread, once.
struct timer_hooks {
  void (*start_thread)();
};
extern const timer_hooks gort_timer_hooks;

}  // namespace gort::rt
