// Runtime queries and control: GOMAXPROCS, Gosched, NumGoroutine.
#pragma once

#include <cstddef>
#include <cstdint>

namespace gort {

// Number of processors (Ps) that run goroutines at once (GOMAXPROCS).
int max_procs();

// Sets the number of Ps (n >= 1; n <= 0 only queries) and returns the
// previous value, like runtime.GOMAXPROCS.
int set_max_procs(int n);

// Yields the processor (runtime.Gosched): the calling goroutine goes to the
// back of its processor's run queue, so every goroutine queued there runs
// first. On a plain OS thread it yields the thread.
void yield();

// Goroutines that exist now (runtime.NumGoroutine); runtime-internal work is
// not counted, so a fresh main sees 1.
std::size_t num_goroutine();

// The calling goroutine's id (main is 1); 0 on a thread that is not
// running a goroutine.
std::uint64_t goroutine_id();

}  // namespace gort

// Opts one function out of the preemption polls gort++ puts on the
// back-edges of its call-free loops (docs/guide.md, "Preemption"): a loop
// in it that calls nothing is never preempted, so keep such loops short.
// Calls it makes are still preemption points. For a whole translation
// unit: gort++ --gort-no-loop-polls.
#define GORT_NOPREEMPT __attribute__((annotate("gort_nopreempt")))
