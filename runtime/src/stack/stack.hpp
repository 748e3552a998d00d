// Goroutine stacks: segmented (-fsplit-stack), see docs/design/stacks.md.
//
// A goroutine starts on one small segment (GORT_STACK_MIN, default one
// page) and grows by linking further segments when a split-stack prologue
// finds the stack limit (%fs:0x70) too close: it calls __morestack
// (stack/morestack.S), which switches to the next segment of the chain —
// the cached one when it is big enough (hot path, no allocation) or a new
// one from the per-P pool (gort_morestack_grow, slow path). Returning from
// the frame that split switches back; the younger segment stays linked as
// the older one's `next`, so a call that keeps landing on the boundary does
// not allocate again.
//
// Per-thread split-stack state: the stack limit in the TCB (%fs:0x70, read
// by every split prologue) and the current segment (gort_stack_seg, a
// thread-local read by __morestack). A goroutine owns both while it runs;
// the switch saves them into G::ss and installs the next side's (g0, plain
// threads and signal handlers without a segment run with limit 0: no checks,
// their own big stack).
//
// Builds without split stacks (the TSan runtime) keep the same interface:
// the first segment is the whole stack (default 256 KiB) and never grows.
#pragma once

#include <cstddef>
#include <cstdint>

#ifndef GORT_SPLIT_STACK
#define GORT_SPLIT_STACK 0
#endif

namespace gort::rt {

// Header of a segment, stored in its top 64 bytes: split-stack code uses
// [limit, (char*)this), non-split callees may go down to lo (the reserve,
// kStackReserve bytes). Field offsets are used by morestack.S.
struct stack_seg {
  stack_seg* prev = nullptr;  // 0:  older segment (the caller's), null first
  stack_seg* next = nullptr;  // 8:  younger segment, cached after return
  char* lo = nullptr;         // 16: lowest byte: the reserve's bottom, guard below
  char* limit = nullptr;      // 24: the %fs:0x70 value while on this segment
  std::size_t total = 0;      // 32: usable bytes (above the limits) of this
                              //     and all older segments
  std::uint32_t cls = 0;      // 40: size class (pool index)
  std::uint32_t flags = 0;    // 44: kSegSignal, or 0
  void* split_fp = nullptr;   // 48: __morestack's frame (rbp) on `prev`
  void* reserved = nullptr;   // 56
  char* hi() { return reinterpret_cast<char*>(this); }
};
static_assert(sizeof(stack_seg) == 64);

// stack_seg::flags: the segment belongs to an alternate signal stack. Such
// segments come straight from the arena and never go to a pool (the pools
// are not async-signal-safe), nor do the segments grown from them.
constexpr std::uint32_t kSegSignal = 1;

// A call into code built without -fsplit-stack (libc, libstdc++, the
// unwinder, a library reached through a function pointer) runs below the
// calling frame with no check of its own: it gets at least this much stack
// (snprintf("%Lf") needs 28 KiB, getaddrinfo 9.5 KiB), in the reserve below
// every segment's limit, whether or not the linker saw the call.
constexpr std::size_t kNonSplitStack = 32 * 1024;
// Bytes of every segment below its limit: one page for the 256 bytes a
// small-frame prologue may use without a check and for __morestack's own
// frame and slow path (which run there with the limit cleared), plus
// kNonSplitStack for non-split callees. Untouched reserve pages cost address space only, so a
// 4 KiB first segment still costs one resident page when its goroutine
// calls into libc (docs/design/stacks.md, "The reserve").
constexpr std::size_t kStackReserve =
    GORT_SPLIT_STACK ? 4096 + kNonSplitStack : 0;

// The first segment's bounds (kept for tracebacks of parked goroutines).
struct stack {
  char* lo = nullptr;    // lowest usable address (just above the guard)
  char* hi = nullptr;    // one past the highest usable address
  std::size_t size() const { return std::size_t(hi - lo); }
  explicit operator bool() const { return lo != nullptr; }
};

// A goroutine's split-stack state while it is not running.
struct split_state {
  stack_seg* seg = nullptr;      // current segment
  std::uintptr_t limit = 0;      // saved %fs:0x70
};

// What stack/ knows of a goroutine: its segments. scheduler/'s G extends
// it; stack/ never sees the rest of a G.
struct gstack {
  stack stk;                    // first segment: allocated on first run,
                                // freed (with the rest) at exit
  split_state ss;               // current segment and stack limit while
                                // not running
  void* dyn_blocks = nullptr;   // __morestack_allocate_stack_space blocks
};

// Per-P segment cache (embedded in P): free segments of the small classes,
// hot first, linked through stack_seg::next.
struct stack_cache {
  static constexpr int classes = 6;  // 4 KiB (first) and 64 KiB .. 1 MiB
  stack_seg* head[classes] = {};
  std::uint16_t count[classes] = {};
};

// Usable bytes of a goroutine's first segment.
std::size_t stack_size();

// Gives g its first segment (from cache c, which may be null) and its
// initial split-stack state; g->stk is set to the segment's bounds.
void stack_prepare(stack_cache* c, gstack* g);
// Returns every segment of a dead goroutine to c (null: the global pool).
void stack_release(stack_cache* c, gstack* g);
// Called on the far side of a switch away from g (its registers are saved,
// nothing else can run it yet): returns segments cached beyond its current
// one, so a parked goroutine keeps only the stack it uses.
void stack_trim(stack_cache* c, gstack* g);

// True if `addr` lies in the guard page below one of g's segments.
bool stack_guard_hit(const gstack* g, const void* addr);
// True if `addr` lies in one of g's segments (tracebacks across segments).
bool stack_contains(const gstack* g, const void* addr);

// Installs the per-thread pieces (alternate signal stack) for the calling
// thread; done for every thread started through pthread_create and for the
// main thread at start-up.
void stack_thread_init();
// Gives the calling thread's alternate signal stack back for reuse (at
// thread exit; signals stay blocked on this thread from then on).
void stack_thread_release();

}  // namespace gort::rt

extern "C" {
// The running context's current segment (null on g0 and plain threads).
extern __thread gort::rt::stack_seg* gort_stack_seg
    __attribute__((tls_model("initial-exec")));
}

namespace gort::rt {

#if GORT_SPLIT_STACK
[[gnu::always_inline]] inline std::uintptr_t ss_limit() {
  std::uintptr_t v;
  asm volatile("movq %%fs:0x70, %0" : "=r"(v));
  return v;
}
[[gnu::always_inline]] inline void set_ss_limit(std::uintptr_t v) {
  asm volatile("movq %0, %%fs:0x70" ::"r"(v) : "memory");
}
#else
[[gnu::always_inline]] inline std::uintptr_t ss_limit() { return 0; }
[[gnu::always_inline]] inline void set_ss_limit(std::uintptr_t) {}
#endif

// Saves the running side's split-stack state into *from (null: g0 or a
// plain thread, nothing to save) and installs *to's (null: g0, limit 0).
// Must be the last thing before the jump: from here until the jump, no
// split-stack prologue may run (the limit no longer matches the stack).
[[gnu::always_inline]] inline void stack_switch(split_state* from,
                                                split_state* to) {
#if GORT_SPLIT_STACK
  if (from) {
    from->seg = gort_stack_seg;
    from->limit = ss_limit();
  }
  gort_stack_seg = to ? to->seg : nullptr;
  set_ss_limit(to ? to->limit : 0);
#else
  (void)from;
  (void)to;
#endif
}

}  // namespace gort::rt
