// P: a processor, the right to run goroutines; GORT_MAXPROCS of them.
#pragma once

#include <atomic>
#include <cstdint>

#include "scheduler/runq.hpp"
#include "stack/stack.hpp"

namespace gort::rt {

struct M;
struct G;

struct P {
  // idle: in the idle list; running: held by an M; syscall: its M is in a
  // system call and sysmon may retake it (CAS syscall -> running, against
  // exitsyscall's CAS); retired: beyond GORT_MAXPROCS.
  enum state_t : int { idle, running, syscall, retired };
  int id = 0;
  std::atomic<int> state{retired};
  std::atomic<std::uint32_t> syscalltick{0};  // syscalls entered (sysmon)
  M* m = nullptr;              // owner while running
  P* link = nullptr;           // idle P list
  std::uint32_t schedtick = 0; // goroutines scheduled (global-queue fairness)
  // Switches between goroutines on this P, and what one of them found due
  // for find_runnable to do on g0 (scheduler/g0_turn.hpp): a P that always
  // has local work never passes through find_runnable otherwise.
  std::uint32_t switchtick = 0;
  bool timers_due = false;
  bool netpoll_due = false;
  // Preemption request from sysmon for the time slice `schedtick` (see
  // preempt/request.hpp); stale once schedtick moves.
  std::atomic<std::uint64_t> preempt_req{0};
  run_queue runq;              // local run queue + runnext
  stack_cache stacks;          // free stacks, hot first
  G* gfree = nullptr;          // free G structs
  int gfree_count = 0;
};

// The segment cache stack/ may use on an M holding p (p null: none).
inline stack_cache* stacks_of(P* p) { return p ? &p->stacks : nullptr; }

}  // namespace gort::rt
