// Fatal errors and process exit. Standard output (iostreams and stdio) is
// flushed before every exit the runtime causes, as docs/guide.md ("Program
// model") promises.
//
// Every fatal report of the runtime ends through die(), Go's fatalthrow:
// flush the std streams, print the headline, the stack the report asks for,
// exit with status 2. base/ is below every layer, so any code may die; who
// prints stacks (panic/, near the top) is reached through gort_die_hooks, a
// table that startup/hooks.cpp constant-initialises (docs/design/layers.md,
// "Hooks"): it is usable before any code runs, a fatal error in a static
// initialiser included.
#pragma once

#include <cstdint>
#include <cstdio>

namespace gort::rt {

// Flushes std::cout/std::clog and every stdio stream.
void flush_std_streams() noexcept;

// What a fatal report prints after its headline.
enum class die_stack : std::uint8_t {
  none,                        // the headline only
  current,                     // the calling goroutine's (or thread's) stack
  interrupted,                 // from a signal handler: the interrupted stack
  all_goroutines,              // every goroutine (the deadlock report)
  all_goroutines_from_signal,  // the same, from a signal handler (SIGQUIT)
};

// Printers of stacks, answered by panic/. A null entry (a lower layer
// tested alone) leaves the stack out of the report.
struct die_hooks {
  // "goroutine N [running]:" and the caller's stack, skipping frames up to
  // the last one whose symbol starts with `skip_through` (null: none).
  void (*print_current_stack)(std::FILE* out, const char* skip_through);
  // The same for the stack a signal interrupted (called from its handler).
  void (*print_interrupted_stack)(std::FILE* out);
  // Every live goroutine (Go's goroutine dump).
  void (*print_all_goroutines)(std::FILE* out, bool in_signal_handler);
};
extern const die_hooks gort_die_hooks;

// The report alone: flushes the std streams, prints the printf-formatted
// headline to stderr (the caller writes its own blank line), then the
// stack `what` asks for, and flushes stderr. For a caller that ends the
// process its own way (the deadlock report: exit_process).
__attribute__((no_split_stack)) void fatal_report(die_stack what, const char* skip_through,
                                                  const char* fmt, ...) noexcept
    __attribute__((format(printf, 3, 4)));

// fatal_report, then _exit(2): the one crash epilogue of the runtime.
// Both are variadic, which split-stack code cannot be: they run without a
// split prologue, in the reserve every segment keeps for non-split callees
// (stack/stack.hpp, kNonSplitStack), like the libc calls they make; their
// callers are cold.
[[noreturn]] __attribute__((no_split_stack)) void die(die_stack what, const char* skip_through,
                                                     const char* fmt, ...) noexcept
    __attribute__((format(printf, 3, 4)));

// Prints "fatal error: <msg>" to stderr and exits with status 2.
[[noreturn]] void fatal(const char* msg) noexcept;

// A misuse Go reports with its fatal() (not a recoverable panic): prints
// "fatal error: <msg>", a blank line and the calling goroutine's stack,
// flushes stdout first, exits 2. For example "sync: unlock of unlocked
// mutex". main's return and exit() wait for the report (base/process_exit.hpp).
[[noreturn]] void fatal_misuse(const char* msg) noexcept;

// Ends the process with `status` without running static destructors or
// waiting for goroutines (Go's exit when main returns); output is flushed.
[[noreturn]] void exit_process(int status) noexcept;

}  // namespace gort::rt

// Debug assertions: compiled only into GORT_DEBUG_ASSERTS builds (the
// sanitizer runtimes); nothing of them is left in the normal build.
#if defined(GORT_DEBUG_ASSERTS)
#define GORT_ASSERT(cond)                                                      \
  ((cond) ? (void)0                                                            \
          : ::gort::rt::die(::gort::rt::die_stack::current, nullptr,           \
                            "fatal error: assertion failed: %s (%s:%d)\n\n",   \
                            #cond, __FILE__, __LINE__))
#else
#define GORT_ASSERT(cond) ((void)0)
#endif
