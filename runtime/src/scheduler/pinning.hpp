// Goroutines pinned to their thread while they hold a pthread lock
// (docs/design/foreign.md). The scheduler's part: a pinned goroutine never
// switches away; when it must wait (a park, a P lost to a system call) its
// M waits with it, and a P is brought to that M instead of the goroutine
// being queued for any M.
#pragma once

#include <gort/detail/park.hpp>

#include "scheduler/g.hpp"

namespace gort::detail {
struct waiter;
}

namespace gort::rt {

struct M;
struct P;

inline bool pinned(const G* g) { return g->locks_held != 0; }

// Gives the calling M (which has no P, and runs a pinned goroutine) a P:
// an idle one, or else it sleeps until pidle_put hands it the next P that
// would go idle. Returns with m->p set.
void acquire_p_keeping_thread(M* m);

// With sched.lock held, from pidle_put: if an M waits for a P in
// acquire_p_keeping_thread, hands it p and returns true (p is then not
// idle).
bool give_p_to_thread_waiting_locked(P* p);

// park() of a pinned goroutine: blocks the thread (the waiter is marked so
// that unpark wakes the thread rather than readying the goroutine) and
// hands the P on, as a blocking system call does. Set at start-up by the
// syscall layer (syscall/pinned_park.cpp), which owns the P handoff.
using park_pinned_fn = void (*)(detail::waiter& w, void (*unlock)(void*),
                                void* arg, detail::wait_reason why);
extern park_pinned_fn park_pinned;
// gort::yield (and a preemption request) of a pinned goroutine: lets the
// other goroutines run by handing the P on for a moment, keeping the
// thread. Set with park_pinned.
extern void (*yield_pinned)();

}  // namespace gort::rt
