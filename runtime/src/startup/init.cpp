#include "startup/init.hpp"

#include <pthread.h>
#include <sched.h>
#include <signal.h>

#include <mutex>

#include "base/env.hpp"
#include "base/forked_child.hpp"
#include "panic/panic.hpp"
#include "panic/signals.hpp"
#include "scheduler/checkdead.hpp"
#include "scheduler/procs.hpp"
#include "scheduler/sched.hpp"
#include "startup/threads.hpp"
#include "sysmon/sysmon.hpp"

namespace gort::rt {

namespace {

int default_procs() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
  return 1;
}

std::once_flag start_once;

}  // namespace

// Reached through a function pointer, out of the spawn path: std::call_once
// calls into libc (pthread_once), which would make the linker route every
// ensure_started() call (one per spawn) through __morestack_non_split.
void start_runtime() {
  std::call_once(start_once, [] {
    // Goroutine ids: 1 is main's (see main_wrap.cpp), even if static
    // initialisers spawn goroutines before main starts.
    sched.goid_gen.store(1);
    install_panic_handler();
    checkdead_init();
    install_fork_handler();
    pthread_sigmask(SIG_SETMASK, nullptr, &sched.program_sigmask);
    int n = int(env_int("GORT_MAXPROCS", default_procs(), 1, kMaxProcs));
    sched.lock.lock();
    resize_procs_locked(n);
    sched.lock.unlock();
    install_signal_handlers();
    sysmon_init();
    start_runtime_thread(sysmon_main, "sysmon");
  });
}

}  // namespace gort::rt
