#pragma once

namespace gort::rt {

// Installs the std::terminate handler that reports unrecovered panics
// (called once at runtime start-up).
void install_panic_handler();

}  // namespace gort::rt
