#pragma once

namespace gort::rt {

// Installs the std::terminate handler that reports unrecovered panics
// (called once at runtime start-up).
void install_panic_handler();

// A misuse Go reports with its fatal() (not a recoverable panic): prints
// "fatal error: <msg>", a blank line and the calling goroutine's stack,
// flushes stdout first, exits 2. For example "sync: unlock of unlocked
// mutex".
[[noreturn]] void fatal_misuse(const char* msg) noexcept;

}  // namespace gort::rt
