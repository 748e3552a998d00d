// Runtime timers: one heap ordered by deadline, served by the timer thread
// (runtime-internal, not a goroutine). No thread per sleeper.
#pragma once

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

// Parks the calling goroutine until now_ns() >= deadline_ns (timer/sleep.cpp).
void park_until(std::int64_t deadline_ns);

// Number of timers queued (deadlock detection: a pending timer can wake).
std::size_t pending_timers();

}  // namespace gort::rt
