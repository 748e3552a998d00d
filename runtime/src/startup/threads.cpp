// Threads. Every thread started through pthread_create (gort's Ms and the
// program's threads: gort++ links with --wrap=pthread_create, and the
// program also defines pthread_create itself, which the dynamic linker
// binds for callers in shared libraries: std::thread's constructor is in
// libstdc++.so, beyond --wrap's reach) begins in gort_thread_trampoline,
// with a clean split-stack state (glibc reuses thread control blocks, whose
// %fs:0x70 may be stale) and an alternate signal stack
// (stack/signal_stack.cpp); when it ends, the deadlock check hears of it.
//
// Static-archive note: this object is linked because __wrap_pthread_create
// is referenced (every M, start_runtime_thread); the interposing
// pthread_create must stay in the same object, as the program itself never
// references it.
#include "startup/threads.hpp"

#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "base/fatal.hpp"
#include "base/race.hpp"
#include "scheduler/checkdead.hpp"
#include "scheduler/m.hpp"
#include "stack/stack.hpp"

namespace gort::rt {

void start_runtime_thread(void* (*fn)(void*), const char* what) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  runtime_thread_created();  // before it exists: never a possible waker
  pthread_t tid;
  int rc;
  {
    race_ignore_sync no_inherit;  // docs/design/sanitizers.md
    rc = pthread_create(&tid, &attr, fn, nullptr);
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    std::fprintf(stderr, "runtime: cannot create the %s thread\n", what);
    fatal("thread creation failed");
  }
  // Named, so that top -H, perf and gdb tell the runtime's threads from
  // the program's ("gort-sysmon", "gort-timer"; Ms are "gort-m<id>").
  char name[16];
  std::snprintf(name, sizeof name, "gort-%s", what);
  pthread_setname_np(tid, name);
}

}  // namespace gort::rt

#if GORT_SPLIT_STACK
using namespace gort::rt;

namespace {

struct thread_start {
  void* (*fn)(void*);
  void* arg;
};

// A thread-specific value whose destructor runs when the thread ends, by
// returning or by pthread_exit: the thread's alternate signal stack goes
// back for reuse, and a plain thread is reported as exiting (the deadlock
// check runs once it is gone; Ms and the runtime's threads never exit).
pthread_key_t exit_key;
pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;
void on_thread_exit(void*) {
  stack_thread_release();
  if (!this_m()) plain_thread_exiting();
}
void make_exit_key() { pthread_key_create(&exit_key, on_thread_exit); }

extern "C" __attribute__((no_split_stack)) void* gort_thread_trampoline(void* p) {
  gort_stack_seg = nullptr;
  set_ss_limit(0);  // a reused thread control block may hold a stale limit
  thread_start start = *static_cast<thread_start*>(p);
  std::free(p);
  stack_thread_init();
  pthread_once(&exit_key_once, make_exit_key);
  pthread_setspecific(exit_key, reinterpret_cast<void*>(1));
  return start.fn(start.arg);
}

using pthread_create_fn = int (*)(pthread_t*, const pthread_attr_t*,
                                  void* (*)(void*), void*);

// libc's pthread_create. Not __real_pthread_create: with the program
// defining pthread_create (below), --wrap would resolve that name to it.
pthread_create_fn libc_pthread_create() {
  static const auto real =
      reinterpret_cast<pthread_create_fn>(dlsym(RTLD_NEXT, "pthread_create"));
  if (!real) fatal("gort: cannot find libc's pthread_create");
  return real;
}

}  // namespace

extern "C" int __wrap_pthread_create(pthread_t* t, const pthread_attr_t* attr,
                                     void* (*fn)(void*), void* arg) {
  auto* start = static_cast<thread_start*>(std::malloc(sizeof(thread_start)));
  if (!start) return EAGAIN;
  start->fn = fn;
  start->arg = arg;
  int rc = libc_pthread_create()(t, attr, gort_thread_trampoline, start);
  if (rc != 0) std::free(start);
  return rc;
}

// The same for threads started from shared libraries (std::thread, a
// library's worker pool): the executable's definition interposes libc's.
extern "C" int pthread_create(pthread_t* t, const pthread_attr_t* attr,
                              void* (*fn)(void*), void* arg) {
  return __wrap_pthread_create(t, attr, fn, arg);
}
#endif
