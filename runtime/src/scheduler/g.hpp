// G: a goroutine. See docs/design/scheduler.md for the G/M/P model.
#pragma once

#include <atomic>
#include <cstdint>

#include <gort/detail/park.hpp>
#include <gort/go.hpp>

#include "base/fatal.hpp"
#include "context/context.hpp"
#include "stack/stack.hpp"

namespace gort::rt {

struct M;
struct goroutine_locals;  // scheduler/goroutine_local.cpp

enum class gstatus : std::uint32_t {
  idle,      // on a free list, not in use
  runnable,  // in a run queue
  running,   // executing on an M
  waiting,   // parked (see wait_reason)
  syscall,   // in a system call or gort::blocking, on its M
  dead,      // finished, not yet recycled
};

// The stack fields (stk, ss, dyn_blocks) are the gstack base: all that
// stack/, below the scheduler, sees of a goroutine (stack/stack.hpp).
struct G : gstack {
  context ctx = nullptr;        // saved registers while not running;
                                // null until first run (no stack yet)
  std::uint64_t id = 0;
  std::atomic<gstatus> status{gstatus::idle};
  detail::wait_reason reason = detail::wait_reason::none;
  detail::closure_base* fn = nullptr;  // the call to run
  G* schedlink = nullptr;       // global run queue and free lists
  M* m = nullptr;               // the M running it, while running
  san_fiber fiber;              // sanitizers' view (context/context.hpp)
  // pthread mutexes and rwlocks it holds (syscall/pthread_interpose.cpp).
  // While non-zero the goroutine is pinned to its thread: a park blocks
  // the thread instead of switching (docs/design/foreign.md).
  std::uint32_t locks_held = 0;
  goroutine_locals* locals = nullptr;  // gort::goroutine_local values
  bool is_g0 = false;
};

// The status changes the runtime makes, each with its one place (every
// store goes through set_status, which checks it in GORT_DEBUG_ASSERTS
// builds):
//
//   idle     -> runnable  spawn (ready), main's goroutine (main_wrap.cpp)
//   runnable -> running   prepare_to_run (switch.cpp): off a run queue
//   running  -> runnable  yield (post_switch::requeue), preemption
//                         (post_switch::preempt)
//   running  -> waiting   park; a pinned goroutine's park (pinned_park.cpp)
//   running  -> syscall   entersyscall, entersyscallblock (gort::blocking)
//   running  -> idle      exit (gfree_put)
//   waiting  -> runnable  ready: unpark, the poller's collect
//                         (netpoll_glue.cpp)
//   waiting  -> running   a pinned goroutine woken on its own thread
//                         (pinned_park.cpp): its context never left the
//                         thread, so it is never queued
//   syscall  -> running   exitsyscall with a P (its own, an idle one, or one
//                         handed to a pinned goroutine's thread)
//   syscall  -> runnable  exitsyscall without a P (post_switch::ready)
//
// Not allowed, among others: syscall -> waiting, a park inside
// gort::blocking (its P is gone; docs/guide.md forbids it), and anything
// -> runnable from runnable or running outside a switch (a goroutine
// readied twice would be queued twice). `dead` is never stored.
constexpr bool status_change_allowed(gstatus from, gstatus to) {
  switch (from) {
    case gstatus::idle: return to == gstatus::runnable;
    case gstatus::runnable: return to == gstatus::running;
    case gstatus::running:
      return to == gstatus::runnable || to == gstatus::waiting ||
             to == gstatus::syscall || to == gstatus::idle;
    case gstatus::waiting: return to == gstatus::runnable || to == gstatus::running;
    case gstatus::syscall: return to == gstatus::running || to == gstatus::runnable;
    case gstatus::dead: return false;
  }
  return false;
}

constexpr const char* gstatus_name(gstatus s) {
  switch (s) {
    case gstatus::idle: return "idle";
    case gstatus::runnable: return "runnable";
    case gstatus::running: return "running";
    case gstatus::waiting: return "waiting";
    case gstatus::syscall: return "syscall";
    case gstatus::dead: return "dead";
  }
  return "?";
}

// The one way to change a goroutine's status. Release builds: the relaxed
// store alone (the caller's protocol orders it, e.g. a lock or the switch).
#if defined(GORT_DEBUG_ASSERTS)
inline void set_status(G* g, gstatus to, const char* file = __builtin_FILE(),
                       int line = __builtin_LINE()) noexcept {
  gstatus from = g->status.load(std::memory_order_relaxed);
  if (!status_change_allowed(from, to))
    die(die_stack::current, nullptr,
        "fatal error: assertion failed: goroutine %llu status %s -> %s (%s:%d)\n\n",
        (unsigned long long)g->id, gstatus_name(from), gstatus_name(to), file, line);
  g->status.store(to, std::memory_order_relaxed);
}
#else
inline void set_status(G* g, gstatus to) noexcept {
  g->status.store(to, std::memory_order_relaxed);
}
#endif

}  // namespace gort::rt
