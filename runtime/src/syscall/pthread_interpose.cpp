// pthread and semaphore functions, interposed (docs/design/foreign.md).
// Standard C++ synchronization (std::mutex, recursive_mutex, timed_mutex,
// shared_mutex, condition_variable, thread::join, future) is built on
// these, and a goroutine may use it as a thread does:
//
//  * Pinning: every successful lock of a pthread mutex or rwlock counts in
//    the goroutine (G::locks_held), every unlock uncounts. While the count
//    is non-zero the goroutine keeps its thread: a gort park blocks the
//    thread and hands the P on (syscall/pinned_park.cpp), and a return from
//    a system call waits for a P on this thread. So lock ownership (which
//    glibc records per thread), recursion and mutual exclusion are exactly
//    as in plain C++.
//  * Foreign blocking: a contended lock (tried first without blocking), a
//    condition-variable wait, sem_wait, pthread_join and a futex wait made
//    through syscall() (libstdc++'s std::future, std::atomic::wait,
//    std::counting_semaphore) enter the system-call state with the P handed
//    off at once, so the goroutine that will unlock, notify, post or finish
//    runs on another M while this thread blocks in the kernel.
//
// On plain threads every wrapper is the real call. The real functions are
// ThreadSanitizer's interceptors when it is linked (its definitions are
// weak, ours win, and it must still see every lock), else glibc's.
#include <dlfcn.h>
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <sys/syscall.h>
#include <time.h>

#include "scheduler/sched.hpp"
#include "syscall/syscall.hpp"

// Defined only when ThreadSanitizer's runtime is linked.
#define GORT_TSAN_INTERCEPTOR(ret, name, params) \
  extern "C" ret __interceptor_##name params __attribute__((weak));
GORT_TSAN_INTERCEPTOR(int, pthread_mutex_lock, (pthread_mutex_t*))
GORT_TSAN_INTERCEPTOR(int, pthread_mutex_trylock, (pthread_mutex_t*))
GORT_TSAN_INTERCEPTOR(int, pthread_mutex_unlock, (pthread_mutex_t*))
GORT_TSAN_INTERCEPTOR(int, pthread_mutex_timedlock, (pthread_mutex_t*, const timespec*))
GORT_TSAN_INTERCEPTOR(int, pthread_mutex_clocklock, (pthread_mutex_t*, clockid_t, const timespec*))
GORT_TSAN_INTERCEPTOR(int, pthread_rwlock_rdlock, (pthread_rwlock_t*))
GORT_TSAN_INTERCEPTOR(int, pthread_rwlock_wrlock, (pthread_rwlock_t*))
GORT_TSAN_INTERCEPTOR(int, pthread_rwlock_tryrdlock, (pthread_rwlock_t*))
GORT_TSAN_INTERCEPTOR(int, pthread_rwlock_trywrlock, (pthread_rwlock_t*))
GORT_TSAN_INTERCEPTOR(int, pthread_rwlock_timedrdlock, (pthread_rwlock_t*, const timespec*))
GORT_TSAN_INTERCEPTOR(int, pthread_rwlock_timedwrlock, (pthread_rwlock_t*, const timespec*))
GORT_TSAN_INTERCEPTOR(int, pthread_rwlock_unlock, (pthread_rwlock_t*))
GORT_TSAN_INTERCEPTOR(int, pthread_cond_wait, (pthread_cond_t*, pthread_mutex_t*))
GORT_TSAN_INTERCEPTOR(int, pthread_cond_timedwait, (pthread_cond_t*, pthread_mutex_t*, const timespec*))
GORT_TSAN_INTERCEPTOR(int, pthread_cond_clockwait, (pthread_cond_t*, pthread_mutex_t*, clockid_t, const timespec*))
GORT_TSAN_INTERCEPTOR(int, sem_wait, (sem_t*))
GORT_TSAN_INTERCEPTOR(int, sem_trywait, (sem_t*))
GORT_TSAN_INTERCEPTOR(int, sem_timedwait, (sem_t*, const timespec*))
GORT_TSAN_INTERCEPTOR(int, pthread_join, (pthread_t, void**))

// glibc's own names for the hottest functions: no dlsym, and usable from
// the first lock a static initialiser or the dynamic loader takes. They
// exist only as compatibility symbols (__pthread_mutex_lock@GLIBC_2.2.5),
// so each is bound to its version explicitly.
#define GORT_GLIBC_ALIAS(ret, name, params)                              \
  extern "C" ret gort_glibc_##name params;                               \
  __asm__(".symver gort_glibc_" #name ", __" #name "@GLIBC_2.2.5");
GORT_GLIBC_ALIAS(int, pthread_mutex_lock, (pthread_mutex_t*))
GORT_GLIBC_ALIAS(int, pthread_mutex_trylock, (pthread_mutex_t*))
GORT_GLIBC_ALIAS(int, pthread_mutex_unlock, (pthread_mutex_t*))
GORT_GLIBC_ALIAS(int, pthread_rwlock_rdlock, (pthread_rwlock_t*))
GORT_GLIBC_ALIAS(int, pthread_rwlock_wrlock, (pthread_rwlock_t*))
GORT_GLIBC_ALIAS(int, pthread_rwlock_tryrdlock, (pthread_rwlock_t*))
GORT_GLIBC_ALIAS(int, pthread_rwlock_trywrlock, (pthread_rwlock_t*))
GORT_GLIBC_ALIAS(int, pthread_rwlock_unlock, (pthread_rwlock_t*))

namespace gort::rt {

void pinned_park_anchor();  // syscall/pinned_park.cpp

// Referenced from main_wrap.cpp: links these wrappers (libstdc++'s calls
// alone would not pull them out of the archive) and the pinned park.
extern "C" void gort_pthread_wrappers_anchor() { pinned_park_anchor(); }

namespace {

// The real `name`: TSan's interceptor if linked, else glibc's `fallback`.
#define GORT_REAL_DIRECT(name, fallback) \
  (__interceptor_##name ? __interceptor_##name : fallback)
// The same where glibc has no second name: looked up once.
// (No function-local static: see GORT_LIBC.)
#define GORT_REAL(name)                                                    \
  (__interceptor_##name                                                    \
       ? __interceptor_##name                                              \
       : GORT_LIBC(#name, decltype(&__interceptor_##name)))

// A lock call's result that means "now held" (EOWNERDEAD: a robust mutex
// acquired from a dead owner).
inline bool acquired(int r) { return r == 0 || r == EOWNERDEAD; }

// The goroutine calling, or null on a plain thread or g0 (current_g()
// with one call fewer: this is every lock's and unlock's fast path).
inline G* caller() {
  M* m = this_m();
  return m ? m->curg : nullptr;
}

inline void count_lock(G* g, int r) {
  if (g && acquired(r)) ++g->locks_held;
}

inline void count_unlock(G* g, int r) {
  if (g && r == 0 && g->locks_held) --g->locks_held;
}

// Runs `block` (a call that may wait for another goroutine) in the
// system-call state with the P handed off, then counts the lock if
// `counts`. The count is raised before exitsyscall, which must see the
// goroutine pinned: the lock now belongs to this thread. Goroutine dumps
// show the wait as `why` (exitsyscall clears it).
template <class F>
__attribute__((no_split_stack)) int blocking_call(G* g, bool counts, detail::wait_reason why,
                                                  F block) {
  bool entered = enter_syscall(true);
  if (entered) g->reason = why;
  int r = block();
  if (counts) count_lock(g, r);
  if (entered) leave_syscall();
  return r;
}

// Lock: try first (an uncontended lock never leaves user space), and only
// on EBUSY block with the P handed off. On plain threads, the plain call.
template <class Lock, class Try>
__attribute__((no_split_stack)) int lock_pinning(detail::wait_reason why, Lock lock, Try try_lock) {
  G* g = caller();
  if (!g) return lock();
  int r = try_lock();
  if (r != EBUSY) {
    count_lock(g, r);
    return r;
  }
  return blocking_call(g, true, why, lock);
}

}  // namespace
}  // namespace gort::rt

using gort::rt::blocking_call;
using gort::rt::caller;
using gort::rt::count_lock;
using gort::rt::count_unlock;
using gort::rt::lock_pinning;
using gort::detail::wait_reason;

// --- mutexes ---------------------------------------------------------------

extern "C" __attribute__((no_split_stack)) int pthread_mutex_lock(pthread_mutex_t* m) {
  return lock_pinning(
      wait_reason::pthread_mutex_lock,
      [m] { return GORT_REAL_DIRECT(pthread_mutex_lock, gort_glibc_pthread_mutex_lock)(m); },
      [m] { return GORT_REAL_DIRECT(pthread_mutex_trylock, gort_glibc_pthread_mutex_trylock)(m); });
}

extern "C" __attribute__((no_split_stack)) int pthread_mutex_trylock(pthread_mutex_t* m) {
  int r = GORT_REAL_DIRECT(pthread_mutex_trylock, gort_glibc_pthread_mutex_trylock)(m);
  count_lock(caller(), r);
  return r;
}

extern "C" __attribute__((no_split_stack)) int pthread_mutex_unlock(pthread_mutex_t* m) {
  int r = GORT_REAL_DIRECT(pthread_mutex_unlock, gort_glibc_pthread_mutex_unlock)(m);
  count_unlock(caller(), r);
  return r;
}

extern "C" int pthread_mutex_timedlock(pthread_mutex_t* m, const timespec* t) {
  return lock_pinning(
      wait_reason::pthread_mutex_lock,
      [m, t] { return GORT_REAL(pthread_mutex_timedlock)(m, t); },
      [m] { return GORT_REAL_DIRECT(pthread_mutex_trylock, gort_glibc_pthread_mutex_trylock)(m); });
}

extern "C" int pthread_mutex_clocklock(pthread_mutex_t* m, clockid_t c, const timespec* t) {
  return lock_pinning(
      wait_reason::pthread_mutex_lock,
      [m, c, t] { return GORT_REAL(pthread_mutex_clocklock)(m, c, t); },
      [m] { return GORT_REAL_DIRECT(pthread_mutex_trylock, gort_glibc_pthread_mutex_trylock)(m); });
}

// --- rwlocks -----------------------------------------------------------------

extern "C" __attribute__((no_split_stack)) int pthread_rwlock_rdlock(pthread_rwlock_t* l) {
  return lock_pinning(
      wait_reason::pthread_rwlock_rdlock,
      [l] { return GORT_REAL_DIRECT(pthread_rwlock_rdlock, gort_glibc_pthread_rwlock_rdlock)(l); },
      [l] { return GORT_REAL_DIRECT(pthread_rwlock_tryrdlock, gort_glibc_pthread_rwlock_tryrdlock)(l); });
}

extern "C" __attribute__((no_split_stack)) int pthread_rwlock_wrlock(pthread_rwlock_t* l) {
  return lock_pinning(
      wait_reason::pthread_rwlock_wrlock,
      [l] { return GORT_REAL_DIRECT(pthread_rwlock_wrlock, gort_glibc_pthread_rwlock_wrlock)(l); },
      [l] { return GORT_REAL_DIRECT(pthread_rwlock_trywrlock, gort_glibc_pthread_rwlock_trywrlock)(l); });
}

extern "C" __attribute__((no_split_stack)) int pthread_rwlock_tryrdlock(pthread_rwlock_t* l) {
  int r = GORT_REAL_DIRECT(pthread_rwlock_tryrdlock, gort_glibc_pthread_rwlock_tryrdlock)(l);
  count_lock(caller(), r);
  return r;
}

extern "C" __attribute__((no_split_stack)) int pthread_rwlock_trywrlock(pthread_rwlock_t* l) {
  int r = GORT_REAL_DIRECT(pthread_rwlock_trywrlock, gort_glibc_pthread_rwlock_trywrlock)(l);
  count_lock(caller(), r);
  return r;
}

extern "C" __attribute__((no_split_stack)) int pthread_rwlock_unlock(pthread_rwlock_t* l) {
  int r = GORT_REAL_DIRECT(pthread_rwlock_unlock, gort_glibc_pthread_rwlock_unlock)(l);
  count_unlock(caller(), r);
  return r;
}

extern "C" int pthread_rwlock_timedrdlock(pthread_rwlock_t* l, const timespec* t) {
  return lock_pinning(
      wait_reason::pthread_rwlock_rdlock,
      [l, t] { return GORT_REAL(pthread_rwlock_timedrdlock)(l, t); },
      [l] { return GORT_REAL_DIRECT(pthread_rwlock_tryrdlock, gort_glibc_pthread_rwlock_tryrdlock)(l); });
}

extern "C" int pthread_rwlock_timedwrlock(pthread_rwlock_t* l, const timespec* t) {
  return lock_pinning(
      wait_reason::pthread_rwlock_wrlock,
      [l, t] { return GORT_REAL(pthread_rwlock_timedwrlock)(l, t); },
      [l] { return GORT_REAL_DIRECT(pthread_rwlock_trywrlock, gort_glibc_pthread_rwlock_trywrlock)(l); });
}

// pthread_rwlock_clock{rd,wr}lock: TSan has no interceptor for them, glibc
// no second name.
extern "C" int pthread_rwlock_clockrdlock(pthread_rwlock_t* l, clockid_t c, const timespec* t) {
  auto* const real = GORT_LIBC("pthread_rwlock_clockrdlock",
                               int (*)(pthread_rwlock_t*, clockid_t, const timespec*));
  return lock_pinning(
      wait_reason::pthread_rwlock_rdlock,
      [real, l, c, t] { return real(l, c, t); },
      [l] { return GORT_REAL_DIRECT(pthread_rwlock_tryrdlock, gort_glibc_pthread_rwlock_tryrdlock)(l); });
}

extern "C" int pthread_rwlock_clockwrlock(pthread_rwlock_t* l, clockid_t c, const timespec* t) {
  auto* const real = GORT_LIBC("pthread_rwlock_clockwrlock",
                               int (*)(pthread_rwlock_t*, clockid_t, const timespec*));
  return lock_pinning(
      wait_reason::pthread_rwlock_wrlock,
      [real, l, c, t] { return real(l, c, t); },
      [l] { return GORT_REAL_DIRECT(pthread_rwlock_trywrlock, gort_glibc_pthread_rwlock_trywrlock)(l); });
}

// --- condition variables -------------------------------------------------------
// The wait releases and retakes the mutex inside glibc: the lock count is
// unchanged, and the goroutine stays pinned across the wait.

extern "C" int pthread_cond_wait(pthread_cond_t* c, pthread_mutex_t* m) {
  gort::rt::G* g = caller();
  auto* real = GORT_REAL(pthread_cond_wait);
  if (!g) return real(c, m);
  return blocking_call(g, false, wait_reason::pthread_cond_wait, [=] { return real(c, m); });
}

extern "C" int pthread_cond_timedwait(pthread_cond_t* c, pthread_mutex_t* m, const timespec* t) {
  gort::rt::G* g = caller();
  auto* real = GORT_REAL(pthread_cond_timedwait);
  if (!g) return real(c, m, t);
  return blocking_call(g, false, wait_reason::pthread_cond_wait, [=] { return real(c, m, t); });
}

extern "C" int pthread_cond_clockwait(pthread_cond_t* c, pthread_mutex_t* m, clockid_t k,
                                      const timespec* t) {
  gort::rt::G* g = caller();
  auto* real = GORT_REAL(pthread_cond_clockwait);
  if (!g) return real(c, m, k, t);
  return blocking_call(g, false, wait_reason::pthread_cond_wait, [=] { return real(c, m, k, t); });
}

// --- semaphores, join -------------------------------------------------------------

extern "C" int sem_wait(sem_t* s) {
  gort::rt::G* g = caller();
  auto* real = GORT_REAL(sem_wait);
  if (!g || GORT_REAL(sem_trywait)(s) == 0) return g ? 0 : real(s);
  return blocking_call(g, false, wait_reason::sem_wait, [=] { return real(s); });
}

extern "C" int sem_timedwait(sem_t* s, const timespec* t) {
  gort::rt::G* g = caller();
  auto* real = GORT_REAL(sem_timedwait);
  if (!g || GORT_REAL(sem_trywait)(s) == 0) return g ? 0 : real(s, t);
  return blocking_call(g, false, wait_reason::sem_wait, [=] { return real(s, t); });
}

extern "C" int sem_clockwait(sem_t* s, clockid_t k, const timespec* t) {
  auto* const real = GORT_LIBC("sem_clockwait", int (*)(sem_t*, clockid_t, const timespec*));
  gort::rt::G* g = caller();
  if (!g || GORT_REAL(sem_trywait)(s) == 0) return g ? 0 : real(s, k, t);
  return blocking_call(g, false, wait_reason::sem_wait, [=] { return real(s, k, t); });
}

extern "C" int pthread_join(pthread_t t, void** result) {
  gort::rt::G* g = caller();
  auto* real = GORT_REAL(pthread_join);
  if (!g) return real(t, result);
  return blocking_call(g, false, wait_reason::pthread_join, [=] { return real(t, result); });
}

// --- futex waits through syscall() ---------------------------------------------------
// libstdc++ waits for a std::future's result, std::atomic::wait and its
// semaphores and latches with syscall(SYS_futex, ...). Only futex waits are
// bracketed; every other system call goes straight through. (The runtime's
// own futex calls do not come here: base/futex.cpp issues them directly.)

namespace {

bool is_futex_wait(long op) {
  switch (op & FUTEX_CMD_MASK) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2:
    case FUTEX_WAIT_REQUEUE_PI:
      return true;
    default:
      return false;
  }
}

}  // namespace

extern "C" __attribute__((no_split_stack)) long syscall(long nr, ...) {
  auto* const real = GORT_LIBC("syscall", long (*)(long, ...));
  // The kernel takes at most six arguments; reading all six is what
  // glibc's own syscall() does with whatever its caller passed.
  va_list ap;
  va_start(ap, nr);
  long a[6];
  for (long& x : a) x = va_arg(ap, long);
  va_end(ap);
  if (nr != SYS_futex || !is_futex_wait(a[1]))
    return real(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
  gort::rt::G* g = caller();
  if (!g) return real(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
  bool entered = gort::rt::enter_syscall(true);
  long r = real(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
  if (entered) gort::rt::leave_syscall();  // keeps errno
  return r;
}
