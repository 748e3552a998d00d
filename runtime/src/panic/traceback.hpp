// Symbolized stack traces in Go's layout, one frame per two lines:
//   function(args)
//   \t<module>+0x<offset>
// The runtime's own frames (its code, gort::rt::, gort::detail::) are left
// out, as Go leaves out runtime frames.
#pragma once

#include <cstdio>

namespace gort::rt {

struct G;

// Prints the caller's stack to `out`, skipping frames up to and including
// the last one whose symbol starts with `skip_through` (if given and found).
void print_traceback(std::FILE* out, const char* skip_through = nullptr);

// From a signal handler: the stack the signal interrupted, from the
// interrupted frame down (the handler's own frames left out).
void print_interrupted_traceback(std::FILE* out);

// Prints the stack of a goroutine that is not running (parked or
// runnable), by walking frame pointers from its saved context.
void print_parked_traceback(std::FILE* out, const G* g);

// What a goroutine dump says a goroutine is doing: "running", "runnable",
// its wait reason (waiting, or in a system call: "syscall" or what the
// call waits for); null for an idle or dead G (not listed).
const char* goroutine_state_text(const G* g);

// Prints "goroutine N [state]:" for the calling goroutine (or "thread").
void print_current_header(std::FILE* out);

// die()'s printers (base/fatal.hpp, gort_die_hooks): the header, then
// print_traceback / print_interrupted_traceback.
void print_current_stack(std::FILE* out, const char* skip_through);
void print_interrupted_stack(std::FILE* out);

}  // namespace gort::rt
