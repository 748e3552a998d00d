// The scheduler's global state (Go's schedt), defined in procs.cpp. Its
// steps are declared beside their definitions: proc.hpp (ready, wakep,
// start_m, run_m), switch.hpp (execute, switch_out), global_runq.hpp,
// procs.hpp (idle Ps, ensure_started). docs/design/scheduler.md explains
// the design and the wake-up protocol.
#pragma once

#include <signal.h>

#include <atomic>
#include <cstdint>

#include <gort/detail/park.hpp>

#include "base/owned_lock.hpp"
#include "scheduler/g.hpp"
#include "scheduler/m.hpp"
#include "scheduler/p.hpp"

namespace gort::rt {

constexpr int kMaxProcs = 1024;

struct scheduler {
  owned_lock lock;                       // guards everything not atomic
  // Global run queue (FIFO, intrusive through G::schedlink).
  G* runq_head = nullptr;
  G* runq_tail = nullptr;
  std::atomic<std::int64_t> runq_size{0};
  // Idle Ps and Ms.
  P* pidle = nullptr;
  std::atomic<int> npidle{0};
  M* midle = nullptr;
  int nmidle = 0;
  int mcount = 0;                        // Ms started by start_m (ids)
  int mtotal = 0;                        // all Ms, including the main thread's
  std::atomic<int> nmspinning{0};
  // Set when a P was wanted for a spinning M but none was idle: the next M
  // about to idle its P becomes spinning instead (Go's needspinning).
  std::atomic<bool> needspinning{false};
  // Processors. allp[0..nprocs) are in use; Ps past nprocs are retired when
  // their M next schedules (set_max_procs shrinking).
  P* allp[kMaxProcs] = {};
  std::atomic<int> nprocs{0};
  // Of those, Ps added by sysmon while as many threads sleep in the kernel
  // holding their P in code gort cannot see (sysmon/unseen_block.cpp);
  // max_procs() does not count them.
  std::atomic<int> nspare{0};
  int nprocs_created = 0;
  // Goroutines.
  std::atomic<std::uint64_t> goid_gen{0};
  std::atomic<std::int64_t> ngoroutines{0};
  G* gfree = nullptr;                    // global free G list
  sigset_t program_sigmask{};            // signal mask for new Ms
};

extern scheduler sched;

}  // namespace gort::rt

// The steps on that state (ready, wakep, start_m, run_m, current_g), which
// nearly every user of sched needs: declared by proc.cpp's own header.
#include "scheduler/proc.hpp"
