// Timer internals shared by timer/ (sleep parks with the heap lock held).
#pragma once

#include <gort/detail/park.hpp>

#include "timer/timer.hpp"

namespace gort::rt {

detail::raw_lock& timer_lock();
void add_timer_locked(timer* t);  // with timer_lock() held
void ensure_timer_thread();

}  // namespace gort::rt
