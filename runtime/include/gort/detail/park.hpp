// Building blocks that gort's synchronization objects embed. Their state
// lives in the user's object (no global hash table as in Go's sema.go); the
// operations live in the runtime (runtime/src/sync/).
#pragma once

#include <atomic>
#include <cstdint>

// Runtime locks this thread holds (Go's m.locks): a goroutine is never
// preempted while its thread holds one (docs/design/preemption.md), since
// the goroutine that would wait for it may need this very thread.
extern "C" __thread std::uint32_t gort_locks_held
    __attribute__((tls_model("initial-exec")));

namespace gort::detail {

struct waiter;  // a parked goroutine or plain thread (runtime-internal)

// A FIFO of parked waiters, guarded by its owner's lock. Only the layout is
// public (user objects embed it); the operations are the runtime's
// (scheduler/waiter_list.hpp). `head` is atomic only for the lock-free
// emptiness peeks of channels; it costs the other owners nothing (one word,
// relaxed accesses are plain moves).
struct waiter_list {
  std::atomic<waiter*> head{nullptr};
  waiter* tail = nullptr;
};

// A short-critical-section lock for runtime data: spins briefly, then
// sleeps the OS thread on a futex. Never parks a goroutine: it is held only
// across a few instructions, never across a park.
struct raw_lock {
  std::atomic<std::uint32_t> word{0};
  void lock() noexcept {
    ++gort_locks_held;  // before spinning: a waiter is not preemptible either
    std::uint32_t expected = 0;
    if (!word.compare_exchange_strong(expected, 1, std::memory_order_acquire))
      lock_slow();
  }
  void unlock() noexcept {
    if (word.exchange(0, std::memory_order_release) == 2) unlock_slow();
    --gort_locks_held;
  }
  void lock_slow() noexcept;
  void unlock_slow() noexcept;
};

// Wait reasons, named as Go names them in goroutine dumps.
enum class wait_reason : std::uint8_t {
  none,
  chan_receive,
  chan_send,
  select,
  select_no_cases,
  chan_receive_nil,
  chan_send_nil,
  wait_group_wait,
  mutex_lock,
  rwmutex_lock,
  rwmutex_rlock,
  cond_wait,
  sleep,
  syscall,
  io_wait,   // parked on the network poller (netpoll)
  // In the system-call state, blocked in an interposed pthread or
  // semaphore wait (std::mutex, std::shared_mutex, std::condition_variable,
  // std::thread::join ...): named after the C function.
  pthread_mutex_lock,
  pthread_rwlock_rdlock,
  pthread_rwlock_wrlock,
  pthread_cond_wait,
  sem_wait,
  pthread_join,
};
const char* wait_reason_text(wait_reason r) noexcept;

// A FIFO of parked waiters with futex-like semantics: `wait_if` parks the
// caller only if `word` still holds `expected` when checked under the
// queue's lock, so a wake that follows a change of `word` is never lost.
struct park_queue {
  raw_lock lock;
  waiter_list waiters;

  void wait_if(const std::atomic<std::uint32_t>& word, std::uint32_t expected,
               wait_reason why);
  // Wakes up to n waiters in FIFO order; returns how many were woken.
  std::uint32_t wake(std::uint32_t n);
};

// A counting semaphore (Go's semacquire/semrelease): a release with no
// waiter is remembered.
struct semaphore {
  raw_lock lock;
  std::uint32_t count = 0;
  waiter_list waiters;

  void acquire(wait_reason why);
  void release(std::uint32_t n = 1);
};

}  // namespace gort::detail
