// Parking and readying: the one interface every blocking primitive uses
// (sync/, chan/, timer/). It hides whether the blocked party is a goroutine
// (parked: its M runs other goroutines) or a plain OS thread (sleeps on a
// futex), so every gort API also works from plain threads.
//
// Protocol (Go's gopark/goready):
//   1. Lock the primitive's raw_lock, decide to block, link a `waiter` that
//      lives on the caller's stack into the primitive's queue.
//   2. park(w, unlock, arg, why): the runtime releases the lock by calling
//      unlock(arg) only after the goroutine's context is saved, so a waker
//      that takes the lock and unparks w can never resume a half-switched
//      goroutine.
//   3. A waker, holding the lock, unlinks w, fills in the result fields,
//      then calls unpark(w). After unpark it must not touch *w: the waiter
//      may already be running and its stack frame gone.
#pragma once

#include <atomic>
#include <cstdint>

#include <gort/detail/park.hpp>

#include "base/owned_lock.hpp"

namespace gort::rt {

struct G;

struct waiter_base {
  G* g = nullptr;                          // null: a plain OS thread
  std::atomic<std::uint32_t> woken{0};     // futex word for plain threads
  // Set (under the primitive's lock) by the park of a goroutine pinned to
  // its thread: unpark wakes the thread on `woken` instead of readying g.
  bool blocks_thread = false;
};

}  // namespace gort::rt

namespace gort::detail {

// The queue node of every blocking primitive. Fields after `base` belong to
// the primitive that queued the waiter (like Go's sudog).
struct waiter {
  rt::waiter_base base;
  waiter* next = nullptr;
  waiter* prev = nullptr;
  void* elem = nullptr;      // channels: where to copy the value from/to
  void* owner = nullptr;     // select: the select this waiter belongs to
  std::uint32_t index = 0;   // select: case index
  bool success = false;      // channels: false if woken by close
  std::int64_t ticket = 0;   // free for the primitive's use
};

}  // namespace gort::detail

namespace gort::rt {

using detail::waiter;
using detail::wait_reason;

// Prepares w for the calling goroutine or thread. Call before queueing it.
void init_waiter(waiter& w);

// Blocks the caller until unpark(w). unlock(arg) is called exactly once,
// after the caller can no longer be resumed early (see protocol above).
void park(waiter& w, void (*unlock)(void*), void* arg, wait_reason why);

// Convenience: park releasing a user object's raw_lock (checked by
// rt::unlock, base/owned_lock.hpp) ...
inline void park(waiter& w, detail::raw_lock& lock, wait_reason why) {
  park(w, [](void* l) { unlock(*static_cast<detail::raw_lock*>(l)); }, &lock,
       why);
}

// ... or a lock of the runtime's own data.
inline void park(waiter& w, owned_lock& lock, wait_reason why) {
  park(w, [](void* l) { static_cast<owned_lock*>(l)->unlock(); }, &lock, why);
}

// Makes the waiter's goroutine runnable (it runs next on the caller's P, as
// Go's goready does) or wakes its thread.
void unpark(waiter& w);

// True when the caller is a goroutine (not g0, not a plain thread).
bool on_goroutine();

}  // namespace gort::rt
