// Lock ownership checks (GORT_DEBUG_ASSERTS builds: the sanitizer
// runtimes). Two kinds of runtime lock, two levels of checking:
//
//  * owned_lock: a lock of the runtime's own data (sched.lock, the timer
//    heap's, the stack arena's and pool's, allgs', a channel's, a poller
//    descriptor's). Nothing outside the runtime sees its layout, so debug
//    builds add an owner: unlock by a thread that does not hold it is
//    fatal, and `assert_held()` opens every `_locked` function.
//  * detail::raw_lock embedded in user objects (gort::mutex and the other
//    public primitives, gort/detail/park.hpp): programs are not built with
//    GORT_DEBUG_ASSERTS, so its layout must not depend on the macro (the
//    sanitizer runtime and the program would disagree on every object's
//    size). The runtime unlocks those through rt::unlock, fatal on
//    unlocking a free lock.
//
// The owner is the thread, not the goroutine: a lock released by a park's
// post-switch step (scheduler/switch.cpp, finish_switch) is released on the
// thread that took it, by the goroutine (or g0) it switched to. The token is
// the address of this thread's gort_locks_held: free to compute (gettid() is
// a system call) and the same in a forked child as in the thread that
// forked it. Release builds: owned_lock is a raw_lock, every check compiles
// to nothing.
#pragma once

#include <atomic>

#include <gort/detail/park.hpp>

#include "base/fatal.hpp"

namespace gort::rt {

#if defined(GORT_DEBUG_ASSERTS)
inline const void* this_thread_lock_token() noexcept { return &gort_locks_held; }
#endif

// Release builds: each function below is the plain operation, with no
// extra parameter (the caller's file and line exist only in debug builds:
// a default argument would still cost every out-of-line call two moves).
#if defined(GORT_DEBUG_ASSERTS)
#define GORT_CALLER_LOCATION const char* file = __builtin_FILE(), int line = __builtin_LINE()
#endif

// Unlocks a raw_lock of a user object (see above).
#if defined(GORT_DEBUG_ASSERTS)
inline void unlock(detail::raw_lock& l, GORT_CALLER_LOCATION) noexcept {
  if (l.word.load(std::memory_order_relaxed) == 0)
    die(die_stack::current, nullptr,
        "fatal error: runtime: unlock of unlocked lock (%s:%d)\n\n", file, line);
  l.unlock();
}
#else
inline void unlock(detail::raw_lock& l) noexcept { l.unlock(); }
#endif

struct owned_lock {
  detail::raw_lock raw;
#if defined(GORT_DEBUG_ASSERTS)
  std::atomic<const void*> owner{nullptr};  // this_thread_lock_token of the holder

  void lock() noexcept {
    raw.lock();
    owner.store(this_thread_lock_token(), std::memory_order_relaxed);
  }

  void unlock(GORT_CALLER_LOCATION) noexcept {
    if (owner.load(std::memory_order_relaxed) != this_thread_lock_token())
      die(die_stack::current, nullptr,
          "fatal error: runtime: unlock of a lock %s (%s:%d)\n\n",
          raw.word.load(std::memory_order_relaxed) == 0 ? "not locked"
                                                         : "held by another thread",
          file, line);
    owner.store(nullptr, std::memory_order_relaxed);
    raw.unlock();
  }

  // Only this thread stores its own token, so the relaxed load sees it if
  // and only if this thread holds the lock.
  void assert_held(GORT_CALLER_LOCATION) const noexcept {
    if (owner.load(std::memory_order_relaxed) != this_thread_lock_token())
      die(die_stack::current, nullptr,
          "fatal error: assertion failed: lock not held by this thread (%s:%d)\n\n",
          file, line);
  }
#else
  void lock() noexcept { raw.lock(); }
  void unlock() noexcept { raw.unlock(); }
  void assert_held() const noexcept {}
#endif
};

}  // namespace gort::rt
