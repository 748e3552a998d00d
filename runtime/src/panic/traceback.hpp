// Symbolized stack traces in Go's layout:
//   function(args)
//   \t<module>+0x<offset>
#pragma once

#include <cstdio>

namespace gort::rt {

// Prints the caller's stack to `out`, skipping frames up to and including
// the last one whose symbol starts with `skip_through` (if given and found).
void print_traceback(std::FILE* out, const char* skip_through = nullptr);

// Prints "goroutine N [state]:" for the running goroutine (or "thread").
void print_current_header(std::FILE* out);

}  // namespace gort::rt
