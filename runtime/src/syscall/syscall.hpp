// The system-call handoff (Go's entersyscall / exitsyscall; sysmon's retake
// is in sysmon/). See docs/design/syscalls.md.
//
//   entersyscall       the P becomes retakable (state syscall); the M keeps
//                      a claim on it. No handoff: a short call costs two
//                      atomic operations.
//   entersyscallblock  for calls expected to block: hand the P off at once.
//   exitsyscall        fast path: take the P back (CAS syscall -> running).
//                      Else any idle P. Else queue the goroutine globally
//                      and idle this M.
// All three do nothing on plain threads (callers check on_goroutine()).
#pragma once

#include <atomic>

namespace gort::rt {

struct P;

void entersyscall();
void entersyscallblock();
void exitsyscall();

// Gives P (retaken from a system call by sysmon) to another M if there is
// work for it, else to the idle list. Go's handoffp.
void handoff_p(P* p);

// True if the caller is a goroutine that is not already in a system call
// (inside gort::blocking, nested calls are plain calls).
bool on_goroutine_outside_syscall();

// Enters a system call if the caller is a goroutine not already in one;
// returns whether it did (then call leave_syscall).
bool enter_syscall(bool block_at_once);

// While set on a thread, its interposed calls are plain calls (no handoff):
// the runtime's own libc calls on a fatal path (symbolizing a goroutine
// dump opens and maps files) must not let the other goroutines run, and
// change, while the dump is written.
extern __thread bool syscalls_without_handoff
    __attribute__((tls_model("initial-exec")));
// exitsyscall, preserving errno (exitsyscall may move the goroutine to
// another thread, whose errno is a different variable).
void leave_syscall();

// The libc function behind one of gort's interposed wrappers
// (dlsym(RTLD_NEXT)); a fatal error if there is none.
void* real_libc_function(const char* name);

// The same, looked up at the first call and kept in `slot`. Not a
// function-local `static auto* real = real_libc_function(...)`: that
// static's initialisation guard makes concurrent first callers wait in
// __cxa_guard_acquire, a futex wait through syscall(), for which the
// syscall() wrapper hands the P off: each waiter started an M (1,000
// goroutines calling setsockopt at once in test netpoll/tcp_echo.cpp
// started 7 threads), and a first call of syscall() itself would recurse.
// Racing first callers find the same function.
inline void* real_libc_function(std::atomic<void*>& slot, const char* name) {
  void* f = slot.load(std::memory_order_acquire);
  if (!f) {
    f = real_libc_function(name);
    slot.store(f, std::memory_order_release);
  }
  return f;
}
// The real libc function `name`, as __VA_ARGS__ (a function pointer type).
#define GORT_LIBC(name, ...)                                               \
  ([] {                                                                    \
    static constinit std::atomic<void*> slot{nullptr};                     \
    return reinterpret_cast<__VA_ARGS__>(                                  \
        ::gort::rt::real_libc_function(slot, name));                       \
  }())

struct syscall_scope {
  bool active;
  explicit syscall_scope(bool block_at_once) : active(enter_syscall(block_at_once)) {}
  ~syscall_scope() { if (active) leave_syscall(); }
};

}  // namespace gort::rt
