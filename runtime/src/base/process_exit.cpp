#include "base/process_exit.hpp"

#include <unistd.h>

namespace gort::rt {

namespace {
std::atomic<bool> panicking{false};
std::atomic<bool> exit_claimed{false};
}  // namespace

void note_panicking() noexcept { panicking.store(true, std::memory_order_seq_cst); }

[[noreturn]] void park_thread_forever() noexcept {
  for (;;) pause();
}

void wait_for_panic_in_progress() noexcept {
  if (panicking.load(std::memory_order_seq_cst)) park_thread_forever();
}

void claim_process_exit() noexcept {
  wait_for_panic_in_progress();
  if (exit_claimed.exchange(true, std::memory_order_seq_cst)) park_thread_forever();
  // A panic that started while we claimed still wins: it prints its report
  // and exits with status 2 (Go's main waits for panicking too).
  wait_for_panic_in_progress();
}

}  // namespace gort::rt
