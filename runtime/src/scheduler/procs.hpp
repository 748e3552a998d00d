// The idle P list and P ownership. Unless noted, call with sched.lock held.
#pragma once

namespace gort::rt {

struct M;
struct P;

void pidle_put(P* p);
P* pidle_get();
void resize_procs_locked(int n);

// No lock: starts the runtime once (through gort_scheduler_hooks, on the
// first spawn or max_procs call); safe from static initialisers and from
// any thread.
void ensure_started();

// No lock needed: only the M itself touches m->p.
void acquire_p(M* m, P* p);
void release_p(M* m);

}  // namespace gort::rt
