// Forced into every runtime source (-include, runtime/CMakeLists.txt): the
// runtime's functions go to the section gort_runtime_text, whose bounds
// (__start_/__stop_gort_runtime_text, defined by the linker) tell
// preemption which code is the runtime's (docs/design/preemption.md).
// Inline functions and templates the runtime emits land there too; the
// linker may keep a user translation unit's copy of one instead, which
// only makes that copy an ordinary preemption point.
#pragma clang section text = "gort_runtime_text"
