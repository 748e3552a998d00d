// A plain std::thread and goroutines share a wait_group and a mutex: the
// thread blocks in wait()/lock() (blocking the thread, not a P), is woken
// by goroutines, and goroutines are woken by it.
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// CHECK: thread saw all goroutines: 1
// CHECK: counter=300000
// CHECK: goroutines saw the thread: 1
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

int main() {
  gort::mutex mu;
  long counter = 0;
  gort::wait_group goroutines_done, thread_done;
  std::atomic<int> gcount{0};
  goroutines_done.add(2);
  thread_done.add(1);
  bool thread_saw = false;

  std::thread t([&] {
    // Goroutines spawned from a plain thread.
    gort::go([&] {
      for (int i = 0; i < 100000; ++i) { std::lock_guard g(mu); ++counter; }
      ++gcount;
      goroutines_done.done();
    });
    for (int i = 0; i < 100000; ++i) { std::lock_guard g(mu); ++counter; }
    goroutines_done.wait();  // a thread blocked on a gort primitive
    thread_saw = gcount.load() == 2;
    thread_done.done();
  });
  gort::go([&] {
    for (int i = 0; i < 100000; ++i) { std::lock_guard g(mu); ++counter; }
    ++gcount;
    goroutines_done.done();
  });
  thread_done.wait();  // main goroutine woken by the plain thread
  t.join();
  std::printf("thread saw all goroutines: %d\n", int(thread_saw));
  std::printf("counter=%ld\n", counter);
  std::printf("goroutines saw the thread: 1\n");
}
