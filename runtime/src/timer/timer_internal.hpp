// The heap under its lock, for a user that must park with it held
// (scheduler/sleep.cpp: the timer must not fire into a half-parked goroutine).
#pragma once

#include <gort/detail/park.hpp>

#include "base/owned_lock.hpp"
#include "timer/timer.hpp"

namespace gort::rt {

owned_lock& timer_lock();
void add_timer_locked(timer* t);  // with timer_lock() held
void ensure_timer_thread();

}  // namespace gort::rt
