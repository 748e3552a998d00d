// Sleeping parks the goroutine on a runtime timer; no thread is blocked.
#pragma once

#include <chrono>
#include <cstdint>

namespace gort {
namespace detail {
// Parks the caller until steady_clock reaches `deadline_ns` (nanoseconds
// since the steady_clock epoch). On a plain thread, sleeps the thread.
void sleep_until_steady_ns(std::int64_t deadline_ns);
std::int64_t steady_now_ns();
}  // namespace detail

template <class Clock, class Duration>
void sleep_until(const std::chrono::time_point<Clock, Duration>& t) {
  using namespace std::chrono;
  if constexpr (std::is_same_v<Clock, steady_clock>) {
    detail::sleep_until_steady_ns(
        duration_cast<nanoseconds>(t.time_since_epoch()).count());
  } else {
    // Other clocks are converted once, at the call (as std::this_thread
    // does for clocks it cannot wait on directly).
    auto rel = duration_cast<nanoseconds>(t - Clock::now()).count();
    detail::sleep_until_steady_ns(detail::steady_now_ns() + rel);
  }
}

template <class Rep, class Period>
void sleep_for(const std::chrono::duration<Rep, Period>& d) {
  using namespace std::chrono;
  auto ns = duration_cast<nanoseconds>(d).count();
  if (ns <= 0) return;
  detail::sleep_until_steady_ns(detail::steady_now_ns() + ns);
}

}  // namespace gort
