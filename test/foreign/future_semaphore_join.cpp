// Waits inside libstdc++ and libc from goroutines: std::future::get (a
// futex wait through syscall()), std::async().get(), sem_wait and
// std::thread::join (pthread_join). Each waits for a goroutine that can
// only run if the waiter's P was handed off; with one P each hung before.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 timeout 120 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=2 timeout 120 %t | FileCheck %s
// CHECK: promise between goroutines: 42
// CHECK-NEXT: async().get(): 7
// CHECK-NEXT: sem_wait: posted by goroutine
// CHECK-NEXT: join: thread saw the goroutine's value 5
#include <gort/gort.hpp>
#include <semaphore.h>

#include <cstdio>
#include <future>
#include <thread>

int main() {
  {
    std::promise<int> p;
    std::future<int> f = p.get_future();
    gort::wait_group wg;
    wg.add(1);
    int got = 0;
    gort::go([&] { got = f.get(); wg.done(); });  // blocks in the futex
    gort::go([&] { p.set_value(42); });
    wg.wait();
    std::printf("promise between goroutines: %d\n", got);
  }
  {
    // The async thread needs a value that only a goroutine sends.
    auto ch = gort::make_chan<int>();
    gort::go([ch]() mutable { ch.send(7); });
    auto fut = std::async(std::launch::async, [ch]() mutable { return ch.recv().value_or(-1); });
    std::printf("async().get(): %d\n", fut.get());
  }
  {
    sem_t s;
    sem_init(&s, 0, 0);
    gort::go([&] { sem_post(&s); });
    sem_wait(&s);
    std::printf("sem_wait: posted by goroutine\n");
    sem_destroy(&s);
  }
  {
    auto ch = gort::make_chan<int>();
    int seen = 0;
    std::thread t([&] { seen = ch.recv().value_or(-1); });
    gort::go([ch]() mutable { ch.send(5); });
    t.join();
    std::printf("join: thread saw the goroutine's value %d\n", seen);
  }
}
