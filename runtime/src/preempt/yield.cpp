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
#include "panic/symbolize.hpp"
#include "preempt/preempt.hpp"
#include "preempt/request.hpp"
#include "scheduler/sched.hpp"
#include "stack/limit_poison.hpp"
#include "stack/stack.hpp"

// Bounds of the runtime's own code: every runtime source is compiled with
// `#pragma clang section text="gort_runtime_text"` (base/runtime_text.hpp,
// forced by runtime/CMakeLists.txt); the linker defines these.
extern "C" char __start_gort_runtime_text[];
extern "C" char __stop_gort_runtime_text[];

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

// Stress mode (GORT_DEBUG=preemptevery): an independent check of the
// rules below, by name. Walking the frame pointers up from here: first our
// own frames (this handler, the entry, __morestack if the handler's stack
// grew); from the first frame of the preempted code up to the goroutine's
// first frame (g_entry's, which called the goroutine's function), no frame
// may be the runtime's.
const char* frame_function(void* ra) {
  frame_name names[8];
  int n = symbolize(reinterpret_cast<std::uintptr_t>(ra) - 1, names, 8);
  return n > 0 && names[n - 1].function ? names[n - 1].function : "?";
}

bool handler_frame(void* ra) {
  const char* fn = frame_function(ra);
  return std::strstr(fn, "preempt_if_allowed") ||
         std::strstr(fn, "check_no_runtime_frame_below") ||
         std::strncmp(fn, "gort_preempt_", 13) == 0 ||
         std::strncmp(fn, "gort_morestack_preempt", 22) == 0 ||
         std::strncmp(fn, "__morestack", 11) == 0;
}

[[gnu::noinline]] void check_no_runtime_frame_below(G* g) {
  void** fp = static_cast<void**>(__builtin_frame_address(0));
  bool in_handler = true;
  for (int depth = 0; depth < 512 && fp && stack_contains(g, fp); ++depth) {
    void* ra = fp[1];
    if (in_handler && !handler_frame(ra)) in_handler = false;
    if (!in_handler && in_runtime_text(ra)) {
      const char* fn = frame_function(ra);
      // The goroutine's first frame: above it lies no frame of its own
      // (the words there may be a previous goroutine's, on a reused stack).
      if (std::strstr(fn, "g_entry")) break;
      std::fprintf(stderr, "runtime: preempted inside the runtime, in %s\n", fn);
      fatal("preemption inside the runtime");
    }
    auto* next = static_cast<void**>(fp[0]);
    // Frames go up the stack, except where a segment boundary goes back
    // to an older segment (anywhere in the address space).
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
  if (g->status.load(std::memory_order_relaxed) != gstatus::running)
    return false;                          // system call, gort::blocking
  if (in_runtime_text(r) || (c && in_runtime_text(c)))
    return false;                          // runtime code, or called by it
  if (!stack_contains(g, __builtin_frame_address(0)))
    return false;                          // a signal handler's stack
  if (exception_in_progress()) return false;
  return true;
}

}  // namespace

// Split-stack code from here on (the limit is real again): growing the
// stack, if this frame is deep in the reserve, is fine.
[[gnu::noinline]] void preempt_if_allowed(const void* r, const void* c) {
  M* m = this_m();
  if (!m || !may_preempt(m, r, c)) return;  // stays requested: sysmon re-arms
  m->p->preempt_req.store(0, std::memory_order_relaxed);
  preempt_count.fetch_add(1, std::memory_order_relaxed);
  if (preempt_stress_mode()) check_no_runtime_frame_below(m->curg);
  switch_out(post_switch::preempt);  // Go's gopreempt_m: global run queue
}

}  // namespace gort::rt

using namespace gort::rt;

// From preempt/morestack_entry.S: a split-stack prologue found the limit
// poisoned. `r`: the return address into the prologue (the function about
// to run), `c`: its caller. The registers are saved by the entry.
extern "C" __attribute__((no_split_stack, used)) void gort_preempt_at_prologue(
    const void* r, const void* c) {
  if (unpoison_limit()) preempt_if_allowed(r, c);
}

// The loop poll's slow path (gort++'s pass plugin: `cmpl $-1, %fs:0x74` on
// a loop back-edge, a call here when it matches). preserve_all: the loop's
// registers, vector ones included, survive without spills in the loop.
extern "C" __attribute__((no_split_stack, preserve_all, used)) void
gort_preempt_poll() {
  if (unpoison_limit()) preempt_if_allowed(__builtin_return_address(0), nullptr);
}
