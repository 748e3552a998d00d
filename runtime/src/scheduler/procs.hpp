// The idle P list and P ownership. Unless noted, call with sched.lock held.
#pragma once

namespace gort::rt {

struct M;
struct P;

void pidle_put(P* p);
P* pidle_get();
void resize_procs_locked(int n);

// No lock needed: only the M itself touches m->p.
void acquire_p(M* m, P* p);
void release_p(M* m);

}  // namespace gort::rt
