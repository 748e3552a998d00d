// Blocking the runtime cannot see (docs/design/foreign.md): a goroutine
// that sleeps in the kernel inside libc or another library (system(),
// fgets on a pipe, getaddrinfo, a database client) holds its P without
// entering the system-call state. Each tick sysmon looks at every running
// P: if its M has made no progress since an earlier look (same goroutine,
// no system call, the thread's CPU time unchanged), goroutines wait for a
// P, and the kernel says the thread sleeps outside any runtime lock (a
// futex wait for one is the runtime's own), long enough for its kind of
// sleep, the thread is a sleeper: sysmon keeps one spare P per sleeper
// (sched.nspare, not counted by max_procs), so the waiting goroutines run
// on other Ms (a spare's M steals them). When a sleeper is back (it runs
// or switches again) a spare goes: the P with the highest id retires at
// its M's next scheduling point, as when set_max_procs shrinks.
//
// How long is long enough depends on the kind of sleep the kernel reports
// in /proc/self/task/TID/stat:
//  - 'S' (interruptible: waiting for data, a child, a timer, a futex),
//    the waits that may last as long as the program pleases: 1 ms;
//  - 'D' (uninterruptible: the kernel's own waits inside a call that does
//    not block on I/O, such as growing the fd table in socket() or
//    accept(), an RCU grace period, mmap_lock, a page read from disk):
//    they end by themselves, so 100 ms. In an in-process TCP echo test
//    every sleeper sysmon found was one of these (socket() waiting in
//    expand_files while another thread grew the fd table, up to ~50 ms on
//    the loaded machine), and four of them at once took GORT_MAXPROCS=4 to
//    eight Ps and nine threads. A disk that hangs (NFS) still gets its
//    spare.
// "Since an earlier look" is measured in time, not in looks: sysmon ticks
// every 20 us while a P is in a system call.
//
// Why a spare P rather than taking the sleeper's P away (as for a system
// call): the sleeper did not announce anything, so it may be asleep
// anywhere, also inside the runtime with its P in hand (a contended
// raw_lock, malloc's lock, a page fault), and it writes its P's run queue
// and caches without atomics when it wakes. Taking the P would need a
// check before every such use; adding one needs none, and a false alarm
// costs only a little extra parallelism for one tick.
//
// sysmon looks at least every millisecond while goroutines are queued on
// a running P (or a spare is in use), so an interruptible sleeper is seen
// within about two: ~1 ms after it fell asleep the first look finds its
// CPU time standing still, a look at least 1 ms after the last progress
// confirms. Cost per tick and running P: one clock_gettime of the thread's
// CPU clock (~0.2 us unloaded, 1.9 us on the loaded test machine); the
// /proc read (~13 us there) and a second clock_gettime only when the CPU
// time stood still.
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "base/clock.hpp"
#include "scheduler/procs.hpp"
#include "scheduler/sched.hpp"
#include "scheduler/switch.hpp"
#include "sysmon/sysmon.hpp"

namespace gort::rt {

namespace {

// What sysmon saw of each P at the last tick.
struct p_progress {
  M* m = nullptr;
  G* g = nullptr;
  std::uint32_t schedtick = 0;
  std::uint32_t syscalltick = 0;
  std::int64_t cpu_ns = -1;
  std::int64_t moved_ns = 0;  // the last look at which it had progressed
  bool sleeper = false;  // asleep in the kernel holding the P: a spare
                         // P stands in for it
};
p_progress seen[kMaxProcs];

// /proc/self/task/TID/stat, opened once per thread id (Ms live forever).
struct stat_fd {
  int tid = 0;
  int fd = -1;
};
constexpr int kMaxStatFds = 4096;
stat_fd stat_fds[kMaxStatFds];

// The thread's CPU clock (glibc's MAKE_THREAD_CPUCLOCK(tid, CPUCLOCK_SCHED)).
std::int64_t thread_cpu_ns(int tid) {
  clockid_t clock = clockid_t((~unsigned(tid) << 3) | 6);
  timespec ts;
  if (clock_gettime(clock, &ts) != 0) return -1;
  return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// How long a thread must have been asleep, by the kind of sleep, before
// it counts as blocked (see the top of this file).
constexpr std::int64_t kMinInterruptibleNs = 1'000'000;
constexpr std::int64_t kMinUninterruptibleNs = 100'000'000;

// The thread's state if it sleeps in the kernel ('S' interruptible, 'D'
// not), else 0.
char thread_sleep_state(const M* m, int tid, int m_id) {
  if (m_id < 0 || m_id >= kMaxStatFds) return 0;
  // Asleep in a contended runtime lock (its holder descheduled, say): the
  // runtime's business, over in microseconds; not a foreign block.
  const std::uint32_t* held = __atomic_load_n(&m->locks_held, __ATOMIC_ACQUIRE);
  if (!held || __atomic_load_n(held, __ATOMIC_RELAXED) != 0) return 0;
  stat_fd& s = stat_fds[m_id];
  if (s.tid != tid) {
    if (s.fd >= 0) close(s.fd);
    char path[64];
    std::snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
    s.fd = open(path, O_RDONLY | O_CLOEXEC);
    s.tid = tid;
  }
  if (s.fd < 0) return 0;
  char buf[512];
  ssize_t n = pread(s.fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return 0;
  buf[n] = 0;
  // "tid (comm) S ...": comm may hold spaces and parentheses.
  const char* close_paren = std::strrchr(buf, ')');
  if (!close_paren || close_paren[1] != ' ') return 0;
  char state = close_paren[2];
  return state == 'S' || state == 'D' ? state : 0;
}

// Has the thread slept long enough, for its kind of sleep, to count as
// blocked? `cpu` is its CPU time at this look, unchanged since the look at
// `moved` (so it has not run since). The CPU clock is read again after
// the state: a thread that ran in between (and maybe went to sleep
// elsewhere, or took a runtime lock) is not judged on a mixed picture.
// A thread that has not run since `moved` and sleeps now has slept all
// along (only a running thread can go to sleep), so now - moved is a
// lower bound on this very sleep.
bool slept_long_enough(const M* m, int tid, std::int64_t cpu,
                       std::int64_t moved, std::int64_t now) {
  std::int64_t asleep = now - moved;
  if (asleep < kMinInterruptibleNs) return false;
  char state = thread_sleep_state(m, tid, m->id);
  if (!state || thread_cpu_ns(tid) != cpu) return false;
  return state == 'S' || asleep >= kMinUninterruptibleNs;
}

// Goroutines wait that an added P would run: the P's own queue, or the
// global queue with no idle P.
bool work_waits(P* p) {
  return !p->runq.empty() ||
         (sched.runq_size.load(std::memory_order_relaxed) > 0 &&
          sched.npidle.load(std::memory_order_relaxed) == 0);
}

void add_spare_p() {
  sched.lock.lock();
  int n = sched.nprocs.load(std::memory_order_relaxed);
  bool added = n < kMaxProcs;
  if (added) {
    sched.nspare.fetch_add(1, std::memory_order_relaxed);
    resize_procs_locked(n + 1);
  }
  sched.lock.unlock();
  if (added) wakep();  // a spinning M for the new P steals the waiting work
}

void remove_spare_p() {
  sched.lock.lock();
  if (sched.nspare.load(std::memory_order_relaxed) > 0) {
    sched.nspare.fetch_sub(1, std::memory_order_relaxed);
    resize_procs_locked(sched.nprocs.load(std::memory_order_relaxed) - 1);
  }
  sched.lock.unlock();
}

}  // namespace

bool watch_unseen_blocking(std::int64_t now) {
#if defined(__SANITIZE_THREAD__) || __has_feature(thread_sanitizer)
  // It reads the Ms' scheduling fields unsynchronised (a stale value only
  // delays a decision by a tick); ThreadSanitizer would report each read.
  return false;
#endif
  int n = sched.nprocs.load(std::memory_order_acquire);
  int sleepers = 0;  // Ps whose thread sleeps with goroutines waiting
  bool stranded = false;  // goroutines queued on a sleeper's P
  bool queued = false;    // goroutines queued on some running P
  for (int i = 0; i < n; ++i) {
    P* p = sched.allp[i];
    p_progress& w = seen[i];
    M* m = nullptr;
    G* g = nullptr;
    if (p->state.load(std::memory_order_acquire) == P::running) {
      m = __atomic_load_n(&p->m, __ATOMIC_ACQUIRE);
      if (m) g = __atomic_load_n(&m->curg, __ATOMIC_ACQUIRE);
    }
    std::uint32_t schedtick = __atomic_load_n(&p->schedtick, __ATOMIC_RELAXED);
    std::uint32_t syscalltick = p->syscalltick.load(std::memory_order_relaxed);
    int tid = m ? __atomic_load_n(&m->tid, __ATOMIC_RELAXED) : 0;
    std::int64_t cpu = g && tid ? thread_cpu_ns(tid) : -1;
    bool stood_still = g && cpu >= 0 && w.m == m && w.g == g &&
                       w.schedtick == schedtick &&
                       w.syscalltick == syscalltick && w.cpu_ns == cpu;
    std::int64_t moved = stood_still ? w.moved_ns : now;
    // Once counted, a sleeper stays counted until it moves, work or not
    // (its queue may have been stolen empty by the spare's M).
    bool sleeper = stood_still &&
                   (w.sleeper ||
                    (work_waits(p) && slept_long_enough(m, tid, cpu, moved, now)));
    sleepers += sleeper;
    stranded |= sleeper && !p->runq.empty();
    queued |= g && !p->runq.empty();
    w = p_progress{m, g, schedtick, syscalltick, cpu, moved, sleeper};
  }
  for (int i = n; i < kMaxProcs; ++i) seen[i].sleeper = false;
  // One step per tick towards one spare per sleeper. Shrinking retires
  // the highest P: never while that one is a sleeper's (it would leave the
  // sleeper's queue where no thief looks); the spare then stays until it
  // is not.
  int spare = sched.nspare.load(std::memory_order_relaxed);
  if (sleepers > spare)
    add_spare_p();  // wakes a spinning M for it
  else if (sleepers < spare && n > 0 && !seen[n - 1].sleeper)
    remove_spare_p();
  // A spare that went idle before new goroutines were queued on a
  // sleeper's P: wake a spinning M to steal them (wakep does nothing if
  // one spins already or no P is idle).
  if (stranded) wakep();
  return queued || sleepers > 0;
}

}  // namespace gort::rt
