// Go's sync package with C++ standard interfaces. Every blocking operation
// parks the calling goroutine (never its OS thread); called from a plain OS
// thread, it blocks that thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>  // std::cv_status
#include <cstdint>
#include <mutex>
#include <shared_mutex>

#include <gort/detail/park.hpp>
#include <gort/time.hpp>

namespace gort {

// sync.WaitGroup. Non-copyable: share it with &wg or std::ref(wg).
class wait_group {
 public:
  wait_group() = default;
  wait_group(const wait_group&) = delete;
  wait_group& operator=(const wait_group&) = delete;

  // Adds n (may be negative) to the counter; a negative counter panics with
  // "sync: negative WaitGroup counter". Reaching zero releases all waiters.
  void add(std::int64_t n = 1);
  void done() { add(-1); }
  // Blocks until the counter is zero.
  void wait();

 private:
  // High 32 bits: counter; low 32 bits: number of waiters (as Go packs it).
  std::atomic<std::uint64_t> state_{0};
  detail::semaphore sema_;
};

// sync.Mutex with the Lockable interface. It is not tied to a goroutine:
// one goroutine may lock it and another unlock it, as in Go. Unlocking an
// unlocked mutex is a fatal error ("sync: unlock of unlocked mutex").
class mutex {
 public:
  mutex() = default;
  mutex(const mutex&) = delete;
  mutex& operator=(const mutex&) = delete;

  void lock() {
    std::uint32_t expected = 0;
    if (!state_.compare_exchange_strong(expected, 1, std::memory_order_acquire))
      lock_slow();
  }
  bool try_lock() {
    std::uint32_t expected = 0;
    return state_.compare_exchange_strong(expected, 1,
                                          std::memory_order_acquire);
  }
  void unlock() {
    if (state_.fetch_sub(1, std::memory_order_release) != 1) unlock_slow();
  }

 private:
  void lock_slow();
  void unlock_slow();
  // 0 unlocked, 1 locked, 2 locked and maybe contended (Drepper's mutex).
  std::atomic<std::uint32_t> state_{0};
  detail::park_queue waiters_;
};

// sync.RWMutex with the SharedLockable interface. Writer-preferring as in
// Go: once a writer waits, new readers wait behind it.
class shared_mutex {
 public:
  shared_mutex() = default;
  shared_mutex(const shared_mutex&) = delete;
  shared_mutex& operator=(const shared_mutex&) = delete;

  void lock();
  bool try_lock();
  void unlock();
  void lock_shared();
  bool try_lock_shared();
  void unlock_shared();

 private:
  detail::raw_lock lock_;
  std::uint32_t readers_ = 0;          // readers holding the lock
  bool writer_ = false;                // a writer holds the lock
  std::uint32_t writers_waiting_ = 0;  // writers parked in writers_
  detail::waiter_list readers_queued_;  // readers parked behind a writer
  detail::waiter_list writers_;         // writers parked, in arrival order
};

// sync.Cond with std::condition_variable_any's interface: works with
// std::unique_lock<gort::mutex> and any other BasicLockable.
class condition_variable {
 public:
  condition_variable() = default;
  condition_variable(const condition_variable&) = delete;
  condition_variable& operator=(const condition_variable&) = delete;

  void notify_one() noexcept;
  void notify_all() noexcept;

  template <class Lock>
  void wait(Lock& lock) {
    wait_impl(&lock, &unlock_fn<Lock>, &lock_fn<Lock>, -1);
  }
  template <class Lock, class Predicate>
  void wait(Lock& lock, Predicate pred) {
    while (!pred()) wait(lock);
  }

  template <class Lock, class Clock, class Duration>
  std::cv_status wait_until(Lock& lock,
                            const std::chrono::time_point<Clock, Duration>& t) {
    return wait_impl(&lock, &unlock_fn<Lock>, &lock_fn<Lock>, to_steady_ns(t))
               ? std::cv_status::no_timeout
               : std::cv_status::timeout;
  }
  template <class Lock, class Clock, class Duration, class Predicate>
  bool wait_until(Lock& lock, const std::chrono::time_point<Clock, Duration>& t,
                  Predicate pred) {
    while (!pred())
      if (wait_until(lock, t) == std::cv_status::timeout) return pred();
    return true;
  }
  template <class Lock, class Rep, class Period>
  std::cv_status wait_for(Lock& lock,
                          const std::chrono::duration<Rep, Period>& d) {
    return wait_impl(&lock, &unlock_fn<Lock>, &lock_fn<Lock>, deadline_after(d))
               ? std::cv_status::no_timeout
               : std::cv_status::timeout;
  }
  template <class Lock, class Rep, class Period, class Predicate>
  bool wait_for(Lock& lock, const std::chrono::duration<Rep, Period>& d,
                Predicate pred) {
    std::int64_t deadline = deadline_after(d);
    while (!pred())
      if (!wait_impl(&lock, &unlock_fn<Lock>, &lock_fn<Lock>, deadline))
        return pred();
    return true;
  }

 private:
  template <class Lock>
  static void unlock_fn(void* l) { static_cast<Lock*>(l)->unlock(); }
  template <class Lock>
  static void lock_fn(void* l) { static_cast<Lock*>(l)->lock(); }
  // Saturating (detail/duration.hpp), and never negative: a deadline in
  // the past is 0, not "no deadline".
  template <class Clock, class Duration>
  static std::int64_t to_steady_ns(
      const std::chrono::time_point<Clock, Duration>& t) {
    return detail::steady_deadline_ns(t, detail::steady_now_ns());
  }
  template <class Rep, class Period>
  static std::int64_t deadline_after(const std::chrono::duration<Rep, Period>& d) {
    std::int64_t r = detail::add_ns_sat(detail::steady_now_ns(), detail::saturating_ns(d));
    return r < 0 ? 0 : r;
  }
  // Returns false on timeout. deadline_ns < 0: no deadline.
  bool wait_impl(void* lock, void (*unlock)(void*), void (*relock)(void*),
                 std::int64_t deadline_ns);

  detail::raw_lock lock_;
  detail::waiter_list waiters_;  // in wait order
};

}  // namespace gort
