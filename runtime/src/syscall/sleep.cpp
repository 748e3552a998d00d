// The sleep family, interposed: from a goroutine, sleep/usleep/nanosleep/
// clock_nanosleep (so std::this_thread::sleep_for/sleep_until too) park the
// goroutine on a runtime timer instead of blocking its thread. A parked
// goroutine is never interrupted by a signal: the full time elapses, the
// remaining time written back is zero, and the result is success. From a
// plain thread, and inside gort::blocking (the goroutine is already in a
// system call: its P may be running another goroutine), they are the real
// calls.
#include <errno.h>
#include <time.h>
#include <unistd.h>

#include <gort/detail/duration.hpp>

#include "base/clock.hpp"
#include "scheduler/park.hpp"
#include "scheduler/sleep.hpp"
#include "syscall/syscall.hpp"
#include "timer/timer.hpp"

namespace gort::rt {

namespace {

// Saturating: nanosleep({INT64_MAX s}) sleeps for ever (292 years), it
// must not wrap to a negative count and return at once.
std::int64_t to_ns(const timespec& ts) {
  std::int64_t ns;
  if (__builtin_mul_overflow(std::int64_t(ts.tv_sec), std::int64_t(1'000'000'000), &ns))
    return ts.tv_sec > 0 ? detail::kNsMax : detail::kNsMin;
  return detail::add_ns_sat(ns, ts.tv_nsec);
}

// Should this sleep park the calling goroutine? Not on a plain thread, and
// not inside gort::blocking, where parking would leave the goroutine both
// in its system call and on a timer.
bool parks() { return on_goroutine_outside_syscall(); }

void park_for(std::int64_t ns) {
  if (ns > 0) park_until(detail::add_ns_sat(now_ns(), ns));
}

}  // namespace
}  // namespace gort::rt

extern "C" int nanosleep(const struct timespec* req, struct timespec* rem) {
  using namespace gort::rt;
  auto* const real = GORT_LIBC("nanosleep", int (*)(const timespec*, timespec*));
  if (!parks()) return real(req, rem);
  if (!req || req->tv_nsec < 0 || req->tv_nsec >= 1'000'000'000 || req->tv_sec < 0) {
    errno = EINVAL;
    return -1;
  }
  park_for(to_ns(*req));
  if (rem) *rem = timespec{0, 0};
  return 0;
}

extern "C" int clock_nanosleep(clockid_t clock, int flags,
                               const struct timespec* req,
                               struct timespec* rem) {
  using namespace gort::rt;
  auto* const real =
      GORT_LIBC("clock_nanosleep", int (*)(clockid_t, int, const timespec*, timespec*));
  if (!parks() || !req) return real(clock, flags, req, rem);
  if (req->tv_nsec < 0 || req->tv_nsec >= 1'000'000'000) return EINVAL;
  if (clock != CLOCK_MONOTONIC && clock != CLOCK_REALTIME &&
      clock != CLOCK_BOOTTIME && clock != CLOCK_TAI)
    return real(clock, flags, req, rem);  // CPU-time clocks: not ours
  std::int64_t ns = to_ns(*req);
  if (flags & TIMER_ABSTIME) {
    // Absolute: convert the deadline on `clock` to a monotonic one.
    timespec now{};
    clock_gettime(clock, &now);
    ns = gort::detail::add_ns_sat(ns, -to_ns(now));
  }
  park_for(ns);
  if (rem && !(flags & TIMER_ABSTIME)) *rem = timespec{0, 0};
  return 0;
}

extern "C" int usleep(useconds_t us) {
  using namespace gort::rt;
  auto* const real = GORT_LIBC("usleep", int (*)(useconds_t));
  if (!parks()) return real(us);
  park_for(std::int64_t(us) * 1000);
  return 0;
}

extern "C" unsigned int sleep(unsigned int seconds) {
  using namespace gort::rt;
  auto* const real = GORT_LIBC("sleep", unsigned (*)(unsigned));
  if (!parks()) return real(seconds);
  park_for(std::int64_t(seconds) * 1'000'000'000);
  return 0;
}
