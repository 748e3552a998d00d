// SIGQUIT (Ctrl-\) dumps every goroutine and exits with status 2, as Go
// does. Installed at start-up unless the program already handles SIGQUIT.
#include "panic/signals.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstdio>

#include "base/fatal.hpp"
#include "panic/dump.hpp"

namespace gort::rt {

namespace {

void on_sigquit(int) {
  // Not async-signal-safe, like Go's own crash dump: the process ends here.
  flush_std_streams();
  std::fprintf(stderr, "SIGQUIT: quit\n\n");
  dump_all_goroutines(stderr);
  std::fflush(stderr);
  _exit(2);
}

}  // namespace

void install_signal_handlers() {
  struct sigaction old {};
  if (sigaction(SIGQUIT, nullptr, &old) != 0 || old.sa_handler != SIG_DFL)
    return;
  struct sigaction sa {};
  sa.sa_handler = on_sigquit;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGQUIT, &sa, nullptr);
}

}  // namespace gort::rt
