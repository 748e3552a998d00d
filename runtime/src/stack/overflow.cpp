// The stack overflow report (stack/overflow.hpp). The overflowing stack has
// no room left, so the report runs on an emergency stack, one per process:
// the first thread to overflow reports, any other waits for the exit.
#include "stack/overflow.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>

#include "base/fatal.hpp"
#include "stack/hooks.hpp"
#include "stack/stack.hpp"

extern "C" void gort_call_on_stack(void (*fn)(void*), void* arg, void* stack_top);

namespace gort::rt {

namespace {

constexpr std::size_t kEmergencyStack = 256 * 1024;
alignas(64) char emergency_stack[kEmergencyStack];
std::atomic<bool> emergency_taken{false};

struct overflow_info {
  const char* what;
  const void* fault_pc;
};

[[noreturn]] void report_overflow(void* arg) {
  auto* info = static_cast<overflow_info*>(arg);
  // The optional "runtime: ..." lines lead the headline. No allocation:
  // this runs on the emergency stack.
  char lines[256];
  int n = 0;
  if (info->what) n = std::snprintf(lines, sizeof lines, "runtime: %s\n", info->what);
  if (n < 0 || n >= int(sizeof lines)) n = 0;
  std::uint64_t goid = 0;
  if (info->fault_pc) {
    std::snprintf(lines + n, sizeof lines - std::size_t(n),
                  "runtime: stack guard page hit at pc=%p\n", info->fault_pc);
  } else if ((goid = current_goid()) != 0) {
    std::snprintf(lines + n, sizeof lines - std::size_t(n),
                  "runtime: goroutine %llu stack exceeds GORT_STACK_MAX\n",
                  (unsigned long long)goid);
  } else {
    lines[n] = 0;
  }
  die(die_stack::current, info->fault_pc ? "gort_stack_fault" : "gort_morestack_grow",
      "%sfatal error: stack overflow\n\n", lines);
}

}  // namespace

[[noreturn]] __attribute__((no_split_stack)) void stack_overflow_fatal(
    const char* what, const void* fault_pc) {
  set_ss_limit(0);
  bool expected = false;
  if (!emergency_taken.compare_exchange_strong(expected, true))
    for (;;) pause();  // another thread is already reporting
  overflow_info info{what, fault_pc};
  gort_call_on_stack(report_overflow, &info, emergency_stack + kEmergencyStack);
  __builtin_unreachable();
}

}  // namespace gort::rt
