// Four consumers and one producer on std::mutex + std::condition_variable,
// all goroutines. Before, this hung at one and at two Ps: consumers blocked
// their threads in pthread_cond_wait holding the Ps the producer needed.
// Every item is consumed exactly once.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 timeout 120 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=2 timeout 120 %t | FileCheck %s
// CHECK: consumed=4000 sum=7998000 per_consumer_total=4000
#include <gort/gort.hpp>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>

int main() {
  std::mutex mu;
  std::condition_variable not_empty, not_full;
  std::deque<int> q;
  bool done = false;
  constexpr int n = 4000, cap = 16, consumers = 4;
  long sum = 0;
  int consumed = 0;
  int per[consumers] = {};
  gort::wait_group wg;
  wg.add(consumers + 1);
  gort::go([&] {
    for (int i = 0; i < n; ++i) {
      std::unique_lock<std::mutex> lk(mu);
      not_full.wait(lk, [&] { return q.size() < cap; });
      q.push_back(i);
      not_empty.notify_one();
    }
    std::lock_guard<std::mutex> lk(mu);
    done = true;
    not_empty.notify_all();
    wg.done();
  });
  for (int c = 0; c < consumers; ++c) {
    gort::go([&, c] {
      for (;;) {
        std::unique_lock<std::mutex> lk(mu);
        not_empty.wait(lk, [&] { return !q.empty() || done; });
        if (q.empty()) break;
        sum += q.front();
        q.pop_front();
        ++consumed;
        ++per[c];
        not_full.notify_one();
      }
      wg.done();
    });
  }
  wg.wait();
  int per_total = 0;
  for (int c : per) per_total += c;
  std::printf("consumed=%d sum=%ld per_consumer_total=%d\n", consumed, sum, per_total);
}
