// Signals the runtime reports on, as Go does (docs/guide.md, "Debugging"):
//  * SIGQUIT (Ctrl-\) dumps every goroutine and exits with status 2;
//  * SIGABRT (abort(), a failed assert) prints the goroutine that aborted
//    and exits with status 2.
// Installed at start-up unless the program already handles the signal. An
// inherited SIG_IGN does not count as handling: a non-interactive shell
// starts background jobs (`prog &`) with SIGINT and SIGQUIT ignored, and
// Go installs its SIGQUIT handler even then (only SIGHUP and SIGINT keep
// an inherited SIG_IGN, and gort handles neither).
#include "panic/signals.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstdio>

#include "base/fatal.hpp"

namespace gort::rt {

namespace {

// Neither is async-signal-safe, like Go's own crash dump: the process ends
// here.
void on_sigquit(int) {
  die(die_stack::all_goroutines_from_signal, nullptr, "SIGQUIT: quit\n\n");
}

void on_sigabrt(int) {
  // abort() may come from inside malloc (glibc's heap-corruption checks)
  // with its lock held, and naming frames allocates: should the report
  // block there, the default SIGALRM still ends the process.
  signal(SIGALRM, SIG_DFL);
  alarm(10);
  die(die_stack::interrupted, nullptr, "SIGABRT: abort\n\n");
}

void install_unless_handled(int sig, void (*handler)(int)) {
  struct sigaction old {};
  if (sigaction(sig, nullptr, &old) != 0) return;
  if (old.sa_handler != SIG_DFL && old.sa_handler != SIG_IGN) return;  // the program's
  struct sigaction sa {};
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(sig, &sa, nullptr);
}

}  // namespace

void install_signal_handlers() {
  install_unless_handled(SIGQUIT, on_sigquit);
  install_unless_handled(SIGABRT, on_sigabrt);
}

}  // namespace gort::rt
