// Every handler the program installs (sigaction, signal: gort++ links with
// --wrap) runs through gort_signal_stub, with SA_ONSTACK and all signals
// blocked while it runs: the stub saves the interrupted split-stack state,
// installs the alternate stack's, calls the handler and restores. Blocking
// the other signals keeps a second handler from starting on the alternate
// stack while the first one runs on a segment grown from it.
// sigaction(sig, nullptr, &old) reports the program's handler, not the stub.
#include <signal.h>

#include <atomic>
#include <cstdint>

#include "stack/signals.hpp"

#if GORT_SPLIT_STACK
namespace gort::rt {
namespace {

// Signal handlers installed by the program.
struct user_handler {
  std::atomic<void*> fn{nullptr};  // sa_handler or sa_sigaction
  std::atomic<int> flags{0};       // the program's sa_flags
  sigset_t mask;
};
user_handler handlers[NSIG];

}  // namespace
}  // namespace gort::rt

using namespace gort::rt;

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
#endif
