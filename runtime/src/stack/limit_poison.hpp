// The poisonable stack limit: how sysmon makes a running goroutine's next
// split-stack prologue enter the runtime (docs/design/preemption.md).
//
// Every split prologue compares rsp with the thread's stack-limit slot
// (%fs:0x70, glibc's tcbhead_t::__private_ss). Sysmon replaces the value
// there with a poison above every address (0x7fffffff'<seq>), so the next
// prologue calls __morestack, whose first instruction sends a poisoned
// entry to gort_morestack_preempt (stack/preempt_entry.S). The entry puts
// the real limit back (unpoison_limit) before any split code runs.
//
// The poison is installed with a CAS from the value sysmon read, after
// storing that value and a fresh sequence number in the thread's
// limit_poison, so the thread restores exactly what was there. A plain
// store of the thread's own (a segment switch, a goroutine switch) may
// overwrite the poison: that request is lost and sysmon arms it again on
// its next tick. A goroutine switch may also *save* the poison into G::ss
// and install it on another thread later; its sequence number then is not
// that thread's, and the limit comes from the current segment instead.
//
// Builds without split stacks (TSan) keep the slot at 0 and only the
// loop polls look at it.
#pragma once

#include <atomic>
#include <cstdint>

namespace gort::rt {

// The poison's high half: above every user-space address (< 2^56) both
// unsigned, as the prologues compare, and signed, as LLVM's split-stack
// dynamic alloca does (`cmp %new_sp, %fs:0x70; jg malloc`): with all ones
// (negative) an alloca under a pending request "fitted" and ran off the
// segment (test stacks/dyn_alloca_under_preemption_request.cpp). Now it
// takes a heap block (stack/dyn_blocks.cpp) and the next prologue preempts.
constexpr std::uint32_t kLimitPoisonHigh32 = 0x7fffffffu;
constexpr std::uintptr_t kLimitPoisonHigh = std::uintptr_t(kLimitPoisonHigh32) << 32;

[[gnu::always_inline]] inline bool is_limit_poison(std::uintptr_t v) {
  return (v >> 32) == kLimitPoisonHigh32;
}

// What sysmon knew when it poisoned this thread's slot.
struct limit_poison {
  std::atomic<std::uint32_t> seq{0};        // low half of the poison value
  std::atomic<std::uintptr_t> saved{0};     // the limit it replaced
};

}  // namespace gort::rt

extern "C" {
extern __thread gort::rt::limit_poison gort_limit_poison
    __attribute__((tls_model("initial-exec")));
}

namespace gort::rt {

// The calling thread's stack-limit slot (%fs:0x70) as an address, for
// another thread (sysmon) to poison.
[[gnu::always_inline]] inline std::uintptr_t* this_thread_limit_slot() {
  std::uintptr_t tcb;
  asm("movq %%fs:0, %0" : "=r"(tcb));
  return reinterpret_cast<std::uintptr_t*>(tcb + 0x70);
}

// Raw access to the slot, in every build (the TSan runtime's stack_switch
// leaves it alone, but the loop polls still read it).
[[gnu::always_inline]] inline std::uintptr_t read_limit_slot() {
  std::uintptr_t v;
  asm volatile("movq %%fs:0x70, %0" : "=r"(v));
  return v;
}
[[gnu::always_inline]] inline void write_limit_slot(std::uintptr_t v) {
  asm volatile("movq %0, %%fs:0x70" ::"r"(v) : "memory");
}

// Sysmon: poisons the slot of the thread owning `lp` with sequence `seq`,
// unless it holds a poison already. Returns whether it did.
bool poison_limit(std::uintptr_t* slot, limit_poison* lp, std::uint32_t seq);

// The thread itself, first thing on a poisoned entry (no split-stack code
// may run before): puts the real limit back. Returns true if the slot was
// poisoned.
bool unpoison_limit();

}  // namespace gort::rt
