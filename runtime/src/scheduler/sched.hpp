// The scheduler's global state and its steps, named after Go's
// (runtime/proc.go): find_runnable, execute, wakep, startm, stopm, ready.
// docs/design/scheduler.md explains the design and the wake-up protocol.
#pragma once

#include <signal.h>

#include <atomic>
#include <cstdint>

#include <gort/detail/park.hpp>

#include "scheduler/g.hpp"
#include "scheduler/m.hpp"
#include "scheduler/p.hpp"

namespace gort::rt {

constexpr int kMaxProcs = 1024;

struct scheduler {
  detail::raw_lock lock;                 // guards everything not atomic
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

// Starts the runtime once (Ps, timer thread); safe from static initialisers
// and from any thread.
void ensure_started();

// Appends a linked batch [head..tail] of n goroutines to the global queue.
void global_runq_put_batch(G* head, G* tail, std::int64_t n);

// Makes g runnable: next on the caller's P if it has one (runnext), else on
// the global queue with an M started for an idle P.
void ready(G* g, bool next = true);

// Switches away from the running goroutine: `what` tells what happens to it
// once its context is saved. Returns when it runs again.
void switch_out(post_switch::kind what, void (*unlock)(void*) = nullptr,
                void* arg = nullptr);

// Starts (or wakes an idle) M to run p; `spinning` if the caller counted it
// in nmspinning.
void start_m(P* p, bool spinning);

// Runs the calling thread as the scheduler's M until the process exits.
[[noreturn]] void run_m(M* m);

// The goroutine running on this thread, or null.
G* current_g() noexcept;

// Creates the goroutine for main (id 1) and makes it runnable.
G* spawn_main(detail::closure_base* fn);

}  // namespace gort::rt
