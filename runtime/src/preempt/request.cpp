// The sysmon side of preemption: which goroutine has had its time slice,
// the request, the poison. See preempt.hpp and docs/design/preemption.md.
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "preempt/preempt.hpp"
#include "base/env.hpp"
#include "preempt/request.hpp"
#include "scheduler/sched.hpp"
#include "stack/limit_poison.hpp"

namespace gort::rt {

namespace {

struct knobs {
  bool off = false;            // GORT_DEBUG=preemptoff=1
  std::int64_t slice_ns = 10'000'000;   // Go's forcePreemptNS
  bool stress = false;         // GORT_DEBUG=preemptevery=US
};

const knobs& settings() {
  static const knobs k = [] {
    knobs k;
    k.off = debug_setting("preemptoff", 0, 1) != 0;
    std::int64_t every_us = debug_setting("preemptevery", 0, 1'000'000'000);
    if (every_us > 0) {
      k.slice_ns = every_us * 1000;
      k.stress = true;
    }
    return k;
  }();
  return k;
}

// What sysmon saw of each P: the tick it runs under and since when.
struct run_watch {
  std::uint32_t schedtick = 0;
  std::int64_t since = 0;
  bool valid = false;
};
run_watch watch[kMaxProcs];
std::uint32_t poison_seq = 0;

}  // namespace

std::atomic<std::uint64_t> preempt_count{0};

bool preempt_stress_mode() { return settings().stress; }

// p->schedtick and p->m belong to the P's owner; sysmon reads them racily,
// as Go's retake does (a stale value costs at most one spurious or late
// request, which the thread side checks again): one aligned word, read
// once (volatile), not instrumented by TSan (atomic builtins would be).
template <class T>
__attribute__((no_sanitize("thread"), always_inline)) inline T racy_read(
    const T& word) {
  return *static_cast<const volatile T*>(&word);
}

__attribute__((no_sanitize("thread"))) std::int64_t preempt_retake(
    std::int64_t now) {
  const knobs& k = settings();
  if (k.off) return 0;
  bool any_running = false;
  // Every P ever created, not only those below nprocs (as sysmon's
  // retake): a P retired by set_max_procs while its goroutine never blocks
  // is given up only at its M's next scheduling point, and until then no
  // thief looks at its local queue (steal_work stops at nprocs). Without a
  // preemption its queued goroutines would wait for ever.
  for (int i = 0; i < kMaxProcs; ++i) {
    P* p = __atomic_load_n(&sched.allp[i], __ATOMIC_ACQUIRE);
    if (!p) break;
    run_watch& w = watch[i];
    if (p->state.load(std::memory_order_acquire) != P::running) {
      w.valid = false;
      continue;
    }
    any_running = true;
    std::uint32_t tick = racy_read(p->schedtick);
    if (!w.valid || w.schedtick != tick) {
      w = run_watch{tick, now, true};
      continue;
    }
    if (now - w.since < k.slice_ns) continue;
    M* m = racy_read(p->m);
    limit_poison* lp = m ? m->poison.load(std::memory_order_acquire) : nullptr;
    if (!lp) continue;
    // Every tick until the P's schedtick moves: a poison overwritten by a
    // segment switch, or met where preemption is not allowed, is armed
    // again (the request itself stays as it is).
    p->preempt_req.store(preempt_request_word(tick), std::memory_order_release);
    if (++poison_seq == 0) ++poison_seq;
    poison_limit(m->limit_slot, lp, poison_seq);
  }
  if (!any_running) return 0;
  // Look again at a tenth of the slice: a goroutine is preempted between
  // 1 and 1.1 slices after sysmon first saw its tick (20 us at least).
  std::int64_t tick_us = k.slice_ns / 10 / 1000;
  return tick_us < 20 ? 20 : tick_us;
}

std::uint64_t preemptions() {
  return preempt_count.load(std::memory_order_relaxed);
}

}  // namespace gort::rt
