// Plain OS threads use channels like goroutines do: a std::thread sends to
// a goroutine through an unbuffered channel (blocking the thread, not a P),
// receives its reply, and blocks in a select until a goroutine sends.
//
// main waits for each thread on a channel before joining it: join() would
// block main's OS thread, and with it main's P (it is not a gort call).
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// RUN: %gortxx-tsan %s -o %t.tsan
// RUN: env GORT_MAXPROCS=4 %t.tsan 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
#include <gort/gort.hpp>

#include <cstdio>
#include <thread>

int main() {
  auto feed = gort::make_chan<int>();
  auto sum = gort::make_chan<long>();
  gort::go([=] {
    long s = 0;
    for (int x : feed) s += x;
    sum.send(s);
  });

  auto finished = gort::make_chan<bool>();
  long from_thread = 0;
  std::thread producer([&] {
    for (int i = 1; i <= 10000; ++i) feed.send(i);
    feed.close();
    from_thread = *sum.recv();  // the thread blocks; the goroutine replies
    finished.send(true);
  });
  finished.recv();
  producer.join();
  std::printf("sum via thread: %ld\n", from_thread);

  // A thread blocked in a select over several channels is woken by
  // whichever case a goroutine completes.
  auto a = gort::make_chan<int>();
  auto b = gort::make_chan<int>();
  std::size_t taken = 99;
  int value = 0;
  std::thread selector([&] {
    taken = gort::select(
        gort::case_recv(a, [&](std::optional<int> v) { value = *v; }),
        gort::case_recv(b, [&](std::optional<int> v) { value = *v; }));
    finished.send(true);
  });
  gort::go([=] { b.send(42); });
  finished.recv();
  selector.join();
  std::printf("thread select: case %zu value %d\n", taken, value);

  // A goroutine feeding a thread, buffered.
  auto out = gort::make_chan<int>(16);
  gort::go([=] {
    for (int i = 0; i < 1000; ++i) out.send(i);
    out.close();
  });
  long total = 0;
  std::thread consumer([&] {
    for (int x : out) total += x;
    finished.send(true);
  });
  finished.recv();
  consumer.join();
  std::printf("thread received sum %ld\n", total);
}
// CHECK: sum via thread: 50005000
// CHECK-NEXT: thread select: case 1 value 42
// CHECK-NEXT: thread received sum 499500
