#pragma once

namespace gort::rt {

// Installs the SIGQUIT goroutine dump and the SIGABRT report (called once
// at start-up; see signals.cpp for when the program's own handler wins).
void install_signal_handlers();

}  // namespace gort::rt
