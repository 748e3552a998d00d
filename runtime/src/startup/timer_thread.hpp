// The timer thread (startup/timer_thread.cpp).
#pragma once

namespace gort::rt {

// Starts the thread that fires timers (timer/'s lazy start, through
// gort_timer_hooks; once).
void start_timer_thread();

}  // namespace gort::rt
