#include "scheduler/sysmon_wake.hpp"

#include <atomic>

#include "base/futex.hpp"

namespace gort::rt {

namespace {

note sysmon_note;
std::atomic<bool> sysmon_sleeping_long{false};

}  // namespace

void sysmon_sleep(std::int64_t ns, bool long_sleep) {
  if (long_sleep) {
    // Long sleep: let entersyscall wake us (poke_sysmon).
    sysmon_sleeping_long.store(true, std::memory_order_seq_cst);
    sysmon_note.sleep_for(ns);
    sysmon_sleeping_long.store(false, std::memory_order_seq_cst);
    sysmon_note.clear();
  } else {
    sysmon_note.sleep_for(ns);
  }
}

void poke_sysmon() {
  if (sysmon_sleeping_long.load(std::memory_order_relaxed) &&
      sysmon_sleeping_long.exchange(false, std::memory_order_seq_cst))
    sysmon_note.wakeup();
}

}  // namespace gort::rt
