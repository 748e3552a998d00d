// Every thread the runtime creates for itself, and the start of every
// thread of the process (startup/threads.cpp).
#pragma once

namespace gort::rt {

// Starts a runtime-internal thread (timer thread, sysmon): detached, all
// signals blocked, and counted as a runtime thread before it exists, so
// checkdead never takes it for a possible waker. `what` names it in the
// fatal error if it cannot be created.
void start_runtime_thread(void* (*fn)(void*), const char* what);

}  // namespace gort::rt
