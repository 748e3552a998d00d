// A plain thread is a possible waker until it is gone, destructors
// included: this one wakes main from a pthread_key destructor, which glibc
// runs after gort's own thread-exit hook (whose key was created first). The
// exit hook must not decide anything: the deadlock check waits until the
// kernel no longer lists the thread. Checked at one P, many times.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 timeout 120 %t | FileCheck %s
// CHECK: woken by a key destructor: 20 of 20
#include <gort/gort.hpp>
#include <pthread.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

static gort::chan<int>* wake;
static void send_on_exit(void*) { wake->send(42); }

int main() {
  pthread_key_t key;
  pthread_key_create(&key, send_on_exit);
  int woken = 0;
  for (int i = 0; i < 20; ++i) {
    auto ch = gort::make_chan<int>();
    wake = &ch;
    std::thread([key] {
      (void)wake->size();  // a gort call
      pthread_setspecific(key, reinterpret_cast<void*>(1));
      usleep(10 * 1000);   // main most likely blocks meanwhile
    }).detach();
    if (ch.recv() == 42) ++woken;
  }
  std::printf("woken by a key destructor: %d of 20\n", woken);
}
