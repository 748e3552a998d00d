// Running goroutines: execute (g0 -> G), switch_out (G -> next G or g0),
// finish_switch (the bookkeeping on the far side of every switch).
#pragma once

#include "scheduler/sched.hpp"

namespace gort::rt {

// On g0: runs g until it switches back to g0.
void execute(M* m, G* g, bool inherit);

// Starts an M spinning for an idle P if none is spinning (Go's wakep).
void wakep();

// A runnable goroutine from p's own queues or the global queue (no
// stealing, never blocks), or null. Used to switch G -> G directly.
G* find_local_runnable(P* p, bool* inherit);

// Recycling of dead goroutines' G structs.
G* gfree_get(P* p);
void gfree_put(P* p, G* g);

}  // namespace gort::rt
