#include "scheduler/exit_stop.hpp"

#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.hpp"
#include "base/process_exit.hpp"
#include "scheduler/sched.hpp"

namespace gort::rt {

std::atomic<bool> exit_stopping_world{false};
std::atomic<const void*> exiting_g{nullptr};

namespace {
// Per P (by id): its M has stopped for exit.
std::atomic<bool> p_stopped[kMaxProcs];

// A real sleep (the interposed nanosleep would park a goroutine).
void pause_briefly() {
  timespec ts{0, 100'000};
  syscall(SYS_nanosleep, &ts, nullptr);
}
}  // namespace

void stop_m_for_exit(M* m) noexcept {
  if (m && m->p) p_stopped[m->p->id].store(true, std::memory_order_seq_cst);
  park_thread_forever();
}

void stop_the_world_for_exit() noexcept {
  if (sched.nprocs.load(std::memory_order_acquire) == 0) return;  // not started
  M* self = this_m();
  exiting_g.store(self ? self->curg : nullptr, std::memory_order_relaxed);
  exit_stopping_world.store(true, std::memory_order_seq_cst);
  P* own = self ? self->p : nullptr;
  std::int64_t give_up = now_ns() + 1'000'000'000;
  for (;;) {
    bool all = true;
    for (int i = 0; i < kMaxProcs; ++i) {
      P* p = sched.allp[i];
      if (!p) break;
      if (p == own) continue;
      // An idle, retired or syscall-state P runs no goroutine: its next
      // user (start_m, exitsyscall) stops before running one. A running P
      // belongs to an M that stops at its next schedule point.
      if (p->state.load(std::memory_order_seq_cst) == P::running &&
          !p_stopped[i].load(std::memory_order_seq_cst))
        all = false;
    }
    if (all || now_ns() > give_up) return;
    pause_briefly();
  }
}

}  // namespace gort::rt
