#pragma once

#include <cstdint>

namespace gort::rt {

struct G;
struct P;

// With sched.lock held: append the linked list head..tail (n goroutines).
void global_runq_put_locked(G* head, G* tail, std::int64_t n);

// Takes sched.lock: appends a linked batch [head..tail] of n goroutines.
void global_runq_put_batch(G* head, G* tail, std::int64_t n);

// With sched.lock held: returns one goroutine and moves up to a fair share
// (at most max in all, when max > 0) into p's local queue.
G* global_runq_get_locked(P* p, std::int64_t max);

}  // namespace gort::rt
