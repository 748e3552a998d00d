// What stack/ asks of the layers above it (docs/design/layers.md, "Hooks"):
// which goroutine's segments and which P's cache the calling thread uses.
// The scheduler answers (scheduler/stack_glue.cpp); startup/hooks.cpp
// constant-initialises the table. Cold paths only: the fault handler, the
// overflow report, __morestack's slow path, alloca beyond the limit.
// Each answer runs with the stack limit cleared and must be async-signal-
// safe (a TLS read and loads).
#pragma once

#include <cstdint>

namespace gort::rt {

struct gstack;
struct stack_cache;

struct stack_hooks {
  gstack* (*current_stack)();        // the running goroutine's, or null
  std::uint64_t (*current_goid)();   // its id for reports, 0: none
  stack_cache* (*current_cache)();   // this thread's P's cache, or null
                                     // (none while in a system call)
};
extern const stack_hooks gort_stack_hooks;

// Null entries (stack/ linked alone) answer "none".
inline gstack* current_stack() {
  return gort_stack_hooks.current_stack ? gort_stack_hooks.current_stack() : nullptr;
}
inline std::uint64_t current_goid() {
  return gort_stack_hooks.current_goid ? gort_stack_hooks.current_goid() : 0;
}
inline stack_cache* current_cache() {
  return gort_stack_hooks.current_cache ? gort_stack_hooks.current_cache() : nullptr;
}

}  // namespace gort::rt
