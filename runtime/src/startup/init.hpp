// Runtime start-up (startup/init.cpp).
#pragma once

namespace gort::rt {

// Once per process, on first use (the scheduler's ensure_started, through
// gort_scheduler_hooks): goroutine ids, the panic handler, the deadlock
// check's file, the fork handler, the program's signal mask, GORT_MAXPROCS
// Ps, the SIGQUIT/SIGABRT reports and sysmon's thread.
void start_runtime();

}  // namespace gort::rt
