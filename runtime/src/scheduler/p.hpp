// P: a processor, the right to run goroutines; GORT_MAXPROCS of them.
#pragma once

#include <cstdint>

#include "scheduler/runq.hpp"
#include "stack/stack.hpp"

namespace gort::rt {

struct M;
struct G;

struct P {
  enum state_t : int { idle, running, retired };
  int id = 0;
  state_t state = retired;     // guarded by sched.lock (running: by its M)
  M* m = nullptr;              // owner while running
  P* link = nullptr;           // idle P list
  std::uint32_t schedtick = 0; // goroutines scheduled (global-queue fairness)
  run_queue runq;              // local run queue + runnext
  stack_cache stacks;          // free stacks, hot first
  G* gfree = nullptr;          // free G structs
  int gfree_count = 0;
};

}  // namespace gort::rt
