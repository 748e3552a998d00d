// Reporting a goroutine stack overflow: "fatal error: stack overflow",
// the goroutine and its stack, exit status 2. Runs on an emergency stack,
// since the overflowing one has no room left.
#pragma once

namespace gort::rt {

// `what`: an extra line for the report (null: none); `fault_pc`: the
// faulting instruction when a guard page was hit (null: grown past
// GORT_STACK_MAX).
[[noreturn]] void stack_overflow_fatal(const char* what, const void* fault_pc);

}  // namespace gort::rt
