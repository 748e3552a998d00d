// Signals under split stacks (docs/design/stacks.md, "Signals"): the pieces
// stack/ keeps, one file each, and what they share.
//
//   signal_stack.cpp  each thread's alternate signal stack, a growable
//                     segment (kSegSignal: from the arena, never pooled)
//   signal_stub.cpp   gort_signal_stub around every handler the program
//                     installs, and the sigaction/signal wrappers (--wrap)
//                     that route the program's handlers through it
//   fault.cpp         the runtime's SIGSEGV/SIGBUS handler: a stack
//                     overflow or an unexpected signal, both fatal
//   overflow.cpp      the overflow report, on an emergency stack
//
// Thread start-up (the pthread_create trampoline) and the split-stack
// linker check are start-up's (startup/threads.cpp, startup/early_init.cpp).
#pragma once

#include <signal.h>
#include <ucontext.h>

#include "stack/stack.hpp"

extern "C" {
// libc's sigaction, behind --wrap=sigaction.
int __real_sigaction(int, const struct sigaction*, struct sigaction*);
}

namespace gort::rt {

// Installs the SIGSEGV/SIGBUS handler (at start-up, on the main thread,
// before any static initialiser of the program). Split-stack builds only.
void install_stack_fault_handler();

#if GORT_SPLIT_STACK
// The calling thread's alternate signal stack segment (null: none).
extern __thread stack_seg* tls_altseg __attribute__((tls_model("initial-exec")));

// A new segment for an alternate signal stack (stack.cpp).
stack_seg* signal_stack_segment();

inline bool is_fault_signal(int sig) { return sig == SIGSEGV || sig == SIGBUS; }

// Is the fault at `addr` a stack overflow of the interrupted context?
__attribute__((no_split_stack)) bool is_overflow(const void* addr, const ucontext_t* uc);
#endif

}  // namespace gort::rt

#if GORT_SPLIT_STACK
// The runtime's own SIGSEGV/SIGBUS handler (fault.cpp).
extern "C" __attribute__((no_split_stack)) void gort_stack_fault(int sig, siginfo_t* si,
                                                                 void* ucv);
#endif
