// Goroutines waiting for a deadline (scheduler/sleep.cpp), on timer/'s heap.
#pragma once

#include <cstdint>

namespace gort::rt {

// Parks the calling goroutine until now_ns() >= deadline_ns.
void park_until(std::int64_t deadline_ns);

}  // namespace gort::rt
