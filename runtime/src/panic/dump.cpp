#include "panic/dump.hpp"

#include "panic/traceback.hpp"
#include "scheduler/allgs.hpp"
#include "scheduler/sched.hpp"

namespace gort::rt {

void dump_all_goroutines(std::FILE* out, bool in_signal_handler) {
  G* self = current_g();
  bool first = true;
  if (self) {
    print_current_header(out);
    if (in_signal_handler) print_interrupted_traceback(out);
    else print_traceback(out);
    first = false;
  }
  allgs_for_each([&](G* g) {
    if (g == self) return;
    const char* state = goroutine_state_text(g);
    if (!state) return;
    if (!first) std::fputc('\n', out);
    first = false;
    std::fprintf(out, "goroutine %llu [%s]:\n", (unsigned long long)g->id, state);
    // A goroutine running on another thread cannot be walked safely.
    auto st = g->status.load(std::memory_order_acquire);
    if (st != gstatus::running && st != gstatus::syscall)
      print_parked_traceback(out, g);
  });
}

}  // namespace gort::rt
