// exit(), interposed (the executable's definition wins over libc's, as for
// the blocking calls in interpose.cpp). Go's os.Exit runs no destructors;
// C++'s exit() runs atexit handlers and static destructors, which must not
// destroy objects that goroutines are still using. So, in order:
//   1. a panic being reported wins (its status 2), and only the first of
//      exit() and main's return decides the status (base/process_exit.hpp);
//   2. no goroutine is scheduled again: Ms stop at their next schedule
//      point, exit() waits for the running ones (scheduler/exit_stop.hpp);
//   3. libc's exit(): atexit handlers, static destructors, stdio flush.
// quick_exit, _exit and _Exit stay immediate. docs/guide.md, program model.
#include <cstdlib>

#include "base/forked_child.hpp"
#include "base/process_exit.hpp"
#include "scheduler/exit_stop.hpp"
#include "syscall/syscall.hpp"

// Referenced from main_wrap.cpp so that this object is always linked.
extern "C" void gort_exit_wrapper_anchor() {}

extern "C" void exit(int status) noexcept {
  using namespace gort::rt;
  auto* const real = GORT_LIBC("exit", void (*)(int));
  if (in_forked_child.load(std::memory_order_relaxed)) real(status);  // no Ms here
  claim_process_exit();
  stop_the_world_for_exit();
  real(status);
  __builtin_unreachable();
}
