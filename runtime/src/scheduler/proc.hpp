// The scheduler's steps that scheduler/proc.cpp defines, named after Go's
// (runtime/proc.go): ready, wakep, startm, the M loop. docs/design/
// scheduler.md explains the wake-up protocol.
#pragma once

namespace gort::rt {

struct G;
struct M;
struct P;

// Makes g runnable: next on the caller's P if it has one (runnext), else on
// the global queue with an M started for an idle P.
void ready(G* g, bool next = true);

// Starts an M spinning for an idle P if none is spinning (Go's wakep).
void wakep();

// Starts (or wakes an idle) M to run p; `spinning` if the caller counted it
// in nmspinning.
void start_m(P* p, bool spinning);

// Runs the calling thread as the scheduler's M until the process exits.
[[noreturn]] void run_m(M* m);

// A runnable goroutine from p's own queues or the global queue (no
// stealing, never blocks), or null. Used to switch G -> G directly.
G* find_local_runnable(P* p, bool* inherit);

// The goroutine running on this thread, or null.
G* current_g() noexcept;

}  // namespace gort::rt
