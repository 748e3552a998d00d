// Dynamic stack allocation (alloca, VLAs) in split-stack code: a request that
// does not fit between the stack pointer and the limit gets a malloc'd block
// (__morestack_allocate_stack_space, called by the code LLVM emits for the
// alloca), pushed on a LIFO list: the running goroutine's (gstack::dyn_blocks),
// or the thread's when no goroutine runs. The pass gort++ loads
// (plugin/loop_poll/DynBlockRelease.cpp) brackets each frame and VLA scope
// that has dynamic allocas with gort_dyn_mark/gort_dyn_release, which frees
// the blocks pushed since the mark. What is left (frames built without
// gort++, frames skipped by an exception or longjmp) goes when an enclosing
// frame releases, or when the goroutine exits (stack_release).
// docs/design/stacks.md, "Dynamic stack allocation".
#include <cstddef>
#include <cstdlib>

#include "base/fatal.hpp"
#include "stack/hooks.hpp"
#include "stack/stack.hpp"

namespace gort::rt {
namespace {

// A block: [next block][pad] then the caller's bytes, 16-byte aligned.
constexpr std::size_t kHeader = 16;

// Blocks of code running off-goroutine (plain threads, start-up): the
// same discipline, per thread. What a thread leaves at its exit leaks, as
// it did before there were releases.
__thread void* t_dyn_blocks __attribute__((tls_model("initial-exec"))) = nullptr;

[[gnu::always_inline]] inline void** dyn_list() {
  gstack* g = current_stack();
  return g ? &g->dyn_blocks : &t_dyn_blocks;
}

void*& next_of(void* block) { return *static_cast<void**>(block); }

// Out of line: it calls libc (free), which a split-stack caller would pay
// for on every call (the linker rewrites prologues that call non-split
// code), and the common release has nothing to free.
[[gnu::noinline, gnu::cold]] __attribute__((no_split_stack)) void
release_to(void** list, void* mark) {
  // The mark must be on the list: it was the head when the frame (or scope)
  // began, and only that frame's own releases or an enclosing frame's pop
  // blocks at or below it. Check before freeing anything, so a broken
  // nesting (a user-level stack switch inside a goroutine) is a fatal
  // error, not blocks freed under live frames.
  void* b = *list;
  while (b && b != mark) b = next_of(b);
  if (b != mark)
    fatal("alloca/VLA block list out of order (gort_dyn_release: mark not "
          "found; stack switching inside a goroutine?)");
  std::uintptr_t saved = ss_limit();
  set_ss_limit(0);
  while (*list != mark) {
    void* top = *list;
    *list = next_of(top);
    std::free(top);
  }
  set_ss_limit(saved);
}

}  // namespace
}  // namespace gort::rt

using namespace gort::rt;

// Called by LLVM's split-stack code for an alloca that does not fit above
// the limit. Runs with the limit cleared: malloc is not split-stack code and
// must not meet a split prologue that would try to grow.
extern "C" __attribute__((no_split_stack)) void*
__morestack_allocate_stack_space(std::size_t size) {
  std::uintptr_t saved = ss_limit();
  set_ss_limit(0);
  void* block = std::malloc(size + kHeader);
  if (!block) fatal("out of memory in __morestack_allocate_stack_space");
  void** list = dyn_list();
  next_of(block) = *list;
  *list = block;
  set_ss_limit(saved);
  return static_cast<char*>(block) + kHeader;
}

// The head of the calling goroutine's (thread's) block list: a frame's (or
// VLA scope's) mark, taken at its start.
extern "C" __attribute__((no_split_stack, used)) void* gort_dyn_mark() noexcept {
  return *dyn_list();
}

// At the end of the frame (scope) that took `mark`: frees every block pushed
// since, which belongs to it or to callees that have returned. Common case:
// nothing was pushed (the allocas fitted on the stack), one compare.
extern "C" __attribute__((no_split_stack, used)) void
gort_dyn_release(void* mark) noexcept {
  void** list = dyn_list();
  if (*list != mark) [[unlikely]] release_to(list, mark);
}

// For shared libraries built with `gort++ -shared`, whose own entry points
// are hidden stubs forwarding here (runtime/shlib/morestack_forward.S).
extern "C" void* gort_allocate_stack_space_export(std::size_t size)
    __attribute__((alias("__morestack_allocate_stack_space"), used));
extern "C" void* gort_dyn_mark_export() noexcept
    __attribute__((alias("gort_dyn_mark"), used));
extern "C" void gort_dyn_release_export(void* mark) noexcept
    __attribute__((alias("gort_dyn_release"), used));

// Debug and test hook (not in the public headers): the number of blocks on
// the calling goroutine's (thread's) list. test/stacks/dyn_alloca_*.cpp.
extern "C" __attribute__((used)) std::size_t gort_debug_dyn_blocks() noexcept {
  std::size_t n = 0;
  for (void* b = *dyn_list(); b; b = next_of(b)) ++n;
  return n;
}
