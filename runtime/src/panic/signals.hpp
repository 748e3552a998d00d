#pragma once

namespace gort::rt {

// Installs SIGQUIT's goroutine dump (called once at start-up).
void install_signal_handlers();

}  // namespace gort::rt
