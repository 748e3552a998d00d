// condition_variable producer/consumer over a bounded queue: every item is
// consumed exactly once and in order, with producers and consumers parking
// on two condition variables (GORT_MAXPROCS=1 and 2).
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// CHECK: consumed=20000 in_order=1 sum=199990000
#include <gort/gort.hpp>

#include <cstdio>
#include <deque>
#include <mutex>

int main() {
  gort::mutex mu;
  gort::condition_variable not_empty, not_full;
  std::deque<int> q;
  constexpr int n = 20000, cap = 8;
  long sum = 0;
  int consumed = 0, last = -1;
  bool in_order = true;
  gort::wait_group wg;
  wg.add(2);
  gort::go([&] {
    for (int i = 0; i < n; ++i) {
      std::unique_lock lk(mu);
      not_full.wait(lk, [&] { return q.size() < cap; });
      q.push_back(i);
      not_empty.notify_one();
    }
    wg.done();
  });
  gort::go([&] {
    for (int i = 0; i < n; ++i) {
      std::unique_lock lk(mu);
      not_empty.wait(lk, [&] { return !q.empty(); });
      int v = q.front();
      q.pop_front();
      not_full.notify_one();
      in_order &= v == last + 1;
      last = v;
      sum += v;
      ++consumed;
    }
    wg.done();
  });
  wg.wait();
  std::printf("consumed=%d in_order=%d sum=%ld\n", consumed, int(in_order), sum);
}
