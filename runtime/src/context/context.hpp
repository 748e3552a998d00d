// The context switch: Boost.Context's fcontext (make_fcontext,
// jump_fcontext), a register save/restore in user space with no system call.
// ThreadSanitizer is told about every switch (its fiber API), so TSan builds
// of the runtime understand goroutines moving between stacks and threads.
//
// Convention: whoever jumps passes nothing; the side that resumes receives
// the jumper's saved context in transfer.fctx and stores it (see
// scheduler/switch.cpp, finish_switch).
#pragma once

#include <boost/context/detail/fcontext.hpp>

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define GORT_TSAN_FIBERS 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define GORT_TSAN_FIBERS 1
#endif

#ifdef GORT_TSAN_FIBERS
extern "C" {
void* __tsan_get_current_fiber(void);
void* __tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void* fiber);
void __tsan_switch_to_fiber(void* fiber, unsigned flags);
}
#endif

namespace gort::rt {

using context = boost::context::detail::fcontext_t;
using transfer = boost::context::detail::transfer_t;

// A context that starts running entry(transfer) on [lo, hi).
inline context make_context(char* lo, char* hi, void (*entry)(transfer)) {
  return boost::context::detail::make_fcontext(hi, std::size_t(hi - lo), entry);
}

// TSan's identity of a goroutine's or g0's execution.
struct tsan_fiber {
#ifdef GORT_TSAN_FIBERS
  void* fiber = nullptr;
  void create() { if (!fiber) fiber = __tsan_create_fiber(0); }
  void adopt_current() { fiber = __tsan_get_current_fiber(); }
  void switch_to() { __tsan_switch_to_fiber(fiber, 0); }
#else
  void create() {}
  void adopt_current() {}
  void switch_to() {}
#endif
};

// Suspends the running context and resumes `to`.
[[gnu::always_inline]] inline transfer jump_context(context to, tsan_fiber& to_fiber) {
  to_fiber.switch_to();
  return boost::context::detail::jump_fcontext(to, nullptr);
}

}  // namespace gort::rt
