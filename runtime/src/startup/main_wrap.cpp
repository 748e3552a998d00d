// main as goroutine 1. gort++ links with -Wl,--wrap=main, so the C runtime
// calls __wrap_main; the program's main becomes __real_main and runs as a
// goroutine while the process's first thread becomes the first M. When main
// returns, the process exits with its status at once (Go's rule): output is
// flushed, other goroutines are not waited for, and static destructors do
// not run (they could pull objects from under still-running goroutines).
#include "base/fatal.hpp"
#include "scheduler/procs.hpp"
#include "scheduler/sched.hpp"
#include "scheduler/spawn.hpp"

extern "C" int __real_main(int argc, char** argv, char** envp);

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
// --gort-asan: no leak check at exit. exit() runs exit-time hooks once the
// scheduler has stopped (docs/guide.md, "Program model"), and goroutines
// still alive then own their closures and stacks: LeakSanitizer would report
// them. ASAN_OPTIONS=detect_leaks=1 turns it back on.
extern "C" const char* __asan_default_options() { return "detect_leaks=0"; }
#endif
#endif
extern "C" void gort_syscall_wrappers_anchor();
extern "C" void gort_exit_wrapper_anchor();
extern "C" void gort_longjmp_wrappers_anchor();
extern "C" void gort_pthread_wrappers_anchor();
extern "C" void gort_early_init_anchor();

namespace gort::rt {
namespace {

struct main_call : detail::closure_base {
  int argc;
  char** argv;
  char** envp;
  static void run(detail::closure_base* self) {
    auto* c = static_cast<main_call*>(self);
    exit_process(__real_main(c->argc, c->argv, c->envp));
  }
};

}  // namespace
}  // namespace gort::rt

extern "C" int __wrap_main(int argc, char** argv, char** envp) {
  using namespace gort::rt;
  gort_syscall_wrappers_anchor();  // links the interposed libc functions
  // ... and exit() and longjmp, which a shared library may call even when
  // the program itself never names them.
  gort_exit_wrapper_anchor();
  gort_longjmp_wrappers_anchor();
  gort_pthread_wrappers_anchor();  // and the pthread ones
  gort_early_init_anchor();  // the linker check and fault handler (constructor)
  static main_call call;
  call.invoke = &main_call::run;
  call.argc = argc;
  call.argv = argv;
  call.envp = envp;
  G* g1 = spawn_main(&call);

  static M m0;
  set_this_m(&m0);
  sched.lock.lock();
  ++sched.mtotal;
  P* p = pidle_get();
  sched.lock.unlock();
  if (p) {
    acquire_p(&m0, p);
    set_status(g1, gstatus::runnable);
    p->runq.put(g1, true);
  } else {
    // Static initialisers' goroutines hold every P: queue main globally.
    ready(g1, true);
  }
  run_m(&m0);
}
