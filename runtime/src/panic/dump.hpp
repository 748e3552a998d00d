// Goroutine dumps in Go's format, for the deadlock error and SIGQUIT:
//   goroutine 1 [chan receive]:
//   main()
//   \t/path/prog+0x1234
#pragma once

#include <cstdio>

namespace gort::rt {

// Every live goroutine, the caller's own first (if it is one), separated
// by blank lines. From a signal handler (`in_signal_handler`), the caller's
// stack starts at the frame the signal interrupted.
void dump_all_goroutines(std::FILE* out, bool in_signal_handler = false);

}  // namespace gort::rt
