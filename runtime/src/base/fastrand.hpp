// Per-thread fast random numbers (wyrand, as Go's cheaprand): for choices
// that must be unpredictable enough to be fair (the steal order, select's
// poll order), never for anything secret. One generator for the runtime.
#pragma once

#include <cstdint>

// The calling thread's state: a plain __thread word (initial-exec, no TLS
// wrapper call: this is read on the steal path). Starts at 0 on every
// thread; mixing in its own address keeps threads' sequences apart.
extern __thread std::uint64_t gort_fastrand_state __attribute__((tls_model("initial-exec")));

namespace gort::rt {

inline std::uint32_t fastrand() noexcept {
  gort_fastrand_state += 0xa0761d6478bd642full;
  std::uint64_t s =
      gort_fastrand_state ^ reinterpret_cast<std::uintptr_t>(&gort_fastrand_state);
  __uint128_t m = static_cast<__uint128_t>(s) * (s ^ 0xe7037ed1a0b428dbull);
  return static_cast<std::uint32_t>((m >> 64) ^ m);
}

// Uniform in [0, n) (Lemire's multiply-shift; bias negligible for small n).
inline std::uint32_t fastrandn(std::uint32_t n) noexcept {
  return static_cast<std::uint32_t>((static_cast<std::uint64_t>(fastrand()) * n) >> 32);
}

}  // namespace gort::rt
