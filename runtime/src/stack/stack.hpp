// Goroutine stacks, behind a small interface so that the segmented-stack
// work (docs/design/stacks.md, issue 6) can replace the allocation.
//
// Now: one fixed-size mmap'd region per goroutine with a guard page at its
// low end, allocated when the goroutine first runs (a queued goroutine holds
// no stack), pooled per P and globally, and reused hot (LIFO).
#pragma once

#include <cstddef>

namespace gort::rt {

struct P;

struct stack {
  char* lo = nullptr;    // lowest usable address (just above the guard)
  char* hi = nullptr;    // one past the highest usable address
  std::size_t size() const { return std::size_t(hi - lo); }
  explicit operator bool() const { return lo != nullptr; }
};

// Usable bytes of a goroutine stack (GORT_STACK_MIN, default 256 KiB).
std::size_t stack_size();

// A stack from p's cache (p may be null), the global pool, or a new mapping.
stack stack_alloc(P* p);
// Returns s to p's cache (p may be null: the global pool).
void stack_free(P* p, stack s);

// True if `addr` lies in the guard page below a gort stack's usable range
// of `s` (used to report "fatal error: stack overflow").
bool stack_guard_hit(const stack& s, const void* addr);

// Per-P stack cache (embedded in P).
struct stack_cache {
  static constexpr int capacity = 32;
  stack items[capacity];
  int count = 0;
};

}  // namespace gort::rt
