// Creating goroutines (Go's newproc): a G struct from a free list, no stack
// until it first runs, queued in the spawner's runnext.
#include "base/forked_child.hpp"
#include "scheduler/procs.hpp"
#include "scheduler/sched.hpp"
#include "scheduler/spawn.hpp"
#include "scheduler/switch.hpp"

namespace gort::rt {

namespace {

G* new_goroutine(detail::closure_base* fn, std::uint64_t id) {
  M* m = this_m();
  G* g = gfree_get(m ? m->p : nullptr);
  g->id = id;
  g->fn = fn;
  g->reason = detail::wait_reason::none;
  g->fiber.create(id);  // on the spawner: the go statement's race edge
  g->locks_held = 0;
  sched.ngoroutines.fetch_add(1, std::memory_order_relaxed);
  return g;
}

}  // namespace

G* spawn_main(detail::closure_base* fn) {
  ensure_started();
  return new_goroutine(fn, 1);
}

}  // namespace gort::rt

namespace gort::detail {

void spawn(closure_base* c) {
  using namespace gort::rt;
  check_not_forked_child();
  ensure_started();
  G* g = new_goroutine(
      c, sched.goid_gen.fetch_add(1, std::memory_order_relaxed) + 1);
  ready(g, true);
}

}  // namespace gort::detail
