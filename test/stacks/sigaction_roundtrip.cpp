// The program's signal handlers run through gort's stub (stack/
// signal_stub.cpp) yet look like the program's own: a handler installed
// with signal() and one with sigaction(SA_SIGINFO) both run, on the
// alternate signal stack, when raised from a goroutine on a small segment;
// sigaction(sig, nullptr, &old) returns the program's handler and flags,
// not the stub; signal() returns the previous handler.
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// CHECK: plain ran=1 on_altstack=1
// CHECK-NEXT: siginfo ran=1 signo_ok=1 on_altstack=1
// CHECK-NEXT: query: handler_is_program's=1 siginfo_flag=1 restart_flag=1
// CHECK-NEXT: signal() returned the previous handler=1
// CHECK-NEXT: done
#include <gort/gort.hpp>

#include <signal.h>

#include <atomic>
#include <cstdio>

std::atomic<int> plain_ran{0}, plain_alt{0}, info_ran{0}, info_signo{0}, info_alt{0};

bool on_altstack() {
  stack_t ss{};
  return sigaltstack(nullptr, &ss) == 0 && (ss.ss_flags & SS_ONSTACK);
}

void on_usr1(int) {
  plain_ran = 1;
  plain_alt = on_altstack();
}

void on_usr2(int sig, siginfo_t* si, void*) {
  info_ran = 1;
  info_signo = sig == SIGUSR2 && si->si_signo == SIGUSR2;
  info_alt = on_altstack();
}

int main() {
  signal(SIGUSR1, on_usr1);
  struct sigaction sa {};
  sa.sa_sigaction = on_usr2;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigaction(SIGUSR2, &sa, nullptr);

  auto done = gort::make_chan<int>();
  gort::go([done]() mutable {
    raise(SIGUSR1);
    raise(SIGUSR2);
    done.send(1);
  });
  done.recv();
  std::printf("plain ran=%d on_altstack=%d\n", plain_ran.load(), plain_alt.load());
  std::printf("siginfo ran=%d signo_ok=%d on_altstack=%d\n", info_ran.load(),
              info_signo.load(), info_alt.load());

  struct sigaction old {};
  sigaction(SIGUSR2, nullptr, &old);
  std::printf("query: handler_is_program's=%d siginfo_flag=%d restart_flag=%d\n",
              old.sa_sigaction == on_usr2, (old.sa_flags & SA_SIGINFO) != 0,
              (old.sa_flags & SA_RESTART) != 0);
  std::printf("signal() returned the previous handler=%d\n",
              signal(SIGUSR1, SIG_DFL) == on_usr1);
  std::puts("done");
}
