#include "sysmon/sysmon.hpp"

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "base/clock.hpp"
#include "base/fatal.hpp"
#include "base/futex.hpp"
#include "scheduler/checkdead.hpp"
#include "scheduler/sched.hpp"

namespace gort::rt {

namespace {

std::int64_t start_time_ns = 0;

// GORT_DEBUG is a comma-separated list of name=value (like GODEBUG).
std::int64_t debug_value(const char* name) {
  const char* env = std::getenv("GORT_DEBUG");
  if (!env) return 0;
  std::size_t len = std::strlen(name);
  for (const char* p = env; *p;) {
    if (std::strncmp(p, name, len) == 0 && p[len] == '=')
      return std::atoll(p + len + 1);
    p = std::strchr(p, ',');
    if (!p) break;
    ++p;
  }
  return 0;
}

void* sysmon_main(void*) {
  mark_runtime_thread();
  std::int64_t trace_ms = debug_value("schedtrace");
  std::int64_t next_trace = start_time_ns + trace_ms * 1'000'000;
  note never;  // sysmon sleeps on its own note, with a timeout
  std::int64_t delay_us = 20;
  for (;;) {
    std::int64_t sleep_ns = delay_us * 1000;
    if (trace_ms > 0) {
      std::int64_t until_trace = next_trace - now_ns();
      if (until_trace < sleep_ns) sleep_ns = until_trace > 0 ? until_trace : 0;
    }
    if (sleep_ns > 0) never.sleep_for(sleep_ns);
    if (trace_ms > 0 && now_ns() >= next_trace) {
      print_schedtrace();
      next_trace += trace_ms * 1'000'000;
    }
    // Nothing to watch yet: back off towards 10 ms (Go doubles after 50
    // idle rounds).
    if (delay_us < 10'000) delay_us = delay_us * 2 > 10'000 ? 10'000 : delay_us * 2;
  }
  return nullptr;
}

}  // namespace

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
  std::fprintf(stderr, "%s]\n", line);
}

void start_sysmon() {
  static std::once_flag once;
  std::call_once(once, [] {
    start_time_ns = now_ns();
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_t tid;
    int rc = pthread_create(&tid, &attr, sysmon_main, nullptr);
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    pthread_attr_destroy(&attr);
    if (rc != 0) fatal("failed to create the sysmon thread");
  });
}

}  // namespace gort::rt
