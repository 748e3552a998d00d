// Poisoning and restoring the stack-limit slot: see limit_poison.hpp.
#include "stack/limit_poison.hpp"

#include "stack/stack.hpp"

extern "C" {
__thread gort::rt::limit_poison gort_limit_poison
    __attribute__((tls_model("initial-exec")));
}

namespace gort::rt {

bool poison_limit(std::uintptr_t* slot, limit_poison* lp, std::uint32_t seq) {
  auto* word = reinterpret_cast<std::atomic<std::uintptr_t>*>(slot);
  std::uintptr_t v = word->load(std::memory_order_relaxed);
  if (is_limit_poison(v)) return false;
  // The thread reads these only after it has seen the poison that the CAS
  // publishes, and we write them only while its slot holds no poison.
  lp->saved.store(v, std::memory_order_relaxed);
  lp->seq.store(seq, std::memory_order_relaxed);
  return word->compare_exchange_strong(v, kLimitPoisonHigh | seq,
                                       std::memory_order_seq_cst);
}

// no_split_stack: runs while the slot is poisoned; it calls nothing.
__attribute__((no_split_stack)) bool unpoison_limit() {
  std::uintptr_t v = read_limit_slot();
  if (!is_limit_poison(v)) return false;
  limit_poison& lp = gort_limit_poison;
  std::uintptr_t real;
  if (std::uint32_t(v) == lp.seq.load(std::memory_order_relaxed)) {
    real = lp.saved.load(std::memory_order_relaxed);
  } else {
    // A poison another thread's sysmon request left in a goroutine's saved
    // split-stack state: this thread runs that goroutine's current segment
    // (the stale poison comes only through a goroutine switch, never in
    // the middle of growing a segment, where the limit is 0).
    stack_seg* s = gort_stack_seg;
    real = s ? reinterpret_cast<std::uintptr_t>(s->limit) : 0;
  }
  write_limit_slot(real);
  return true;
}

}  // namespace gort::rt
