// A goroutine that holds a pthread lock (a std::recursive_mutex, as
// cpp-httplib's client holds across its socket I/O) is pinned to its
// thread (docs/design/foreign.md); when it would block on a socket it parks
// keeping its thread, and the poller's event must wake that thread, not
// ready the goroutine for another M. Before, the poller readied it: the
// goroutine ran on a second thread from a stale context while its own
// thread still slept in the pinned park (the process died in
// make_fcontext's exit, with no output). Checked: every read gets its
// byte on the thread that took the lock, the unlock succeeds (a recursive
// mutex unlocked from another thread fails with EPERM), and no other
// goroutine gets into the critical section meanwhile (a goroutine run on
// the owner's thread would: glibc's owner is the thread).
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 %t 40 | FileCheck %s
// RUN: env GORT_MAXPROCS=2 %t 40 | FileCheck %s
// RUN: env GORT_MAXPROCS=4 %t 40 | FileCheck %s
// CHECK: reads ok=40 same thread=40 unlock ok=40 intruders in=0
#include <gort/gort.hpp>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

struct slot {
  pthread_mutex_t m;
  int sv[2];
  std::atomic<bool> holding{false};
  std::atomic<bool> finished{false};
};

int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 40;
  std::vector<std::unique_ptr<slot>> slots;
  for (int i = 0; i < n; ++i) {
    auto s = std::make_unique<slot>();
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&s->m, &a);
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, s->sv) != 0) return 3;
    slots.push_back(std::move(s));
  }
  std::atomic<int> inside{0}, reads_ok{0}, same_thread{0}, unlock_ok{0}, intruders{0};
  gort::wait_group wg;
  wg.add(2 * n + 1);
  for (int i = 0; i < n; ++i) {
    slot* s = slots[size_t(i)].get();
    gort::go([&, s] {  // the owner: holds the lock across a blocking read
      pthread_mutex_lock(&s->m);
      s->holding = true;
      long tid = syscall(SYS_gettid);
      ++inside;
      char c = 0;
      if (read(s->sv[0], &c, 1) == 1 && c == 'x') ++reads_ok;
      if (syscall(SYS_gettid) == tid) ++same_thread;
      s->holding = false;
      if (pthread_mutex_unlock(&s->m) == 0) ++unlock_ok;
      s->finished = true;
      wg.done();
    });
    // The intruder: must never get in while owned. A bounded number of
    // tries: a woken pinned thread gets a P back only when one goes idle
    // (docs/design/foreign.md, known limit), which goroutines that yield
    // forever would never let happen.
    gort::go([&, s] {
      for (int k = 0; k < 300 && !s->finished; ++k) {
        if (pthread_mutex_trylock(&s->m) == 0) {
          if (s->holding) ++intruders;
          pthread_mutex_unlock(&s->m);
        }
        gort::yield();
      }
      wg.done();
    });
  }
  gort::go([&] {  // the writer: once every owner is inside (parked)
    while (inside.load() < n) gort::yield();
    for (auto& s : slots)
      if (write(s->sv[1], "x", 1) != 1) std::abort();
    wg.done();
  });
  wg.wait();
  std::printf("reads ok=%d same thread=%d unlock ok=%d intruders in=%d\n",
              reads_ok.load(), same_thread.load(), unlock_ok.load(), intruders.load());
}
