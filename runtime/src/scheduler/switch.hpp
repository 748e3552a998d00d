// Running goroutines: execute (g0 -> G), switch_out (G -> next G or g0),
// finish_switch (the bookkeeping on the far side of every switch).
#pragma once

#include "scheduler/sched.hpp"

namespace gort::rt {

// On g0: runs g until it switches back to g0.
void execute(M* m, G* g, bool inherit);

// Switches away from the running goroutine: `what` tells what happens to it
// once its context is saved. Returns when it runs again.
void switch_out(post_switch::kind what, void (*unlock)(void*) = nullptr,
                void* arg = nullptr);

// Recycling of dead goroutines' G structs.
G* gfree_get(P* p);
void gfree_put(P* p, G* g);

}  // namespace gort::rt
