// The scheduler's answers to stack/hooks.hpp (wired in startup/hooks.cpp).
#pragma once

#include <cstdint>

namespace gort::rt {

struct gstack;
struct stack_cache;

gstack* current_gstack();              // the running goroutine's, or null
std::uint64_t current_goroutine_id();  // 0 when not on a goroutine
stack_cache* current_stack_cache();    // null without a P or in a syscall

}  // namespace gort::rt
