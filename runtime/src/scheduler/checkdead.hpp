// Deadlock detection (Go's checkdead) and the accounting it needs.
#pragma once

#include <atomic>

namespace gort::rt {

// At start-up: opens what the check reads later (it must need no new file
// descriptor: the program may have used them all up).
void checkdead_init();

// A runtime-internal thread (timer thread, sysmon) is about to be created
// (startup/threads.cpp): counted before it exists, so the check never takes
// it for a possible waker.
void runtime_thread_created();
// Threads outside the runtime may still wake a goroutine, unless they are
// themselves parked on a gort primitive.
void plain_thread_parking();    // a plain thread is about to sleep in park
void plain_thread_unparked();   // its waker, before waking it
// The same for an M whose pinned goroutine (scheduler/pinning.hpp) blocks
// its thread in a park: that M counts as idle.
void pinned_thread_parking();
void pinned_thread_unparked();
// A plain thread is exiting (its start function returned or it called
// pthread_exit). Its later thread-specific destructors may still wake a
// goroutine, so nothing is decided now: the thread is remembered, and
// sysmon runs the check once the kernel no longer lists it.
void plain_thread_exiting();
// sysmon's part: runs the check if a remembered thread is gone; returns
// whether some are still exiting (sysmon then keeps ticking).
bool recheck_exited_threads();

// With sched.lock held, when an M goes idle: if nothing can ever run again,
// prints "fatal error: all goroutines are asleep - deadlock!" and a dump
// of every goroutine, and exits with status 2.
void checkdead_locked();

// The same, taking sched.lock (for callers outside the scheduler: a plain
// thread parking or exiting, the timer heap running dry).
void checkdead();

}  // namespace gort::rt
