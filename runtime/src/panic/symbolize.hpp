// Names for the frames of a traceback (panics, deadlock and SIGQUIT dumps,
// stack overflows): function, file and line, from the program's debug
// information through libbacktrace (GCC's, from libgcc-dev), inlined calls
// included; from the ELF symbol table where there is no debug information,
// which also names static functions and lambdas (dladdr sees only the
// dynamic symbols). Without libbacktrace at build time, or while it
// cannot be used (a fault inside it), nothing: the caller falls back to
// dladdr (traceback.cpp's print_pc, which asks dladdr for the module anyway).
#pragma once

#include <cstdint>

namespace gort::rt {

struct frame_name {
  const char* function = nullptr;  // mangled or plain, as found; null: unknown
  const char* file = nullptr;      // null without debug information
  int line = 0;
};

// Fills out[0..n) for the code at `pc` (inside a call: a return address
// minus one), innermost inlined call first, the function containing `pc`
// last; returns n (0: nothing known). Strings live as long as the process.
int symbolize(std::uintptr_t pc, frame_name* out, int max);

}  // namespace gort::rt
