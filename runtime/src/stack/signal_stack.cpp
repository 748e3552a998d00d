// Each thread's alternate signal stack, laid out as a segment that can grow
// (kSegSignal: allocated straight from the arena, never pooled: the pools
// are not async-signal-safe). Installed for every thread started through
// pthread_create (startup/threads.cpp) and for the main thread at start-up
// (startup/early_init.cpp); given back for reuse when a thread exits.
#include <pthread.h>
#include <signal.h>

#include <gort/detail/park.hpp>

#include "base/owned_lock.hpp"
#include "stack/signals.hpp"
#include "stack/stack.hpp"

#if GORT_SPLIT_STACK
namespace gort::rt {

__thread stack_seg* tls_altseg __attribute__((tls_model("initial-exec")));

namespace {

// Alternate signal stacks of threads that have exited, for the next ones
// (a program starting and joining threads forever must not grow).
owned_lock free_altsegs_lock;
stack_seg* free_altsegs = nullptr;  // linked through `prev` (unused here)

}  // namespace

void stack_thread_release() {
  stack_seg* s = tls_altseg;
  if (!s) return;
  // No signal may start on the stack from here on.
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, nullptr);
  stack_t off{};
  off.ss_flags = SS_DISABLE;
  if (sigaltstack(&off, nullptr) != 0) return;  // in use: keep it (leak)
  tls_altseg = nullptr;
  free_altsegs_lock.lock();
  s->prev = free_altsegs;
  free_altsegs = s;
  free_altsegs_lock.unlock();
}

void stack_thread_init() {
  if (tls_altseg) return;
  free_altsegs_lock.lock();
  stack_seg* s = free_altsegs;
  if (s) free_altsegs = s->prev;
  free_altsegs_lock.unlock();
  if (s) s->prev = nullptr;
  else s = signal_stack_segment();
  stack_t ss{};
  ss.ss_sp = s->lo;
  ss.ss_size = std::size_t(s->hi() - s->lo);
  ss.ss_flags = 0;
  if (sigaltstack(&ss, nullptr) == 0) tls_altseg = s;
}

}  // namespace gort::rt

#else  // !GORT_SPLIT_STACK: fixed stacks (TSan build), no wrappers.
namespace gort::rt {
void stack_thread_init() {}
void stack_thread_release() {}
}  // namespace gort::rt
#endif
