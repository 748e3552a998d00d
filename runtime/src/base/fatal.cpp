#include "base/fatal.hpp"

#include "base/process_exit.hpp"

#include <unistd.h>

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace gort::rt {

namespace {

void print_stack(die_stack what, const char* skip_through) {
  const die_hooks& h = gort_die_hooks;
  switch (what) {
    case die_stack::none:
      break;
    case die_stack::current:
      if (h.print_current_stack) h.print_current_stack(stderr, skip_through);
      break;
    case die_stack::interrupted:
      if (h.print_interrupted_stack) h.print_interrupted_stack(stderr);
      break;
    case die_stack::all_goroutines:
    case die_stack::all_goroutines_from_signal:
      if (h.print_all_goroutines)
        h.print_all_goroutines(stderr, what == die_stack::all_goroutines_from_signal);
      break;
  }
}

void vreport(die_stack what, const char* skip_through, const char* fmt,
             std::va_list args) {
  flush_std_streams();
  std::vfprintf(stderr, fmt, args);
  print_stack(what, skip_through);
  std::fflush(stderr);
}

}  // namespace

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

__attribute__((no_split_stack)) void fatal_report(die_stack what, const char* skip_through, const char* fmt, ...) noexcept {
  std::va_list args;
  va_start(args, fmt);
  vreport(what, skip_through, fmt, args);
  va_end(args);
}

__attribute__((no_split_stack)) void die(die_stack what, const char* skip_through, const char* fmt, ...) noexcept {
  std::va_list args;
  va_start(args, fmt);
  vreport(what, skip_through, fmt, args);
  va_end(args);
  _exit(2);
}

void fatal(const char* msg) noexcept {
  die(die_stack::none, nullptr, "fatal error: %s\n", msg);
}

void fatal_misuse(const char* msg) noexcept {
  note_panicking();  // its trace takes as long as a panic's
  die(die_stack::current, nullptr, "fatal error: %s\n\n", msg);
}

void exit_process(int status) noexcept {
  claim_process_exit();  // a panic in progress, or an exit() already under way, wins
  flush_std_streams();
  _exit(status);
}

}  // namespace gort::rt
