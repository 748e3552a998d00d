// sysmon: the runtime's monitor thread (Go's sysmon). It runs without a P,
// waking every 20 us while there is work to watch and backing off to 10 ms
// when idle (1 ms while a P runs a goroutine). It prints GORT_DEBUG=
// schedtrace lines, retakes Ps from goroutines blocked in system calls and
// requests preemption of goroutines over their time slice (preempt/).
#pragma once

#include <cstdint>

namespace gort::rt {

// Before sysmon's thread starts: the clock schedtrace lines count from.
void sysmon_init();
// sysmon's thread (started by startup/init.cpp).
void* sysmon_main(void*);

// Adds a spare P while a thread sleeps in the kernel holding its P in code
// the runtime cannot see, removes it when the thread is back
// (sysmon/unseen_block.cpp). Returns whether sysmon should look again
// within a millisecond (goroutines wait on a running P, or a spare is in
// use). `now`: this tick's now_ns().
bool watch_unseen_blocking(std::int64_t now);

// Prints one schedtrace line (Go's GODEBUG=schedtrace format) to stderr.
void print_schedtrace();

}  // namespace gort::rt
