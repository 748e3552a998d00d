// Saturating conversions of std::chrono durations and time points to the
// runtime's int64 nanoseconds. hours::max(), years(1000) or a time_point's
// max() overflow a plain duration_cast<nanoseconds> (UB; in practice a
// negative count, so a sleep "for ever" returned at once). Go's time
// package saturates the same way (time.Duration is int64 nanoseconds).
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>

namespace gort::detail {

inline constexpr std::int64_t kNsMax = std::numeric_limits<std::int64_t>::max();
inline constexpr std::int64_t kNsMin = std::numeric_limits<std::int64_t>::min();

// d in nanoseconds, clamped to [kNsMin, kNsMax] (NaN: 0).
template <class Rep, class Period>
constexpr std::int64_t saturating_ns(const std::chrono::duration<Rep, Period>& d) {
  using namespace std::chrono;
  // Long double holds every int64 Rep times any ratio without overflow;
  // only the final, in-range conversion is exact integer arithmetic.
  long double v = duration_cast<duration<long double, std::nano>>(d).count();
  if (!(v == v)) return 0;
  if (v >= 9.2e18L) return kNsMax;
  if (v <= -9.2e18L) return kNsMin;
  if constexpr (std::is_floating_point_v<Rep>)
    return std::int64_t(v);
  else
    return duration_cast<nanoseconds>(d).count();
}

// a + b without overflow.
constexpr std::int64_t add_ns_sat(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return b > 0 ? kNsMax : kNsMin;
  return r;
}

// A steady_clock deadline in nanoseconds since its epoch, never negative
// (0: already passed), for a time point of any clock. Other clocks are
// converted once, at the call, as std::this_thread::sleep_until does.
template <class Clock, class Duration>
std::int64_t steady_deadline_ns(const std::chrono::time_point<Clock, Duration>& t,
                                std::int64_t steady_now) {
  using namespace std::chrono;
  std::int64_t ns;
  if constexpr (std::is_same_v<Clock, steady_clock>) {
    ns = saturating_ns(t.time_since_epoch());
  } else {
    // t - now in long double: both may be far apart (t = max()).
    using ld = duration<long double, std::nano>;
    auto rel = duration_cast<ld>(t.time_since_epoch()) -
               duration_cast<ld>(Clock::now().time_since_epoch());
    ns = add_ns_sat(steady_now, saturating_ns(rel));
  }
  return ns < 0 ? 0 : ns;
}

}  // namespace gort::detail
