// max_procs follows GORT_MAXPROCS; set_max_procs returns the previous value
// and changes it at run time (work still runs after shrinking and
// growing); num_goroutine counts live goroutines; goroutine_id is 1 in
// main, distinct in others, 0 on a plain thread.
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=3 %t | FileCheck %s
// CHECK: max_procs=3
// CHECK-NEXT: set_max_procs(1) returned 3, now 1
// CHECK-NEXT: ran 1000 on 1 P
// CHECK-NEXT: set_max_procs(4) returned 1, now 4
// CHECK-NEXT: ran 1000 on 4 Ps
// CHECK-NEXT: set_max_procs(0) returned 4, now 4
// CHECK-NEXT: main id=1 fresh count=1
// CHECK-NEXT: count with 10 blocked=11
// CHECK-NEXT: ids distinct=1 none is 1=1
// CHECK-NEXT: plain thread id=0
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>
#include <set>
#include <thread>

int run_many() {
  std::atomic<int> n{0};
  gort::wait_group wg;
  wg.add(1000);
  for (int i = 0; i < 1000; ++i) gort::go([&] { ++n; wg.done(); });
  wg.wait();
  return n;
}

int main() {
  std::printf("max_procs=%d\n", gort::max_procs());
  int prev = gort::set_max_procs(1);
  std::printf("set_max_procs(1) returned %d, now %d\n", prev, gort::max_procs());
  std::printf("ran %d on 1 P\n", run_many());
  prev = gort::set_max_procs(4);
  std::printf("set_max_procs(4) returned %d, now %d\n", prev, gort::max_procs());
  std::printf("ran %d on 4 Ps\n", run_many());
  prev = gort::set_max_procs(0);
  std::printf("set_max_procs(0) returned %d, now %d\n", prev, gort::max_procs());

  while (gort::num_goroutine() > 1) gort::yield();
  std::printf("main id=%llu fresh count=%zu\n",
              (unsigned long long)gort::goroutine_id(), gort::num_goroutine());
  gort::wait_group gate, started;
  gate.add(1);
  started.add(10);
  gort::mutex mu;
  std::set<std::uint64_t> ids;
  for (int i = 0; i < 10; ++i)
    gort::go([&] {
      { std::lock_guard g(mu); ids.insert(gort::goroutine_id()); }
      started.done();
      gate.wait();
    });
  started.wait();
  std::printf("count with 10 blocked=%zu\n", gort::num_goroutine());
  std::printf("ids distinct=%d none is 1=%d\n", int(ids.size() == 10), int(!ids.count(1)));
  gate.done();
  std::uint64_t tid = 99;
  std::thread([&] { tid = gort::goroutine_id(); }).join();
  std::printf("plain thread id=%llu\n", (unsigned long long)tid);
}
