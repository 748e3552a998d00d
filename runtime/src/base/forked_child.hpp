// fork() from a program running gort: the child has one thread (the one
// that forked) and a copy of the runtime whose other Ms, timer thread and
// sysmon do not exist, and whose locks may be held by threads that are
// gone. As in Go, the child may exec or make async-signal-safe calls
// (write, dup2, close, _exit, ...; the interposed ones become plain calls);
// any other gort use — spawning, parking, waking, sleeping, a blocking
// channel or mutex operation — is the fatal error
//   fatal error: gort used in a forked child (only exec and async-signal-safe calls are supported)
// with exit status 2, instead of a hang. docs/guide.md, program model.
#pragma once

#include <atomic>

namespace gort::rt {

extern std::atomic<bool> in_forked_child;

// Registers the pthread_atfork child handler that sets in_forked_child.
void install_fork_handler();

// The fatal error above: written with write(2) and _exit(2) only (stdio's
// locks may be held by a thread that does not exist in the child; its
// buffers are the parent's and are not flushed: they would print twice).
[[noreturn]] void fatal_forked_child() noexcept;

[[gnu::always_inline]] inline void check_not_forked_child() noexcept {
  if (__builtin_expect(in_forked_child.load(std::memory_order_relaxed), 0))
    fatal_forked_child();
}

}  // namespace gort::rt
