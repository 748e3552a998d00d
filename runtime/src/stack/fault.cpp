// The runtime's SIGSEGV/SIGBUS handler, on the alternate signal stack: a
// fault in the guard page below a segment (or just below the stack pointer,
// on a thread's own stack) is a stack overflow: "fatal error: stack
// overflow", the goroutine and its stack, exit 2. Any other fault is
// "fatal error: unexpected signal".
#include <signal.h>
#include <ucontext.h>

#include <cstdint>

#include "base/fatal.hpp"
#include "stack/hooks.hpp"
#include "stack/overflow.hpp"
#include "stack/signals.hpp"

#if GORT_SPLIT_STACK
namespace gort::rt {

__attribute__((no_split_stack)) bool is_overflow(const void* addr, const ucontext_t* uc) {
  if (gstack* g = current_stack(); g && stack_guard_hit(g, addr)) return true;
  auto a = reinterpret_cast<std::uintptr_t>(addr);
  auto sp = std::uintptr_t(uc->uc_mcontext.gregs[REG_RSP]);
  // A thread's own stack (g0, plain threads) or a signal stack: the fault
  // is just below the stack pointer.
  return a < sp + 256 && sp - a < (std::uintptr_t(1) << 20);
}

namespace {

[[noreturn]] void report_fault(int sig, siginfo_t* si, ucontext_t* uc) {
  die(die_stack::current, "gort_stack_fault",
      "fatal error: unexpected signal\n[signal %s code=%d addr=%p pc=%p]\n\n",
      sig == SIGSEGV ? "SIGSEGV: segmentation violation" : "SIGBUS: bus error",
      si->si_code, si->si_addr, reinterpret_cast<void*>(uc->uc_mcontext.gregs[REG_RIP]));
}

}  // namespace

void install_stack_fault_handler() {
  struct sigaction sa {};
  sa.sa_sigaction = gort_stack_fault;
  sigfillset(&sa.sa_mask);
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  __real_sigaction(SIGSEGV, &sa, nullptr);
  __real_sigaction(SIGBUS, &sa, nullptr);
}

}  // namespace gort::rt

using namespace gort::rt;

extern "C" __attribute__((no_split_stack, used)) void gort_stack_fault(
    int sig, siginfo_t* si, void* ucv) {
  set_ss_limit(0);
  auto* uc = static_cast<ucontext_t*>(ucv);
  if (is_overflow(si->si_addr, uc))
    stack_overflow_fatal(nullptr, reinterpret_cast<void*>(uc->uc_mcontext.gregs[REG_RIP]));
  report_fault(sig, si, uc);
}

#else  // !GORT_SPLIT_STACK: the sanitizers handle faults.
namespace gort::rt {
void install_stack_fault_handler() {}
}  // namespace gort::rt
#endif
