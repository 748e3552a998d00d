// G: a goroutine. See docs/design/scheduler.md for the G/M/P model.
#pragma once

#include <atomic>
#include <cstdint>

#include <gort/detail/park.hpp>
#include <gort/go.hpp>

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

}  // namespace gort::rt
