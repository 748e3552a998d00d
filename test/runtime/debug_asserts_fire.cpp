// The debug assertions are live in the TSan runtime (GORT_DEBUG_ASSERTS),
// one case per class, each ending the program with a fatal error that
// names the broken invariant:
//  * park: a goroutine blocking on a channel inside gort::blocking, which
//    docs/guide.md forbids (its P is gone): status syscall -> waiting is
//    not a transition of scheduler/g.hpp's table.
//  * ready: readying the calling goroutine itself (scheduler/proc.cpp).
//  * held: a `_locked` function (pidle_get) called without sched.lock
//    (base/owned_lock.hpp assert_held, in the runtime's own object).
//  * raw, owned: base/owned_lock.hpp's unlock checks, compiled into this
//    test with the macro: rt::unlock of a free user-object lock, and an
//    owned_lock unlocked by a thread that does not hold it.
// The first three are internal calls a program cannot make (or a misuse);
// the normal runtime does not check them (debug_asserts_compiled_out.test).
// RUN: %gortxx-tsan -DGORT_DEBUG_ASSERTS=1 -I%gort_src/runtime/src %s -o %t
// RUN: not %t park 2>&1 | FileCheck --check-prefix=PARK %s
// RUN: not %t ready 2>&1 | FileCheck --check-prefix=READY %s
// RUN: env GORT_MAXPROCS=1 not %t held 2>&1 | FileCheck --check-prefix=HELD %s
// RUN: not %t raw 2>&1 | FileCheck --check-prefix=RAW %s
// RUN: not %t owned 2>&1 | FileCheck --check-prefix=OWNED %s
// PARK: fatal error: assertion failed: goroutine 1 status syscall -> waiting ({{.*}}park.cpp:{{[0-9]+}})
// READY: fatal error: assertion failed: g != current_g() ({{.*}}proc.cpp:{{[0-9]+}})
// HELD: fatal error: assertion failed: lock not held by this thread ({{.*}}procs.cpp:{{[0-9]+}})
// RAW: fatal error: runtime: unlock of unlocked lock ({{.*}}debug_asserts_fire.cpp:{{[0-9]+}})
// OWNED: fatal error: runtime: unlock of a lock held by another thread ({{.*}}debug_asserts_fire.cpp:{{[0-9]+}})
#include <gort/gort.hpp>

#include <cstdio>
#include <cstring>
#include <thread>

#include "base/owned_lock.hpp"

namespace gort::rt {
struct G;
struct P;
G* current_g() noexcept;
void ready(G* g, bool next);
P* pidle_get();
}  // namespace gort::rt

int main(int argc, char** argv) {
  const char* what = argc > 1 ? argv[1] : "";
  if (!std::strcmp(what, "park")) {
    auto c = gort::make_chan<int>();  // nobody sends: the receive parks
    gort::blocking([&] { return c.recv(); });
  } else if (!std::strcmp(what, "ready")) {
    gort::rt::ready(gort::rt::current_g(), false);
  } else if (!std::strcmp(what, "held")) {
    gort::rt::pidle_get();
  } else if (!std::strcmp(what, "raw")) {
    gort::detail::raw_lock l;
    gort::rt::unlock(l);
  } else if (!std::strcmp(what, "owned")) {
    static gort::rt::owned_lock l;
    l.lock();
    std::thread([] { l.unlock(); }).join();
  }
  std::printf("no assertion fired\n");
}
