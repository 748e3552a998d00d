// Sleeping parks the goroutine on a runtime timer; no thread is blocked.
#pragma once

#include <chrono>
#include <cstdint>

#include <gort/detail/duration.hpp>

namespace gort {
namespace detail {
// Parks the caller until steady_clock reaches `deadline_ns` (nanoseconds
// since the steady_clock epoch). On a plain thread, sleeps the thread.
void sleep_until_steady_ns(std::int64_t deadline_ns);
std::int64_t steady_now_ns();
}  // namespace detail

// Conversions saturate (detail/duration.hpp): hours::max() sleeps for ever
// (292 years), a time point in the past returns at once.
template <class Clock, class Duration>
void sleep_until(const std::chrono::time_point<Clock, Duration>& t) {
  detail::sleep_until_steady_ns(
      detail::steady_deadline_ns(t, detail::steady_now_ns()));
}

template <class Rep, class Period>
void sleep_for(const std::chrono::duration<Rep, Period>& d) {
  std::int64_t ns = detail::saturating_ns(d);
  if (ns <= 0) return;
  detail::sleep_until_steady_ns(detail::add_ns_sat(detail::steady_now_ns(), ns));
}

}  // namespace gort
