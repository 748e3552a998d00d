// The scheduler's answers to stack/'s questions (stack/hooks.hpp): which
// goroutine's segments and which P's cache the calling thread uses. Called
// from the fault handler and __morestack's slow path, with the stack limit
// cleared: TLS reads and loads only.
#include "scheduler/stack_glue.hpp"

#include "scheduler/sched.hpp"

namespace gort::rt {

gstack* current_gstack() {
  return current_g();
}

std::uint64_t current_goroutine_id() {
  G* g = current_g();
  return g ? g->id : 0;
}

// None while the goroutine is in a system call: sysmon may hand the P to
// another M at any moment.
stack_cache* current_stack_cache() {
  M* m = this_m();
  if (!m || !m->p) return nullptr;
  if (m->curg && m->curg->status.load(std::memory_order_relaxed) == gstatus::syscall)
    return nullptr;
  return &m->p->stacks;
}

}  // namespace gort::rt
