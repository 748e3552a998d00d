// ThreadSanitizer happens-before annotations (Go's raceacquire/racerelease).
//
// The race build of the runtime (gort_tsan, GORT_RACE=1) is not itself
// instrumented: like Go's runtime under -race, its own loads, stores and
// atomics are invisible to TSan, and goroutine switches carry no ordering
// (no-sync fibers, context/context.hpp). The only orderings TSan sees
// between goroutines are the ones the language promises, given here
// explicitly on the address of the synchronising object: a channel's slot,
// a waiter, a mutex word. See docs/design/sanitizers.md for the list.
//
// Everything here compiles to nothing in the other builds.
#pragma once

#ifndef GORT_RACE
#define GORT_RACE 0
#endif

#if GORT_RACE
extern "C" {
void __tsan_acquire(void* addr);
void __tsan_release(void* addr);
void __tsan_ignore_thread_begin(void);
void __tsan_ignore_thread_end(void);
void AnnotateIgnoreSyncBegin(const char* file, int line);
void AnnotateIgnoreSyncEnd(const char* file, int line);
}
#endif

namespace gort::rt {

#if GORT_RACE
// The caller's later accesses happen after everything released on addr.
inline void race_acquire(const void* addr) noexcept {
  __tsan_acquire(const_cast<void*>(addr));
}
// Everything the caller did so far happens before a later acquire of addr.
inline void race_release(const void* addr) noexcept {
  __tsan_release(const_cast<void*>(addr));
}
#else
inline void race_acquire(const void*) noexcept {}
inline void race_release(const void*) noexcept {}
#endif

// While alive, the runtime's own heap allocations and frees on this thread
// are invisible to TSan. The runtime allocates on one goroutine and frees on
// another under its own (invisible) locks: TSan would see the free race
// with the allocation ("data race on free").
struct race_ignore_memory {
  // User-provided even when empty: a scope object, not an unused variable.
  race_ignore_memory() noexcept {
#if GORT_RACE
    __tsan_ignore_thread_begin();
#endif
  }
  ~race_ignore_memory() {
#if GORT_RACE
    __tsan_ignore_thread_end();
#endif
  }
  race_ignore_memory(const race_ignore_memory&) = delete;
  race_ignore_memory& operator=(const race_ignore_memory&) = delete;
};

// While alive, this thread's synchronisation is invisible to TSan: a
// runtime thread (an M, the timer thread) created by whatever goroutine
// happened to need it must not inherit that goroutine's past, or it would
// pass it on to every goroutine it later wakes.
struct race_ignore_sync {
  race_ignore_sync() noexcept {
#if GORT_RACE
    AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
#endif
  }
  ~race_ignore_sync() {
#if GORT_RACE
    AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
#endif
  }
  race_ignore_sync(const race_ignore_sync&) = delete;
  race_ignore_sync& operator=(const race_ignore_sync&) = delete;
};

// Both (Go's racereleaseacquire, used for a buffered channel's slot: the
// k-th receive from a slot happens before the next send into it, and a
// send before the receive that takes its value).
inline void race_release_acquire(const void* addr) noexcept {
  race_acquire(addr);
  race_release(addr);
}

}  // namespace gort::rt
