// The runtime's clock: steady_clock in nanoseconds (CLOCK_MONOTONIC).
#pragma once

#include <time.h>

#include <cstdint>

namespace gort::rt {

inline std::int64_t now_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace gort::rt
