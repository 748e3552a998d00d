#include "sysmon/sysmon.hpp"

#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "base/clock.hpp"
#include "base/env.hpp"
#include "base/fatal.hpp"
#include "base/futex.hpp"
#include "preempt/preempt.hpp"
#include "scheduler/checkdead.hpp"
#include "scheduler/netpoll_glue.hpp"
#include "scheduler/sched.hpp"
#include "scheduler/sysmon_wake.hpp"
#include "syscall/syscall.hpp"

namespace gort::rt {

namespace {

std::int64_t start_time_ns = 0;
std::int64_t schedtrace_ms = 0;  // GORT_DEBUG=schedtrace, read by sysmon_init
// GORT_DEBUG=sysmonnetpoll=0: sysmon leaves the network poller to the
// scheduler's own polls (for tests of those, test/netpoll/busy_p_polls).
bool sysmon_polls = true;

// What sysmon remembers of each P between ticks.
struct p_watch {
  std::uint32_t syscalltick = 0;
  std::int64_t syscall_since = 0;
};
p_watch watch[kMaxProcs];

// Retakes Ps whose M has been in the same system call for a full sysmon
// tick (Go's retake), if the P has work or nobody else is looking for work.
// Returns whether any P is still in a system call (keep ticking fast).
bool retake(std::int64_t now) {
  bool any_in_syscall = false;
  // Every P ever created, not only those below nprocs: a P retired (by
  // set_max_procs, or a spare P going, sysmon/unseen_block.cpp) while its
  // M was in a system call still holds goroutines; retaken, its new M
  // retires it properly and moves them to the global queue.
  for (int i = 0; i < kMaxProcs; ++i) {
    P* p = __atomic_load_n(&sched.allp[i], __ATOMIC_ACQUIRE);
    if (!p) break;
    if (p->state.load(std::memory_order_acquire) != P::syscall) continue;
    any_in_syscall = true;
    std::uint32_t tick = p->syscalltick.load(std::memory_order_relaxed);
    p_watch& w = watch[i];
    if (w.syscalltick != tick) {  // a new call since we last looked
      w.syscalltick = tick;
      w.syscall_since = now;
      continue;
    }
    // Leave it if nothing waits for it, others are idle or spinning anyway,
    // and the call is younger than 10 ms (taking it back costs a switch).
    bool has_work = !p->runq.empty() ||
                    sched.runq_size.load(std::memory_order_relaxed) > 0;
    bool others_free = sched.nmspinning.load(std::memory_order_relaxed) +
                           sched.npidle.load(std::memory_order_relaxed) > 0;
    if (!has_work && others_free && now - w.syscall_since < 10'000'000) continue;
    int expected = P::syscall;
    if (p->state.compare_exchange_strong(expected, P::running,
                                         std::memory_order_acq_rel))
      handoff_p(p);
  }
  return any_in_syscall;
}

}  // namespace

void* sysmon_main(void*) {
  // A 20 us tick must be 20 us, not 20 us plus the default 50 us slack: the
  // tick bounds how long a blocked system call holds its P.
  prctl(PR_SET_TIMERSLACK, 1UL);
  const std::int64_t trace_ms = schedtrace_ms;
  std::int64_t next_trace = start_time_ns + trace_ms * 1'000'000;
  std::int64_t delay_us = 20;
  for (;;) {
    std::int64_t sleep_ns = delay_us * 1000;
    if (trace_ms > 0) {
      std::int64_t until_trace = next_trace - now_ns();
      if (until_trace < sleep_ns) sleep_ns = until_trace > 0 ? until_trace : 0;
    }
    // A long sleep may be cut short by entersyscall (poke_sysmon).
    if (sleep_ns > 0) sysmon_sleep(sleep_ns, delay_us > 20);
    std::int64_t now = now_ns();
    if (trace_ms > 0 && now >= next_trace) {
      print_schedtrace();
      next_trace += trace_ms * 1'000'000;
    }
    bool watch_closely = watch_unseen_blocking(now);
    // Network poller: poll if nobody has for 10 ms (docs/design/netpoll.md).
    if (sysmon_polls) sysmon_netpoll(now);
    // Tick fast while some P is in a system call; else back off to 10 ms.
    if (retake(now))
      delay_us = 20;
    else if (delay_us < 10'000)
      delay_us = delay_us * 2 > 10'000 ? 10'000 : delay_us * 2;
    // Goroutines over their time slice: request preemption; while any P
    // runs one, look again often enough to keep the slice about 10 ms.
    std::int64_t preempt_us = preempt_retake(now);
    if (preempt_us > 0 && delay_us > preempt_us) delay_us = preempt_us;
    if (watch_closely && delay_us > 1'000) delay_us = 1'000;
    // A plain thread that exited may have been the last possible waker:
    // check once the kernel no longer lists it (every ms meanwhile).
    if (recheck_exited_threads() && delay_us > 1'000) delay_us = 1'000;
  }
  return nullptr;
}

void print_schedtrace() {
  sched.lock.lock();
  int procs = sched.nprocs.load(std::memory_order_relaxed);
  char line[8192];
  int n = std::snprintf(
      line, sizeof line,
      "SCHED %lldms: gomaxprocs=%d idleprocs=%d threads=%d "
      "spinningthreads=%d needspinning=%d idlethreads=%d runqueue=%lld [",
      (long long)((now_ns() - start_time_ns) / 1'000'000), procs,
      sched.npidle.load(std::memory_order_relaxed), sched.mtotal,
      sched.nmspinning.load(std::memory_order_relaxed),
      int(sched.needspinning.load(std::memory_order_relaxed)), sched.nmidle,
      (long long)sched.runq_size.load(std::memory_order_relaxed));
  for (int i = 0; i < procs && n < int(sizeof line) - 16; ++i)
    n += std::snprintf(line + n, sizeof line - std::size_t(n), "%s%u",
                       i ? " " : "", sched.allp[i]->runq.size());
  sched.lock.unlock();
  std::fprintf(stderr, "%s] preempted=%llu\n", line,
               (unsigned long long)preemptions());
}

// Read at start-up, not on sysmon's thread: a bad GORT_DEBUG is reported
// (debug_setting checks the whole variable on its first call) before
// main runs, not whenever sysmon's thread first gets the CPU.
void sysmon_init() {
  start_time_ns = now_ns();
  // At most a year between lines: trace_ms * 1e6 must not overflow.
  schedtrace_ms = debug_setting("schedtrace", 0, 365LL * 86'400'000);
  sysmon_polls = debug_setting("sysmonnetpoll", 0, 1, 1) != 0;
}

}  // namespace gort::rt
