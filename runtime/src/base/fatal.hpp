// Fatal errors and process exit. Standard output (iostreams and stdio) is
// flushed before every exit the runtime causes, as SPEC section 2 requires.
#pragma once

namespace gort::rt {

// Flushes std::cout/std::clog and every stdio stream.
void flush_std_streams() noexcept;

// Prints "fatal error: <msg>" to stderr and exits with status 2.
[[noreturn]] void fatal(const char* msg) noexcept;

// Ends the process with `status` without running static destructors or
// waiting for goroutines (Go's exit when main returns); output is flushed.
[[noreturn]] void exit_process(int status) noexcept;

}  // namespace gort::rt

#if defined(GORT_DEBUG_ASSERTS)
#define GORT_ASSERT(cond) \
  ((cond) ? (void)0 : ::gort::rt::fatal("assertion failed: " #cond))
#else
#define GORT_ASSERT(cond) ((void)0)
#endif
