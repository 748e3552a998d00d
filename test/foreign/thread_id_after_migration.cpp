// pthread_self() and std::this_thread::get_id() name the thread running the
// goroutine now, also right after it moved to another thread. glibc
// declares pthread_self const, so at -O2 Clang reused the value computed
// before the move (0 of 41 migrations noticed); the plugin drops that
// attribute, also when <pthread.h> comes from a PCH. main blocks in read()
// (of a pipe the poller does not manage, see main) while a spinning
// goroutine holds the only P, so it often resumes on
// another thread (gettid tells); both ids must change exactly when gettid
// does.
// RUN: %gortpp %s -o %t && env GORT_MAXPROCS=1 %t | FileCheck %s
// RUN: %gortpp -x c++-header %S/Inputs/thread_id_pch.hpp -o %t.pch
// RUN: %gortpp -include-pch %t.pch -DVIA_PCH %s -o %t.via-pch
// RUN: env GORT_MAXPROCS=1 %t.via-pch | FileCheck %s
// RUN: env GORT_MAXPROCS=2 %t.via-pch | FileCheck %s
// CHECK: wrong pthread_self: 0{{$}}
// CHECK-NEXT: wrong get_id: 0{{$}}
// CHECK-NEXT: resumed on another thread: yes
#ifndef VIA_PCH
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include <gort/gort.hpp>
#endif

static void spin_ms(int ms) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < until) {
  }
}

int main() {
  // A pipe the runtime does not manage (the raw system call, not the
  // interposed pipe()): read() on it blocks the thread inside the syscall
  // handoff, so main can resume on another thread. On a pipe from pipe()
  // main would park on the network poller and, with one P, resume on the
  // thread it parked on (docs/design/netpoll.md).
  int fd[2];
  if (syscall(SYS_pipe2, fd, 0) != 0) return 3;
  int wrong_self = 0, wrong_id = 0, migrated = 0;
  for (int i = 0; i < 5000 && (i < 200 || migrated == 0); i++) {
    long tid_before = syscall(SYS_gettid);
    pthread_t self_before = pthread_self();
    std::thread::id id_before = std::this_thread::get_id();
    char c;
    gort::go([&] {  // holds the P while main is in read()
      spin_ms(1);
      (void)!write(fd[1], "x", 1);
      spin_ms(1);
    });
    (void)!read(fd[0], &c, 1);
    long tid_after = syscall(SYS_gettid);
    pthread_t self_after = pthread_self();
    std::thread::id id_after = std::this_thread::get_id();
    bool moved = tid_after != tid_before;
    migrated += moved;
    if (moved == bool(pthread_equal(self_before, self_after))) wrong_self++;
    if (moved == (id_before == id_after)) wrong_id++;
  }
  std::printf("wrong pthread_self: %d\n", wrong_self);
  std::printf("wrong get_id: %d\n", wrong_id);
  std::printf("resumed on another thread: %s\n", migrated > 0 ? "yes" : "no");
}
