// Worker threads (Ms) and how they find work: Go's schedule/findRunnable,
// wakep/startm/stopm, with Go's spinning protocol.
//
// Why a goroutine made runnable can never be stranded (see
// docs/design/scheduler.md, "No lost wake-ups"):
//  * A submitter on a P puts the goroutine in its local queue, then (after
//    a seq_cst RMW) calls wakep(), which starts a spinning M unless one is
//    already spinning.
//  * A spinning M that finds nothing gives up its P under sched.lock (after
//    a last look at the global queue), then decrements nmspinning (seq_cst)
//    and only then checks every P's queue and the global queue once more.
//  Either the submitter's wakep sees nmspinning == 0 and starts an M, or the
//  spinner's final check sees the goroutine: the StoreLoad pairs
//  (queue store; load nmspinning) vs (nmspinning decrement; queue loads)
//  cannot both miss.
//  * A thread without a P (timer thread, plain thread) puts the goroutine on
//  the global queue and, under the same lock, takes an idle P and starts an
//  M for it; if no P is idle, every P's M will look at the global queue
//  under sched.lock before it lets its P go idle.
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>

#include "base/clock.hpp"
#include "base/env.hpp"
#include "base/fastrand.hpp"
#include "base/fatal.hpp"
#include "base/race.hpp"
#include "scheduler/checkdead.hpp"
#include "scheduler/exit_stop.hpp"
#include "scheduler/global_runq.hpp"
#include "scheduler/g0_turn.hpp"
#include "scheduler/netpoll_glue.hpp"
#include "scheduler/procs.hpp"
#include "scheduler/sched.hpp"
#include "scheduler/switch.hpp"

namespace gort::rt {

namespace {

thread_local M* tls_m = nullptr;

// GORT_MAXTHREADS (default 10000, as Go's SetMaxThreads): a program that
// blocks that many threads in system calls gets a fatal error, not a hang.
int max_threads() {
  static const int n = int(env_int("GORT_MAXTHREADS", 10000, 1, 1'000'000'000));
  return n;
}

bool retired(const P* p) {
  return p->id >= sched.nprocs.load(std::memory_order_acquire);
}

void* thread_main(void* arg) {
  M* m = static_cast<M*>(arg);
  set_this_m(m);
  run_m(m);
}

// "gort-m<id>" in top -H, perf and gdb (the runtime's own threads are
// named by startup/threads.cpp; the main thread keeps the program's name).
void name_m_thread(M* m) {
  char name[16];
  std::snprintf(name, sizeof name, "gort-m%d", m->id);
  pthread_setname_np(m->thread, name);
}

}  // namespace

// Creates (or reuses) an M to run p. `spinning`: the caller already counted
// it in nmspinning.
void start_m(P* p, bool spinning) {
  sched.lock.lock();
  M* m = sched.midle;
  if (m) {
    sched.midle = m->schedlink;
    --sched.nmidle;
  }
  sched.lock.unlock();
  if (m) {
    m->nextp = p;
    m->spinning = spinning;
    m->park.wakeup();
    return;
  }
  m = new M;
  sched.lock.lock();
  if (sched.mtotal >= max_threads()) {
    sched.lock.unlock();
    std::fprintf(stderr, "runtime: program exceeds %d-thread limit\n", max_threads());
    fatal("thread exhaustion");
  }
  m->id = ++sched.mcount;
  ++sched.mtotal;
  sched.lock.unlock();
  m->nextp = p;
  m->spinning = spinning;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  // Ms run the program's goroutines, so they take its signals like any of
  // its threads: they get the program's signal mask, whoever creates them
  // (sysmon, which blocks all signals, starts Ms too).
  sigset_t old;
  pthread_sigmask(SIG_SETMASK, &sched.program_sigmask, &old);
  int rc;
  {
    race_ignore_sync no_inherit;  // docs/design/sanitizers.md
    rc = pthread_create(&m->thread, &attr, thread_main, m);
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  pthread_attr_destroy(&attr);
  if (rc != 0) fatal("failed to create a new OS thread (pthread_create)");
  name_m_thread(m);
}

namespace {

// Parks the M until start_m hands it a P; returns with m->p set.
void stop_m(M* m) {
  sched.lock.lock();
  m->schedlink = sched.midle;
  sched.midle = m;
  ++sched.nmidle;
  checkdead_locked();
  sched.lock.unlock();
  m->park.sleep();
  m->park.clear();
  acquire_p(m, m->nextp);
  m->nextp = nullptr;
}

void reset_spinning(M* m) {
  m->spinning = false;
  sched.nmspinning.fetch_sub(1, std::memory_order_seq_cst);
  // We found work; there may be more: make sure someone else looks.
  wakep();
}

void become_spinning(M* m) {
  m->spinning = true;
  sched.nmspinning.fetch_add(1, std::memory_order_seq_cst);
  sched.needspinning.store(false, std::memory_order_relaxed);
}

// Before taking a running victim's runnext: sleep about 3 us, as Go does
// (usleep(3)). With the kernel's default 50 us timer slack the thread in
// fact sleeps ~50 us, which is what makes it work: a producer/consumer
// pair keeps alternating on one P for a whole buffer's worth of items
// instead of being torn across two Ps that then fight over the channel
// lock. (A busy spin instead measured worse: docs/design/scheduler.md,
// "Runtime lock spinning".)
void pause_before_runnext_steal() {
  timespec ts{0, 3000};
  nanosleep(&ts, nullptr);
}

// Four rounds over all Ps in a random order, stealing half a victim's
// queue; the last round also takes a victim's runnext, after a short pause
// that lets a running victim schedule its own runnext first (otherwise a
// ping-pong pair would be torn apart across Ps on every hand-off).
G* steal_work(M* m) {
  int n = sched.nprocs.load(std::memory_order_acquire);
  for (int round = 0; round < 4; ++round) {
    // A P retired by set_max_procs meanwhile must not take more work.
    if (retired(m->p)) return nullptr;
    bool last = round == 3;
    std::uint32_t start = fastrand();
    for (int i = 0; i < n; ++i) {
      P* victim = sched.allp[(start + std::uint32_t(i)) % std::uint32_t(n)];
      if (victim == m->p) continue;
      if (last && victim->runq.runnext.load(std::memory_order_relaxed) &&
          victim->runq.size() == 0)
        pause_before_runnext_steal();
      if (G* g = m->p->runq.steal_from(victim->runq, last)) return g;
    }
  }
  return nullptr;
}

// Moves a retired P's goroutines to the global queue and gives the P up.
void retire_p(M* m) {
  P* p = m->p;
  G* head = nullptr;
  G* tail = nullptr;
  std::int64_t n = 0;
  bool inherit;
  while (G* g = p->runq.get(&inherit)) {
    g->schedlink = nullptr;
    if (tail) tail->schedlink = g; else head = g;
    tail = g;
    ++n;
  }
  sched.lock.lock();
  if (n) global_runq_put_locked(head, tail, n);
  release_p(m);
  if (retired(p))
    p->state.store(P::retired, std::memory_order_relaxed);
  else
    pidle_put(p);  // grown back meanwhile
  P* other = n ? pidle_get() : nullptr;
  sched.lock.unlock();
  if (other) start_m(other, false);
}

// Is there work anywhere? (Used after giving up our P.)
bool any_work_visible() {
  if (sched.runq_size.load(std::memory_order_seq_cst) > 0) return true;
  int n = sched.nprocs.load(std::memory_order_acquire);
  for (int i = 0; i < n; ++i)
    if (!sched.allp[i]->runq.empty()) return true;
  return false;
}

// Returns a goroutine to run, with m->p set. Blocks the M while there is
// nothing to do.
G* find_runnable(M* m, bool* inherit) {
  for (;;) {
    check_stop_for_exit(m);
    if (!m->p) {
      // Back from a system call whose P was retaken, with no P free then.
      sched.lock.lock();
      P* np = pidle_get();
      sched.lock.unlock();
      if (np) acquire_p(m, np); else stop_m(m);
      continue;
    }
    P* p = m->p;
    if (retired(p)) {
      // A spinning M whose P was retired meanwhile (set_max_procs, or
      // sysmon dropping a spare P) stops spinning: it sleeps below, and
      // a leaked nmspinning would keep wakep from ever starting an M.
      if (m->spinning) {
        m->spinning = false;
        sched.nmspinning.fetch_sub(1, std::memory_order_seq_cst);
      }
      retire_p(m);
      sched.lock.lock();
      P* np = pidle_get();
      sched.lock.unlock();
      if (np) acquire_p(m, np); else stop_m(m);
      continue;
    }
    // Due timers (Go's checkTimers), and a poll switch_out asked for.
    g0_turn_run(p);
    if (G* g = find_local_runnable(p, inherit)) return g;
    // Network poller: goroutines whose fds became ready, before stealing
    // (Go's order). Cheap when nobody waits on it (docs/design/netpoll.md).
    if (netpoll_ready_now(p))
      if (G* g = find_local_runnable(p, inherit)) return g;
    // Steal, unless enough Ms are already spinning (at most half the busy
    // Ps' worth, so spinning does not burn all the CPUs).
    int procs = sched.nprocs.load(std::memory_order_relaxed);
    if (m->spinning ||
        2 * sched.nmspinning.load(std::memory_order_relaxed) <
            procs - sched.npidle.load(std::memory_order_relaxed)) {
      if (!m->spinning) become_spinning(m);
      if (G* g = steal_work(m)) return g;
    }

    // Retired while we looked: the branch above gives it up properly.
    if (retired(p)) continue;
    // Nothing found: give up the P.
    sched.lock.lock();
    if (sched.runq_size.load(std::memory_order_relaxed) > 0) {
      G* g = global_runq_get_locked(p, 0);
      sched.lock.unlock();
      return g;
    }
    if (!m->spinning && sched.needspinning.load(std::memory_order_relaxed)) {
      // A waker wanted a spinning M but found no idle P: be that M.
      become_spinning(m);
      sched.lock.unlock();
      continue;
    }
    release_p(m);
    pidle_put(p);
    sched.lock.unlock();

    if (m->spinning) {
      m->spinning = false;
      sched.nmspinning.fetch_sub(1, std::memory_order_seq_cst);
      // The delicate part: look again after dropping nmspinning.
      if (any_work_visible()) {
        sched.lock.lock();
        P* np = pidle_get();
        sched.lock.unlock();
        if (np) {
          acquire_p(m, np);
          become_spinning(m);
          continue;
        }
      }
    }
    // Network poller: one M about to idle blocks in epoll_wait instead,
    // while goroutines wait on it (docs/design/netpoll.md, "Who polls").
    if (netpoll_block(m)) continue;
    stop_m(m);
  }
}

}  // namespace

M* this_m() noexcept {
  asm volatile("" ::: "memory");
  return tls_m;
}
void set_this_m(M* m) noexcept {
  tls_m = m;
  // The thread's start (TSan's write initialising its TLS: errno, every
  // thread_local) happens before any goroutine that runs on it; each
  // switch to a goroutine acquires this (switch.cpp, finish_switch).
  // Otherwise a goroutine reading errno on an M it just moved to is a race
  // with that M's TLS set-up. Nothing else is released on m: no goroutine's
  // past travels this way. Compiled out outside the race build.
  if (m) race_release(m);
  if (m) {  // where sysmon poisons this thread's stack limit (preemption)
    m->limit_slot = this_thread_limit_slot();
    m->poison.store(&gort_limit_poison, std::memory_order_release);
  }
}

G* current_g() noexcept {
  M* m = this_m();
  return m ? m->curg : nullptr;
}

void wakep() {
  if (sched.nmspinning.load(std::memory_order_seq_cst) != 0) return;
  int expected = 0;
  if (!sched.nmspinning.compare_exchange_strong(expected, 1,
                                                std::memory_order_seq_cst))
    return;
  sched.lock.lock();
  P* p = pidle_get();
  if (!p) {
    sched.needspinning.store(true, std::memory_order_relaxed);
    sched.nmspinning.fetch_sub(1, std::memory_order_seq_cst);
    sched.lock.unlock();
    return;
  }
  sched.lock.unlock();
  start_m(p, true);
}

void ready(G* g, bool next) {
  // From idle (spawn), waiting (unpark) or syscall (exitsyscall without a
  // P, from the M's g0): never the caller itself, nor anyone running.
  GORT_ASSERT(g != current_g());
  GORT_ASSERT(g->status.load(std::memory_order_relaxed) != gstatus::running);
  set_status(g, gstatus::runnable);
  M* m = this_m();
  if (m && m->p && !retired(m->p)) {
    m->p->runq.put(g, next && !m->firing_timers);
    wakep();
    return;
  }
  // No P here (timer thread, plain thread, or a retiring P).
  sched.lock.lock();
  global_runq_put_locked(g, g, 1);
  P* p = pidle_get();
  sched.lock.unlock();
  if (p) start_m(p, false);
}

// Takes from the global queue, locking only if it looks non-empty.
static G* global_runq_take(P* p, std::int64_t max) {
  if (sched.runq_size.load(std::memory_order_relaxed) == 0) return nullptr;
  sched.lock.lock();
  G* g = global_runq_get_locked(p, max);
  sched.lock.unlock();
  return g;
}

G* find_local_runnable(P* p, bool* inherit) {
  if (retired(p)) return nullptr;
  *inherit = false;
  // Fairness: now and then the global queue goes first, so goroutines
  // there are not starved by two goroutines that keep readying each other.
  if (p->schedtick % 61 == 0)
    if (G* g = global_runq_take(p, 1)) return g;
  if (G* g = p->runq.get(inherit)) return g;
  return global_runq_take(p, 0);
}

void run_m(M* m) {
  m->tid = int(gettid());
  __atomic_store_n(&m->locks_held, &gort_locks_held, __ATOMIC_RELEASE);
  m->g0.is_g0 = true;
  m->g0.fiber.adopt_current();
  if (m->nextp) {
    acquire_p(m, m->nextp);
    m->nextp = nullptr;
  } else if (!m->p) {
    sched.lock.lock();
    P* p = pidle_get();
    sched.lock.unlock();
    if (p) acquire_p(m, p); else stop_m(m);
  }
  for (;;) {
    bool inherit = false;
    G* g = find_runnable(m, &inherit);
    if (m->spinning) reset_spinning(m);
    execute(m, g, inherit);
  }
}

}  // namespace gort::rt
