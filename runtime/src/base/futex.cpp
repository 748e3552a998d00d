#include "base/futex.hpp"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <climits>

#include "base/clock.hpp"

namespace gort::rt {

void futex_wait(const std::atomic<std::uint32_t>& word, std::uint32_t expected,
                std::int64_t timeout_ns) {
  timespec ts;
  timespec* tsp = nullptr;
  if (timeout_ns >= 0) {
    ts.tv_sec = timeout_ns / 1'000'000'000;
    ts.tv_nsec = timeout_ns % 1'000'000'000;
    tsp = &ts;
  }
  syscall(SYS_futex, reinterpret_cast<const std::uint32_t*>(&word),
          FUTEX_WAIT_PRIVATE, expected, tsp, nullptr, 0);
}

void futex_wake(const std::atomic<std::uint32_t>& word, int n) {
  syscall(SYS_futex, reinterpret_cast<const std::uint32_t*>(&word),
          FUTEX_WAKE_PRIVATE, n, nullptr, nullptr, 0);
}

void note::sleep() {
  while (key.load(std::memory_order_acquire) == 0) futex_wait(key, 0);
}

bool note::sleep_for(std::int64_t ns) {
  std::int64_t deadline = now_ns() + ns;
  while (key.load(std::memory_order_acquire) == 0) {
    std::int64_t left = deadline - now_ns();
    if (left <= 0) return false;
    futex_wait(key, 0, left);
  }
  return true;
}

void note::wakeup() {
  key.store(1, std::memory_order_release);
  futex_wake(key, 1);
}

}  // namespace gort::rt
