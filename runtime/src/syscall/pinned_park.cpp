// Parking a goroutine that is pinned to its thread because it holds a
// pthread lock (scheduler/pinning.hpp, docs/design/foreign.md). Switching
// to another goroutine on this thread would let that goroutine "own" the
// lock too (recursive mutexes walk in, error-checking ones misreport) or
// block the thread on it while the owner sits in a run queue. So the thread
// itself blocks, as a plain thread does in park, and the P goes to another
// M the way a blocking system call hands it off.
#include "scheduler/checkdead.hpp"
#include "scheduler/park.hpp"
#include "scheduler/pinning.hpp"
#include "scheduler/procs.hpp"
#include "scheduler/sched.hpp"
#include "base/futex.hpp"
#include "syscall/syscall.hpp"

#include <sched.h>

namespace gort::rt {

namespace {

void give_p_away(M* m) {
  P* p = m->p;
  release_p(m);
  handoff_p(p);
}

// While a pinned goroutine waits, its registers are live on its thread and
// the context in its G is the one it last switched away with: stale. The
// dumps written on other threads (panic/traceback.cpp) and the gdb
// extension (tools/gdb/gort.py) unwind a parked goroutine from that
// context, so for the wait it is pointed at the waiting frame itself, seen
// as Boost.Context's x86-64 jump_fcontext would have saved it: the caller's
// rbp at ctx+0x38, the return address at ctx+0x40, the resumed rsp at
// ctx+0x48. A frame-pointer frame holds exactly these at rbp, rbp+8 and
// rbp+16 (the runtime keeps frame pointers), so the view starts 0x38 below
// this function's rbp; the words under it are this frame's own, which no
// reader looks at, and nothing ever jumps to it (a pinned goroutine never
// switches away). It describes this function's caller, just after the call:
// the same point a real park's context gives (inside park()).
#if !defined(__x86_64__)
#error "the pinned park's context view assumes x86-64's jump_fcontext layout"
#endif
constexpr std::ptrdiff_t saved_rbp_offset = 0x38;

// no_split_stack: a frame entered through __morestack has the trampoline's
// return address at rbp+8, not its caller's (the view above needs the
// latter). The frame is small; its callees split as usual.
__attribute__((no_split_stack)) void park_keeping_thread(
    waiter& w, void (*unlock)(void*), void* arg, wait_reason why) {
  M* m = this_m();
  G* g = w.base.g;
  context stale = g->ctx;
  // Before the status: a dump that sees the goroutine waiting reads ctx.
  g->ctx = static_cast<char*>(__builtin_frame_address(0)) - saved_rbp_offset;
  // Under the primitive's lock, like the rest of w: its waker reads it.
  w.base.blocks_thread = true;
  g->reason = why;
  set_status(g, gstatus::waiting);
  pinned_thread_parking();  // counted idle before anyone can wake us
  unlock(arg);
  give_p_away(m);
  while (w.base.woken.load(std::memory_order_acquire) == 0)
    futex_wait(w.base.woken, 0);
  acquire_p_keeping_thread(m);
  set_status(g, gstatus::running);
  g->reason = wait_reason::none;
  g->ctx = stale;  // as the last switch left it
}

// Out of line: sched_yield is libc (see scheduler/api.cpp).
[[gnu::noinline]] void yield_keeping_thread() {
  M* m = this_m();
  give_p_away(m);
  sched_yield();
  acquire_p_keeping_thread(m);
}

// Before any C++ static initialiser (priority 101): those may already
// start goroutines that take locks.
[[gnu::constructor(101)]] void register_pinned_park() {
  park_pinned = park_keeping_thread;
  yield_pinned = yield_keeping_thread;
}

}  // namespace

// Referenced by the lock wrappers, so that this object (and its
// constructor) is linked whenever they are.
void pinned_park_anchor() {}

}  // namespace gort::rt
