#include "base/futex.hpp"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <climits>

#include "base/clock.hpp"

namespace gort::rt {

namespace {

// The futex system call itself, not libc's syscall(): gort interposes that
// function to see libstdc++'s futex waits from goroutines
// (syscall/pthread_interpose.cpp), and the runtime's own waits (a
// contended raw_lock, an idle M) must never enter the system-call state.
long sys_futex(const void* addr, long op, long val, const timespec* ts) {
  long ret;
  register long r10 asm("r10") = reinterpret_cast<long>(ts);
  register long r8 asm("r8") = 0;
  register long r9 asm("r9") = 0;
  asm volatile("syscall"
               : "=a"(ret)
               : "0"(long(SYS_futex)), "D"(addr), "S"(op), "d"(val), "r"(r10),
                 "r"(r8), "r"(r9)
               : "rcx", "r11", "memory");
  return ret;
}

}  // namespace

void futex_wait(const std::atomic<std::uint32_t>& word, std::uint32_t expected,
                std::int64_t timeout_ns) {
  timespec ts;
  timespec* tsp = nullptr;
  if (timeout_ns >= 0) {
    ts.tv_sec = timeout_ns / 1'000'000'000;
    ts.tv_nsec = timeout_ns % 1'000'000'000;
    tsp = &ts;
  }
  sys_futex(&word, FUTEX_WAIT_PRIVATE, long(expected), tsp);
}

void futex_wake(const std::atomic<std::uint32_t>& word, int n) {
  sys_futex(&word, FUTEX_WAKE_PRIVATE, n, nullptr);
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
