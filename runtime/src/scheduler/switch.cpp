// The context-switch paths. A goroutine that blocks or yields switches
// directly to the next runnable goroutine of its P when there is one (one
// jump_fcontext), and to its M's g0 — the scheduler loop on the thread's own
// stack, which may steal or sleep — only when there is none.
//
// Every switch is completed by finish_switch() on the side that resumes:
// it stores the context of the side that left and performs the pending
// post_switch action. Anything that makes the old goroutine visible to
// other Ms (re-queueing it, releasing the lock that guards its wait queue,
// recycling its stack) happens there, after its registers are saved.
#include "scheduler/switch.hpp"

#if GORT_RACE
#include <sys/mman.h>

#include <cstring>

#include "base/race.hpp"
#endif

#include "base/fatal.hpp"
#include "scheduler/allgs.hpp"
#include "scheduler/exit_stop.hpp"
#include "scheduler/global_runq.hpp"
#include "scheduler/g0_turn.hpp"
#include "scheduler/procs.hpp"

namespace gort::rt {

namespace {

void finish_switch(transfer t) {
  M* m = this_m();
  post_switch ps = m->pending;
  m->pending = post_switch{};
  ps.from->ctx = t.fctx;
#if GORT_RACE
  if (m->curg) race_acquire(m);  // the thread's TLS set-up (proc.cpp, set_this_m)
#endif
  if (ps.from->is_g0) ps.from->fiber.learn_stack_from_arrival();
  if (ps.what != post_switch::exit && !ps.from->is_g0) stack_trim(stacks_of(m->p), ps.from);
  switch (ps.what) {
    case post_switch::none:
      break;
    case post_switch::requeue:
      // Go's Gosched uses the global queue; the local tail (Go's goyield)
      // is lock-free and still lets everything queued on this P run first,
      // while the 61-tick global check keeps other Ps' overflow moving.
      set_status(ps.from, gstatus::runnable);
      if (m->p)
        m->p->runq.put(ps.from, false);
      else
        global_runq_put_batch(ps.from, ps.from, 1);
      break;
    case post_switch::ready:
      ready(ps.from, false);
      break;
    case post_switch::preempt:
      set_status(ps.from, gstatus::runnable);
      global_runq_put_batch(ps.from, ps.from, 1);
      wakep();  // an idle P may take it (Go's goschedImpl)
      break;
    case post_switch::park:
      ps.unlock(ps.arg);
      break;
    case post_switch::exit: {
      G* dead = ps.from;
      dead->fiber.stack_dead(dead->stk.lo, t.fctx, dead->stk.hi);
      stack_release(stacks_of(m->p), dead);
      dead->fiber.destroy();
      dead->ctx = nullptr;
      gfree_put(m->p, dead);
      break;
    }
  }
}

}  // namespace

void destroy_goroutine_locals(goroutine_locals*& t);  // goroutine_local.cpp

namespace {

[[noreturn]] void goexit() {
  // On the goroutine's own stack: the destructors may run any code.
  if (G* g = current_g(); g->locals) destroy_goroutine_locals(g->locals);
  sched.ngoroutines.fetch_sub(1, std::memory_order_relaxed);
  switch_out(post_switch::exit);
  fatal("a dead goroutine was resumed");
}

// First frame of every goroutine.
[[noreturn]] void g_entry(transfer t) {
  context_entered();
  finish_switch(t);
  G* g = current_g();
  detail::closure_base* fn = g->fn;
  g->fn = nullptr;
  fn->invoke(fn);
  goexit();
}

#if GORT_RACE
// A recycled stack holds its dead owner's accesses in TSan's shadow, which
// no edge orders before the new owner's (and none should: Go's goroutine
// exit orders nothing): they would be reported as races. TSan offers no
// call that forgets a range (AnnotateNewMemory is a no-op); its mmap
// interceptor does, so the segment is mapped afresh (a fresh arena slot
// needs it as little as it costs: one mmap). The guard page below lo is
// not touched; the segment's header (top 64 bytes) is kept.
void race_fresh_stack(G* g) {
  auto* seg = reinterpret_cast<stack_seg*>(g->stk.hi);
  char* end = g->stk.hi + sizeof(stack_seg);
  stack_seg header;
  std::memcpy(&header, seg, sizeof header);
  race_ignore_memory not_an_access;
  void* r = mmap(g->stk.lo, std::size_t(end - g->stk.lo), PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
  if (r == MAP_FAILED) fatal("out of memory renewing a goroutine stack");
  std::memcpy(seg, &header, sizeof header);
}
#endif

void prepare_to_run(M* m, G* g) {
  // Only a goroutine taken from a run queue starts running here.
  GORT_ASSERT(g->status.load(std::memory_order_relaxed) == gstatus::runnable);
  m->curg = g;
  g->m = m;
  set_status(g, gstatus::running);
  if (!g->ctx) {
    stack_prepare(stacks_of(m->p), g);
    g->fiber.set_stack(g->stk.lo, g->stk.hi);
#if GORT_RACE
    race_fresh_stack(g);
#endif
    g->ctx = make_context(g->stk.lo, g->stk.hi, g_entry);
  }
}

}  // namespace

// execute and switch_out call jump_fcontext, which is not split-stack code;
// as split-stack functions the linker would send every call through
// __morestack_non_split (~10 ns). They are no_split_stack instead: their
// small frames fit in the reserve below every segment's limit, and the
// functions they call check the stack themselves.
__attribute__((no_split_stack)) void execute(M* m, G* g, bool inherit) {
  // find_runnable returns with m owning its P (procs.cpp).
  GORT_ASSERT(m->p && m->p->m == m);
  check_stop_for_exit(m);  // exit() under way: run nothing more
  if (!inherit) ++m->p->schedtick;
  prepare_to_run(m, g);
  m->pending = post_switch{&m->g0, post_switch::none};
  stack_switch(nullptr, &g->ss);  // last step before the jump
  transfer t = jump_context(g->ctx, g->fiber);
  finish_switch(t);
}

__attribute__((no_split_stack)) void switch_out(post_switch::kind what,
                                                void (*unlock)(void*),
                                                void* arg) {
  M* m = this_m();
  G* cur = m->curg;
  m->pending = post_switch{cur, what, unlock, arg};
  bool inherit = false;
  // Under exit(), go to g0, which stops this M once `what` is done.
  // g0_turn: now and then through g0, whose find_runnable fires due
  // timers and polls the network poller before it takes p's next goroutine.
  G* next = m->p && !exit_stopping_world.load(std::memory_order_relaxed) &&
                    !g0_turn(m->p)
                ? find_local_runnable(m->p, &inherit)
                : nullptr;
  transfer t;
  if (next) {
    GORT_ASSERT(m->p->m == m);  // a running goroutine's M owns its P
    if (!inherit) ++m->p->schedtick;
    prepare_to_run(m, next);
    stack_switch(&cur->ss, &next->ss);  // last step before the jump
    t = jump_context(next->ctx, next->fiber, what == post_switch::exit);
  } else {
    m->curg = nullptr;
    stack_switch(&cur->ss, nullptr);
    t = jump_context(m->g0.ctx, m->g0.fiber, what == post_switch::exit);
  }
  // Resumed, possibly on another M.
  finish_switch(t);
}

// Out of line: operator new is libstdc++ (non-split code), see execute.
[[gnu::noinline]] static G* new_g() {
  G* g = new G;
  allgs_add(g);
  return g;
}

G* gfree_get(P* p) {
  if (p && p->gfree) {
    G* g = p->gfree;
    p->gfree = g->schedlink;
    --p->gfree_count;
    return g;
  }
  sched.lock.lock();
  G* g = sched.gfree;
  if (g) {
    sched.gfree = g->schedlink;
  }
  sched.lock.unlock();
  return g ? g : new_g();
}

void gfree_put(P* p, G* g) {
  set_status(g, gstatus::idle);
  g->m = nullptr;
  if (!p) {
    sched.lock.lock();
    g->schedlink = sched.gfree;
    sched.gfree = g;
    sched.lock.unlock();
    return;
  }
  g->schedlink = p->gfree;
  p->gfree = g;
  if (++p->gfree_count < 64) return;
  // Move half to the global list so other Ps can reuse them.
  sched.lock.lock();
  while (p->gfree_count > 32) {
    G* x = p->gfree;
    p->gfree = x->schedlink;
    --p->gfree_count;
    x->schedlink = sched.gfree;
    sched.gfree = x;
  }
  sched.lock.unlock();
}

}  // namespace gort::rt
