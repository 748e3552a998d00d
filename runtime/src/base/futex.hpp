// Linux futex: the one way an OS thread sleeps inside the runtime.
#pragma once

#include <atomic>
#include <cstdint>

namespace gort::rt {

// Sleeps while *word == expected, at most timeout_ns (< 0: no limit).
// Returns on wake, timeout, signal or spuriously: callers re-check.
void futex_wait(const std::atomic<std::uint32_t>& word, std::uint32_t expected,
                std::int64_t timeout_ns = -1);
void futex_wake(const std::atomic<std::uint32_t>& word, int n);

// A one-shot wake-up for one sleeping thread (Go's note): sleep() returns
// after wakeup() (before or after it started sleeping); clear() re-arms it.
struct note {
  std::atomic<std::uint32_t> key{0};
  void sleep();
  // Returns false on timeout.
  bool sleep_for(std::int64_t ns);
  void wakeup();
  void clear() { key.store(0, std::memory_order_relaxed); }
};

}  // namespace gort::rt
