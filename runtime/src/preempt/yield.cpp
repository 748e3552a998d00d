// The running thread's side of preemption: the two entries a poisoned
// stack limit leads to (a split-stack prologue, through __morestack and
// preempt/morestack_entry.S; a loop poll compiled in by gort++'s pass
// plugin), the checks that make the place safe, and the yield.
// docs/design/preemption.md.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <cxxabi.h>

#include <gort/detail/park.hpp>

#include "base/fatal.hpp"
#include "preempt/preempt.hpp"
#include "preempt/request.hpp"
#include "scheduler/exit_stop.hpp"
#include "scheduler/pinning.hpp"
#include "scheduler/sched.hpp"
#include "scheduler/switch.hpp"
#include "stack/limit_poison.hpp"
#include "stack/stack.hpp"

// Bounds of the runtime's own code: every runtime source is compiled with
// `#pragma clang section text="gort_runtime_text"` (base/runtime_text.hpp,
// forced by runtime/CMakeLists.txt); the linker defines these.
extern "C" char __start_gort_runtime_text[];
extern "C" char __stop_gort_runtime_text[];
extern "C" char __start_gort_preempt_text[];
extern "C" char __stop_gort_preempt_text[];
#if GORT_SPLIT_STACK
// Return points inside the split-stack trampolines (stack/morestack.S) and
// the preemption entry (preempt/morestack_entry.S).
extern "C" char gort_ns_fast_return[], gort_ns_args_return[],
    gort_ms_body_return[], gort_preempt_stub_return[];
#endif

// libstdc++'s per-thread exception state: cxxabi.h's opaque
// __cxa_eh_globals is, in unwind-cxx.h, this.
struct gort_eh_globals {
  void* caught_exceptions;
  unsigned int uncaught_exceptions;
};

namespace gort::rt {

namespace {

bool in_runtime_text(const void* pc) {
  auto* a = static_cast<const char*>(pc);
  return a >= __start_gort_runtime_text && a < __stop_gort_runtime_text;
}

// An exception being thrown, or being handled in a catch block, lives in
// this thread's libstdc++ state (uncaught count, caught-exceptions list):
// moving the goroutine to another thread there would corrupt both threads'
// state (a rethrow or the end of the catch on the other thread).
bool exception_in_progress() {
  auto* eh = reinterpret_cast<gort_eh_globals*>(abi::__cxa_get_globals());
  return eh->caught_exceptions != nullptr || eh->uncaught_exceptions != 0;
}

// The handler's own functions (below) live in a section of their own, so
// that the stress check can tell its frames from the runtime's.
#define GORT_PREEMPT_TEXT __attribute__((section("gort_preempt_text")))

bool in_handler_text(std::uintptr_t pc) {
  auto* a = reinterpret_cast<const char*>(pc);
  return (a >= __start_gort_preempt_text && a < __stop_gort_preempt_text)
#if GORT_SPLIT_STACK
         || a == gort_preempt_stub_return
#endif
      ;
}

bool in_runtime_code(std::uintptr_t pc) {
  auto* a = reinterpret_cast<const char*>(pc);
  return in_runtime_text(a) ||
         (a >= __start_gort_preempt_text && a < __stop_gort_preempt_text);
}

// Can [at, at + bytes) be read as words of g's stack?
bool on_stack(const G* g, std::uintptr_t at, std::size_t bytes) {
  return (at & 7) == 0 && stack_contains(g, reinterpret_cast<void*>(at)) &&
         stack_contains(g, reinterpret_cast<void*>(at + bytes - 1));
}

// Stress mode (GORT_DEBUG=preemptevery): an independent check of the rules
// in may_preempt, on the whole stack. Walking the frame pointers up (as
// panic/traceback.cpp does, across segment boundaries): first the
// handler's own frames; from there, once a return address lies in runtime
// code, every frame above must too, up to the goroutine's first frame
// (g_entry's, whose saved rbp is Boost.Context's `finish`, off the stack).
// No names (symbolizing is not thread-safe): addresses only.
[[gnu::noinline]] GORT_PREEMPT_TEXT void check_no_runtime_frame_below(G* g) {
  auto fp = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
  bool leading = true, saw_runtime = false;
  for (int depth = 0; depth < 4096 && on_stack(g, fp, 16); ++depth) {
    auto* words = reinterpret_cast<const std::uintptr_t*>(fp);
    std::uintptr_t next = words[0];
    std::uintptr_t pc = words[1];
#if GORT_SPLIT_STACK
    if (pc == reinterpret_cast<std::uintptr_t>(gort_ns_fast_return)) {
      pc = words[3];  // [R][C] above our frame
    } else if (pc == reinterpret_cast<std::uintptr_t>(gort_ns_args_return) ||
               pc == reinterpret_cast<std::uintptr_t>(gort_ms_body_return)) {
      if (!on_stack(g, next, 24)) break;
      auto* tramp = reinterpret_cast<const std::uintptr_t*>(next);
      pc = tramp[2];  // [saved rbp][R][C]
      next = tramp[0];
    }
#endif
    if (leading && in_handler_text(pc)) {
      // still inside the handler
    } else {
      leading = false;
      if (in_runtime_code(pc)) {
        saw_runtime = true;
      } else if (saw_runtime && on_stack(g, next, 16)) {
        std::fprintf(stderr,
                     "runtime: preempted below a runtime frame (pc %p)\n",
                     reinterpret_cast<void*>(pc));
        fatal("preemption inside the runtime");
      }
    }
    if (next == fp) break;
    fp = next;
  }
}

// A request for this P's current time slice, at a place where switching
// away is allowed. `r`, `c`: the code that reached the preemption point
// and (for a prologue) its caller.
bool may_preempt(M* m, const void* r, const void* c) {
  G* g = m->curg;
  P* p = m->p;
  if (!g || g->is_g0 || !p) return false;  // the scheduler on g0
  if (p->preempt_req.load(std::memory_order_acquire) !=
      preempt_request_word(p->schedtick))
    return false;                          // none, or for an earlier slice
  if (gort_locks_held != 0) return false;  // a runtime lock (Go's m.locks)
  if (exiting_g.load(std::memory_order_relaxed) == g)
    return false;                          // running exit()'s hooks
  if (g->status.load(std::memory_order_relaxed) != gstatus::running)
    return false;                          // system call, gort::blocking
  if (in_runtime_code(reinterpret_cast<std::uintptr_t>(r)) ||
      (c && in_runtime_code(reinterpret_cast<std::uintptr_t>(c))))
    return false;                          // runtime code, or called by it
  if (!stack_contains(g, __builtin_frame_address(0)))
    return false;                          // a signal handler's stack
  if (exception_in_progress()) return false;
  return true;
}

}  // namespace

// Split-stack code from here on (the limit is real again): growing the
// stack, if this frame is deep in the reserve, is fine.
[[gnu::noinline]] GORT_PREEMPT_TEXT void preempt_if_allowed(const void* r,
                                                            const void* c) {
  M* m = this_m();
  if (!m || !may_preempt(m, r, c)) return;  // stays requested: sysmon re-arms
  m->p->preempt_req.store(0, std::memory_order_relaxed);
  preempt_count.fetch_add(1, std::memory_order_relaxed);
  if (preempt_stress_mode()) check_no_runtime_frame_below(m->curg);
  // A goroutine holding a pthread lock stays on its thread
  // (docs/design/foreign.md): the P goes on for a moment, the thread waits.
  if (pinned(m->curg)) [[unlikely]] {
    yield_pinned();
    return;
  }
  switch_out(post_switch::preempt);  // Go's gopreempt_m: global run queue
}

}  // namespace gort::rt

using namespace gort::rt;

// From preempt/morestack_entry.S: a split-stack prologue found the limit
// poisoned. `r`: the return address into the prologue (the function about
// to run), `c`: its caller. The registers are saved by the entry.
extern "C" __attribute__((no_split_stack, used)) GORT_PREEMPT_TEXT void
gort_preempt_at_prologue(const void* r, const void* c) {
  if (unpoison_limit()) preempt_if_allowed(r, c);
}

// The loop poll's slow path (gort++'s pass plugin: `cmpl $0x7fffffff, %fs:0x74` on
// a loop back-edge, a call here when it matches). preserve_all: the loop's
// registers, vector ones included, survive without spills in the loop.
extern "C" __attribute__((no_split_stack, preserve_all, used))
GORT_PREEMPT_TEXT void gort_preempt_poll() {
  if (unpoison_limit()) preempt_if_allowed(__builtin_return_address(0), nullptr);
}
