// M: an OS thread that runs goroutines while it holds a P.
#pragma once

#include <pthread.h>

#include <atomic>
#include <cstdint>

#include "base/futex.hpp"
#include "scheduler/g.hpp"
#include "stack/limit_poison.hpp"

namespace gort::rt {

struct P;

// What to do with the goroutine we just switched away from, once its
// registers are saved (run on the new stack by finish_switch). Doing these
// before the switch would let another M resume a half-saved goroutine.
struct post_switch {
  enum kind : std::uint8_t {
    none,      // nothing (e.g. leaving g0)
    requeue,   // yield: put it at the tail of this P's run queue
    park,      // park: call unlock(arg); someone else will ready it
    exit,      // dead: recycle its stack and G
    ready,     // make it runnable from this P-less M (exitsyscall, no P)
    preempt,   // preempted: the global run queue's tail (Go's gopreempt_m)
  };
  G* from = nullptr;            // receives the saved context
  kind what = none;
  void (*unlock)(void*) = nullptr;
  void* arg = nullptr;
};

struct M {
  G g0;                      // the thread's own stack: runs the scheduler loop
  G* curg = nullptr;         // goroutine running now; null while on g0
  P* p = nullptr;            // attached P; null while idle
  P* nextp = nullptr;        // P handed over by whoever woke this M
  bool spinning = false;     // looking for work (counted in nmspinning)
  // Firing due timers between goroutines (scheduler/g0_turn.cpp): what
  // they ready queues in deadline order, not each into runnext.
  bool firing_timers = false;
  note park;                 // sleeps here while idle
  M* schedlink = nullptr;    // idle M list
  post_switch pending;
  int id = 0;
  pthread_t thread{};
  // The thread's stack-limit slot and poison record, for sysmon's
  // preemption requests (preempt/, stack/limit_poison.hpp); `poison` is
  // published last (release), so sysmon sees the thread's TLS set up.
  std::uintptr_t* limit_slot = nullptr;
  std::atomic<limit_poison*> poison{nullptr};
  int tid = 0;               // kernel thread id (sysmon/unseen_block.cpp)
  // The thread's gort_locks_held: non-zero while it holds or waits for a
  // runtime lock, when a sleep in the kernel is the runtime's own business
  // and not blocking sysmon should make room for (sysmon/unseen_block.cpp).
  const std::uint32_t* locks_held = nullptr;

};

// The M of the calling thread, or null on a plain thread. Not inlined: the
// compiler must not cache the thread-local's address across a context
// switch, after which the goroutine may be on another thread.
M* this_m() noexcept;
void set_this_m(M* m) noexcept;

}  // namespace gort::rt
