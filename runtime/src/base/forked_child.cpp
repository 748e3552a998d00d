#include "base/forked_child.hpp"

#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace gort::rt {

std::atomic<bool> in_forked_child{false};

void install_fork_handler() {
  pthread_atfork(nullptr, nullptr,
                 [] { in_forked_child.store(true, std::memory_order_relaxed); });
}

void fatal_forked_child() noexcept {
  static const char msg[] =
      "fatal error: gort used in a forked child (only exec and "
      "async-signal-safe calls are supported)\n";
  syscall(SYS_write, 2, msg, sizeof msg - 1);
  _exit(2);
}

}  // namespace gort::rt
