// Who ends the process. Several parties may try at once: main returning,
// exit() (interposed: scheduler/exit.cpp), a deadlock report, a goroutine's
// unrecovered panic. Go's rules (runtime/proc.go main, runningPanicDefers):
// a panic in progress wins — it is printing its report and will exit with
// status 2 — so main's return and exit() wait for it; otherwise the first of
// main's return and exit() owns the exit and any later one waits forever.
// docs/guide.md (program model) states the contract.
#pragma once

#include <atomic>

namespace gort::rt {

// Set by a panic (or a fatal report) as its first step; never cleared.
void note_panicking() noexcept;

// Blocks the calling thread forever if a panic is being reported.
void wait_for_panic_in_progress() noexcept;

// Claims the right to end the process (after waiting for a panic in
// progress). Returns only to the first caller; every later caller blocks
// forever, leaving the exit status to the first.
void claim_process_exit() noexcept;

// Blocks the calling thread forever (signal handlers still run on it).
[[noreturn]] void park_thread_forever() noexcept;

}  // namespace gort::rt
