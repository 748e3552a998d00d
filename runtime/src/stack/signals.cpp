// Signals and threads under split stacks (docs/design/stacks.md, "Signals").
//
//  * Every thread started through pthread_create (gort's Ms and the
//    program's threads: gort++ links with --wrap=pthread_create, and the
//    program also defines pthread_create itself, which the dynamic linker
//    binds for callers in shared libraries: std::thread's constructor is in
//    libstdc++.so, beyond --wrap's reach) begins with
//    a clean split-stack state (glibc reuses thread control blocks, whose
//    %fs:0x70 may be stale) and gets an alternate signal stack, laid out as
//    a segment that can grow (segments marked kSegSignal, allocated straight
//    from the arena, never pooled: the pools are not async-signal-safe).
//  * Every handler the program installs (sigaction, signal: --wrap) runs
//    through gort_signal_stub, with SA_ONSTACK and all signals blocked while
//    it runs: the stub saves the interrupted split-stack state, installs the
//    alternate stack's, calls the handler and restores. Blocking the other
//    signals keeps a second handler from starting on the alternate stack
//    while the first one runs on a segment grown from it.
//  * SIGSEGV and SIGBUS: a fault in the guard page below a segment (or just
//    below the stack pointer, on a thread's own stack) is a stack overflow:
//    "fatal error: stack overflow", the goroutine and its stack, exit 2.
//  * The linker check: if the program was linked by a linker without the
//    split-stack adjustment (GNU ld), calls into non-split code would run
//    on a few hundred bytes of stack; we refuse to start.
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include <gort/detail/park.hpp>

#include "base/fatal.hpp"
#include "panic/traceback.hpp"
#include "scheduler/checkdead.hpp"
#include "scheduler/sched.hpp"
#include "stack/overflow.hpp"
#include "stack/stack.hpp"

extern "C" {
int __real_sigaction(int, const struct sigaction*, struct sigaction*);
void gort_call_on_stack(void (*fn)(void*), void* arg, void* stack_top);
}

namespace gort::rt {

stack_seg* signal_stack_segment();  // stack.cpp

namespace {

constexpr std::size_t kEmergencyStack = 256 * 1024;
alignas(64) char emergency_stack[kEmergencyStack];
std::atomic<bool> emergency_taken{false};


struct overflow_info {
  const char* what;
  const void* fault_pc;
};

[[noreturn]] void report_overflow(void* arg) {
  auto* info = static_cast<overflow_info*>(arg);
  flush_std_streams();
  G* g = current_g();
  if (info->what) std::fprintf(stderr, "runtime: %s\n", info->what);
  if (info->fault_pc) {
    std::fprintf(stderr, "runtime: stack guard page hit at pc=%p\n", info->fault_pc);
  } else if (g) {
    std::fprintf(stderr, "runtime: goroutine %llu stack exceeds GORT_STACK_MAX\n",
                 (unsigned long long)g->id);
  }
  std::fprintf(stderr, "fatal error: stack overflow\n\n");
  print_current_header(stderr);
  print_traceback(stderr, info->fault_pc ? "gort_stack_fault" : "gort_morestack_grow");
  std::fflush(stderr);
  _exit(2);
}

}  // namespace

[[noreturn]] __attribute__((no_split_stack)) void stack_overflow_fatal(
    const char* what, const void* fault_pc) {
  set_ss_limit(0);
  bool expected = false;
  if (!emergency_taken.compare_exchange_strong(expected, true))
    for (;;) pause();  // another thread is already reporting
  overflow_info info{what, fault_pc};
  gort_call_on_stack(report_overflow, &info, emergency_stack + kEmergencyStack);
  __builtin_unreachable();
}

#if GORT_SPLIT_STACK
namespace {

__thread stack_seg* tls_altseg __attribute__((tls_model("initial-exec")));

// ---- Signal handlers installed by the program. --------------------------
struct user_handler {
  std::atomic<void*> fn{nullptr};  // sa_handler or sa_sigaction
  std::atomic<int> flags{0};       // the program's sa_flags
  sigset_t mask;
};
user_handler handlers[NSIG];

bool is_fault_signal(int sig) { return sig == SIGSEGV || sig == SIGBUS; }

// Is the fault at `addr` a stack overflow of the interrupted context?
__attribute__((no_split_stack)) bool is_overflow(const void* addr, const ucontext_t* uc) {
  if (G* g = current_g(); g && stack_guard_hit(g, addr)) return true;
  auto a = reinterpret_cast<std::uintptr_t>(addr);
  auto sp = std::uintptr_t(uc->uc_mcontext.gregs[REG_RSP]);
  // A thread's own stack (g0, plain threads) or a signal stack: the fault
  // is just below the stack pointer.
  return a < sp + 256 && sp - a < (std::uintptr_t(1) << 20);
}

[[noreturn]] void report_fault(int sig, siginfo_t* si, ucontext_t* uc) {
  flush_std_streams();
  std::fprintf(stderr,
               "fatal error: unexpected signal\n[signal %s code=%d addr=%p pc=%p]\n\n",
               sig == SIGSEGV ? "SIGSEGV: segmentation violation" : "SIGBUS: bus error",
               si->si_code, si->si_addr,
               reinterpret_cast<void*>(uc->uc_mcontext.gregs[REG_RIP]));
  print_current_header(stderr);
  print_traceback(stderr, "gort_stack_fault");
  std::fflush(stderr);
  _exit(2);
}

}  // namespace
#endif
}  // namespace gort::rt

using namespace gort::rt;

#if GORT_SPLIT_STACK
// The runtime's own SIGSEGV/SIGBUS handler (on the alternate stack).
extern "C" __attribute__((no_split_stack, used)) void gort_stack_fault(
    int sig, siginfo_t* si, void* ucv) {
  set_ss_limit(0);
  auto* uc = static_cast<ucontext_t*>(ucv);
  if (is_overflow(si->si_addr, uc))
    stack_overflow_fatal(nullptr, reinterpret_cast<void*>(uc->uc_mcontext.gregs[REG_RIP]));
  report_fault(sig, si, uc);
}

// Every handler of the program is entered here.
extern "C" __attribute__((no_split_stack, used)) void gort_signal_stub(
    int sig, siginfo_t* si, void* uc) {
  stack_seg* saved_seg = gort_stack_seg;
  std::uintptr_t saved_limit = ss_limit();
  stack_seg* alt = tls_altseg;
  char probe;
  if (alt && &probe >= alt->lo && &probe < alt->hi()) {
    gort_stack_seg = alt;
    set_ss_limit(reinterpret_cast<std::uintptr_t>(alt->limit));
  } else {
    gort_stack_seg = nullptr;
    set_ss_limit(0);
  }
  if (is_fault_signal(sig) && is_overflow(si->si_addr, static_cast<ucontext_t*>(uc)))
    gort_stack_fault(sig, si, uc);
  user_handler& h = handlers[sig];
  void* fn = h.fn.load(std::memory_order_acquire);
  if (h.flags.load(std::memory_order_relaxed) & SA_SIGINFO)
    reinterpret_cast<void (*)(int, siginfo_t*, void*)>(fn)(sig, si, uc);
  else if (fn != reinterpret_cast<void*>(SIG_IGN) && fn != reinterpret_cast<void*>(SIG_DFL))
    reinterpret_cast<void (*)(int)>(fn)(sig);
  gort_stack_seg = saved_seg;
  set_ss_limit(saved_limit);
}

extern "C" int __wrap_sigaction(int sig, const struct sigaction* act,
                                struct sigaction* oldact) {
  if (sig <= 0 || sig >= NSIG) return __real_sigaction(sig, act, oldact);
  user_handler& h = handlers[sig];
  void* prev_fn = h.fn.load(std::memory_order_relaxed);
  int prev_flags = h.flags.load(std::memory_order_relaxed);
  sigset_t prev_mask = h.mask;
  struct sigaction mine;
  const struct sigaction* use = act;
  if (act) {
    void* fn = (act->sa_flags & SA_SIGINFO)
                   ? reinterpret_cast<void*>(act->sa_sigaction)
                   : reinterpret_cast<void*>(act->sa_handler);
    if (fn != reinterpret_cast<void*>(SIG_DFL) && fn != reinterpret_cast<void*>(SIG_IGN)) {
      h.flags.store(act->sa_flags, std::memory_order_relaxed);
      h.mask = act->sa_mask;
      h.fn.store(fn, std::memory_order_release);
      mine = *act;
      mine.sa_sigaction = gort_signal_stub;
      mine.sa_flags = act->sa_flags | SA_SIGINFO | SA_ONSTACK;
      sigfillset(&mine.sa_mask);
      use = &mine;
    }
  }
  int rc = __real_sigaction(sig, use, oldact);
  if (rc == 0 && oldact && (oldact->sa_flags & SA_SIGINFO) &&
      oldact->sa_sigaction == gort_signal_stub) {
    oldact->sa_flags = prev_flags;
    oldact->sa_mask = prev_mask;
    if (prev_flags & SA_SIGINFO)
      oldact->sa_sigaction = reinterpret_cast<void (*)(int, siginfo_t*, void*)>(prev_fn);
    else
      oldact->sa_handler = reinterpret_cast<void (*)(int)>(prev_fn);
  }
  return rc;
}

extern "C" sighandler_t __wrap_signal(int sig, sighandler_t fn) {
  struct sigaction sa {}, old{};
  sa.sa_handler = fn;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  if (__wrap_sigaction(sig, &sa, &old) != 0) return SIG_ERR;
  return old.sa_handler;
}

// ---- Threads. ---------------------------------------------------------------
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

namespace gort::rt {

// Alternate signal stacks of threads that have exited, for the next ones
// (a program starting and joining threads forever must not grow).
detail::raw_lock free_altsegs_lock;
stack_seg* free_altsegs = nullptr;  // linked through `prev` (unused here)

void stack_thread_release() {
  stack_seg* s = tls_altseg;
  if (!s) return;
  // No signal may start on the stack from here on.
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, nullptr);
  stack_t off{};
  off.ss_flags = SS_DISABLE;
  if (sigaltstack(&off, nullptr) != 0) return;  // in use: keep it (leak)
  tls_altseg = nullptr;
  free_altsegs_lock.lock();
  s->prev = free_altsegs;
  free_altsegs = s;
  free_altsegs_lock.unlock();
}

void stack_thread_init() {
  if (tls_altseg) return;
  free_altsegs_lock.lock();
  stack_seg* s = free_altsegs;
  if (s) free_altsegs = s->prev;
  free_altsegs_lock.unlock();
  if (s) s->prev = nullptr;
  else s = signal_stack_segment();
  stack_t ss{};
  ss.ss_sp = s->lo;
  ss.ss_size = std::size_t(s->hi() - s->lo);
  ss.ss_flags = 0;
  if (sigaltstack(&ss, nullptr) == 0) tls_altseg = s;
}

}  // namespace gort::rt

#else  // !GORT_SPLIT_STACK: fixed stacks (TSan build), no wrappers.
namespace gort::rt {
void stack_thread_init() {}
void stack_thread_release() {}
}  // namespace gort::rt
#endif

// ---- Start-up: the main thread's signal stack, the fault handler and the
// linker check, before any static initialiser of the program runs.
#if GORT_SPLIT_STACK
extern "C" __attribute__((noinline, used)) std::size_t gort_linker_probe(const char* s) {
  return strlen(s) + 1;
}
#endif

#if GORT_SPLIT_STACK
__attribute__((constructor(101))) static void gort_stack_startup() {
  // gold and lld turn this split prologue, which calls non-split code, from
  // "cmp %fs:0x70,%rsp" (64 48 3b 24 25 70 ...) into "stc; nop" (f9 ...).
  auto* code = reinterpret_cast<const unsigned char*>(&gort_linker_probe);
  if (code[0] == 0x64 && code[1] == 0x48 && code[2] == 0x3b) {
    static const char msg[] =
        "fatal error: this program was linked without split-stack support "
        "(GNU ld?): calls into non-split code would overflow goroutine "
        "stacks. Link with gort++ (lld or gold).\n";
    (void)!write(2, msg, sizeof msg - 1);
    _exit(2);
  }
  stack_thread_init();
  struct sigaction sa {};
  sa.sa_sigaction = gort_stack_fault;
  sigfillset(&sa.sa_mask);
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  __real_sigaction(SIGSEGV, &sa, nullptr);
  __real_sigaction(SIGBUS, &sa, nullptr);
}
#endif
