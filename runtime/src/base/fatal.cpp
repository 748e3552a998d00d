#include "base/fatal.hpp"

#include "base/process_exit.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <iostream>

namespace gort::rt {

void flush_std_streams() noexcept {
  // Constructs the standard streams if no one has yet: a fatal error during
  // static initialisation (a deadlock, a panic) may come before the
  // program's own std::ios_base::Init (libstdc++ 12 has one per TU that
  // includes <iostream>, and the program may have none).
  std::ios_base::Init streams;
  try {
    std::cout.flush();
    std::clog.flush();
  } catch (...) {
  }
  std::fflush(nullptr);
}

void fatal(const char* msg) noexcept {
  flush_std_streams();
  std::fprintf(stderr, "fatal error: %s\n", msg);
  std::fflush(stderr);
  _exit(2);
}

void exit_process(int status) noexcept {
  claim_process_exit();  // a panic in progress, or an exit() already under way, wins
  flush_std_streams();
  _exit(status);
}

}  // namespace gort::rt
