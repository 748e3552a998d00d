// The context switch: Boost.Context's fcontext (make_fcontext,
// jump_fcontext), a register save/restore in user space with no system call.
//
// The sanitizers are told about every switch (docs/design/sanitizers.md):
//   - ThreadSanitizer (race build, GORT_RACE): every goroutine is a TSan
//     fiber, created by the go statement that spawned it (TSan orders the
//     creator before the fiber: the go statement's edge) and destroyed when
//     it exits. Switches carry no synchronisation (no-sync flag), so two
//     goroutines that share a thread are as unordered for TSan as they are
//     in the language; the real edges come from base/race.hpp.
//     A runtime compiled with -fsanitize=thread but without GORT_RACE (a
//     self-check of the runtime's own code) switches with synchronisation.
//   - AddressSanitizer: __sanitizer_start_switch_fiber before every jump and
//     __sanitizer_finish_switch_fiber after it, so ASan always knows the
//     bounds of the stack it runs on (exceptions, use-after-return).
//
// Convention: whoever jumps passes nothing; the side that resumes receives
// the jumper's saved context in transfer.fctx and stores it (see
// scheduler/switch.cpp, finish_switch).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>

#include <boost/context/detail/fcontext.hpp>

#include "base/race.hpp"

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define GORT_TSAN_FIBERS 1
#endif
#if __has_feature(address_sanitizer)
#define GORT_ASAN_FIBERS 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define GORT_TSAN_FIBERS 1
#endif
#if defined(__SANITIZE_ADDRESS__)
#define GORT_ASAN_FIBERS 1
#endif
#if GORT_RACE
#define GORT_TSAN_FIBERS 1
#endif

#ifdef GORT_TSAN_FIBERS
extern "C" {
void* __tsan_get_current_fiber(void);
void* __tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void* fiber);
void __tsan_switch_to_fiber(void* fiber, unsigned flags);
void __tsan_set_fiber_name(void* fiber, const char* name);
}
#endif
#ifdef GORT_ASAN_FIBERS
extern "C" {
void __sanitizer_start_switch_fiber(void** fake_stack_save, const void* bottom,
                                    std::size_t size);
void __sanitizer_finish_switch_fiber(void* fake_stack_save,
                                     const void** bottom_old,
                                     std::size_t* size_old);
void __asan_unpoison_memory_region(const volatile void* addr, std::size_t size);
}
#endif

namespace gort::rt {

using context = boost::context::detail::fcontext_t;
using transfer = boost::context::detail::transfer_t;

// A context that starts running entry(transfer) on [lo, hi).
inline context make_context(char* lo, char* hi, void (*entry)(transfer)) {
  return boost::context::detail::make_fcontext(hi, std::size_t(hi - lo), entry);
}

#ifdef GORT_ASAN_FIBERS
// The stack the last switch on this thread came from (g0's bounds are
// learnt this way: ASan knows the thread's stack, we do not).
struct asan_arrival {
  const void* bottom = nullptr;
  std::size_t size = 0;
};
inline thread_local asan_arrival asan_last_arrival;
#endif

// The sanitizers' identity of a goroutine's or g0's execution. Empty (and
// every member a no-op) in the normal build.
struct san_fiber {
#ifdef GORT_TSAN_FIBERS
  void* tsan = nullptr;
#endif
#ifdef GORT_ASAN_FIBERS
  const void* stack_bottom = nullptr;
  std::size_t stack_size = 0;
#endif

  // A new goroutine's fiber, created by its spawner: under GORT_RACE the
  // spawner's past happens before the goroutine (Go's racegostart).
  void create([[maybe_unused]] std::uint64_t goid) {
#ifdef GORT_TSAN_FIBERS
    if (tsan) return;  // a self-check build keeps fibers across reuse
    tsan = __tsan_create_fiber(0);
    char name[32];
    std::snprintf(name, sizeof name, "goroutine %llu",
                  static_cast<unsigned long long>(goid));
    __tsan_set_fiber_name(tsan, name);
#endif
  }
  // The goroutine exited (called on another fiber): no edge from its end
  // to whatever reuses the G (Go's racegoend), so the fiber goes.
  void destroy() {
#if defined(GORT_TSAN_FIBERS) && GORT_RACE
    if (tsan) __tsan_destroy_fiber(tsan);
    tsan = nullptr;
#endif
  }
  // g0: the thread's own execution.
  void adopt_current() {
#ifdef GORT_TSAN_FIBERS
    tsan = __tsan_get_current_fiber();
#endif
  }
  // The goroutine's stack is [lo, hi) (for TSan, see race_fresh_stack in
  // scheduler/switch.cpp).
  void set_stack([[maybe_unused]] char* lo, [[maybe_unused]] char* hi) {
#ifdef GORT_ASAN_FIBERS
    stack_bottom = lo;
    stack_size = std::size_t(hi - lo);
#endif
  }
  // The goroutine died with its stack pointer at sp: the frames it never
  // returned from (g_entry, goexit, the switch) are still poisoned by ASan
  // (redzones). Every deeper frame returned and cleaned up after itself,
  // so unpoisoning from just below sp to the top makes the stack clean for
  // its next owner.
  void stack_dead([[maybe_unused]] char* lo, [[maybe_unused]] void* sp,
                  [[maybe_unused]] char* hi) {
#ifdef GORT_ASAN_FIBERS
    char* from = static_cast<char*>(sp) - 4096;
    if (from < lo || static_cast<char*>(sp) > hi) from = lo;
    __asan_unpoison_memory_region(from, std::size_t(hi - from));
#endif
  }
  // g0's stack, learnt from the first switch away from it.
  void learn_stack_from_arrival() {
#ifdef GORT_ASAN_FIBERS
    if (!stack_bottom) {
      stack_bottom = asan_last_arrival.bottom;
      stack_size = asan_last_arrival.size;
    }
#endif
  }
};

// First thing on a fresh goroutine stack (there is no fake stack to resume).
inline void context_entered() {
#ifdef GORT_ASAN_FIBERS
  __sanitizer_finish_switch_fiber(nullptr, &asan_last_arrival.bottom,
                                  &asan_last_arrival.size);
#endif
}

// Suspends the running context and resumes `to`. from_exits: the running
// goroutine never comes back (ASan drops its fake stack).
[[gnu::always_inline]] inline transfer jump_context(context to,
                                                   [[maybe_unused]] san_fiber& to_fiber,
                                                   [[maybe_unused]] bool from_exits = false) {
#ifdef GORT_ASAN_FIBERS
  void* fake_stack = nullptr;
  __sanitizer_start_switch_fiber(from_exits ? nullptr : &fake_stack,
                                 to_fiber.stack_bottom, to_fiber.stack_size);
#endif
#ifdef GORT_TSAN_FIBERS
  // 1 = __tsan_switch_to_fiber_no_sync (sanitizer/tsan_interface.h).
  __tsan_switch_to_fiber(to_fiber.tsan, GORT_RACE ? 1u : 0u);
#endif
  transfer t = boost::context::detail::jump_fcontext(to, nullptr);
#ifdef GORT_ASAN_FIBERS
  __sanitizer_finish_switch_fiber(fake_stack, &asan_last_arrival.bottom,
                                  &asan_last_arrival.size);
#endif
  return t;
}

}  // namespace gort::rt
