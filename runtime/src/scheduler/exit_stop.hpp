// Stopping the scheduler for exit(): once exit() starts, no goroutine is
// scheduled again, so the static destructors and atexit handlers it runs
// next cannot pull objects from under running goroutines.
// (docs/design/scheduler.md, "exit()").
#pragma once

#include <atomic>

namespace gort::rt {

struct M;

extern std::atomic<bool> exit_stopping_world;

// The goroutine running exit() (null on a plain thread): it must run the
// exit-time hooks to the end, so preemption leaves it alone (a preempted
// exit() caller would wait for a scheduler that has stopped).
extern std::atomic<const void*> exiting_g;

// Parks the calling M for good (it holds no lock), acknowledging the stop
// for the P it holds. Checked where an M is about to run a goroutine
// (execute, find_runnable) and where a goroutine re-enters the scheduler
// from a system call (exitsyscall).
[[noreturn]] void stop_m_for_exit(M* m) noexcept;

[[gnu::always_inline]] inline void check_stop_for_exit(M* m) noexcept {
  if (__builtin_expect(exit_stopping_world.load(std::memory_order_relaxed), 0))
    stop_m_for_exit(m);
}

// The exit() caller's part: sets the flag and waits until every P held by
// another M is stopped (or not running goroutines: idle, in a system call,
// retired). A goroutine that never enters the runtime cannot be stopped
// without preemption: after a grace period of one second exit() goes on.
void stop_the_world_for_exit() noexcept;

}  // namespace gort::rt
