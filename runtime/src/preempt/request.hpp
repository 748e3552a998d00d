// Shared by the two sides of preemption (request.cpp, yield.cpp).
#pragma once

#include <atomic>
#include <cstdint>

namespace gort::rt {

// P::preempt_req for "the goroutine(s) running under schedtick `tick`":
// the high bit tells it from the initial 0, the tick makes a request stale
// as soon as the P schedules anything else.
constexpr std::uint64_t preempt_request_word(std::uint32_t tick) {
  return (std::uint64_t(1) << 32) | tick;
}

extern std::atomic<std::uint64_t> preempt_count;

// GORT_DEBUG=preemptevery is set: every preemption also checks, by walking
// the stack, that no runtime frame is below it.
bool preempt_stress_mode();

}  // namespace gort::rt
