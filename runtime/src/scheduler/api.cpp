// The public runtime queries (gort/runtime.hpp).
#include <sched.h>

#include <gort/runtime.hpp>

#include "base/forked_child.hpp"
#include "scheduler/pinning.hpp"
#include "scheduler/procs.hpp"
#include "scheduler/sched.hpp"
#include "scheduler/switch.hpp"

namespace gort {

int max_procs() {
  rt::ensure_started();
  return rt::sched.nprocs.load(std::memory_order_acquire) -
         rt::sched.nspare.load(std::memory_order_relaxed);
}

int set_max_procs(int n) {
  using namespace rt;
  ensure_started();
  sched.lock.lock();
  int spare = sched.nspare.load(std::memory_order_relaxed);
  int old = sched.nprocs.load(std::memory_order_relaxed) - spare;
  if (n > 0 && n != old) resize_procs_locked(n + spare);
  sched.lock.unlock();
  // New Ps may have work waiting in the global queue.
  if (n > old) wakep();
  return old;
}

// Out of line for the same reason as in procs.cpp: sched_yield is libc.
[[gnu::noinline]] static void yield_thread() { sched_yield(); }

void yield() {
  rt::check_not_forked_child();
  rt::G* g = rt::current_g();
  if (!g)
    yield_thread();
  else if (rt::pinned(g)) [[unlikely]]  // holds a pthread lock
    rt::yield_pinned();
  else
    rt::switch_out(rt::post_switch::requeue);
}

std::size_t num_goroutine() {
  auto n = rt::sched.ngoroutines.load(std::memory_order_relaxed);
  return n > 0 ? std::size_t(n) : 0;
}

std::uint64_t goroutine_id() {
  rt::G* g = rt::current_g();
  return g ? g->id : 0;
}

}  // namespace gort
