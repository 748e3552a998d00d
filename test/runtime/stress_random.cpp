// Randomized stress: goroutines pick random operations — yield, lock a
// mutex and check/advance an invariant (holding it across a switch
// sometimes), read-lock a shared_mutex and check its invariant, spawn a
// child that joins through a wait_group, sleep briefly, wait on a
// condition variable — over 1M operations in all, with GORT_MAXPROCS=1, 2
// and 4 and a different random seed each run. Every invariant violation and
// every lost or duplicated goroutine is counted and reported.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 %t 200 5000 | FileCheck %s
// RUN: env GORT_MAXPROCS=2 %t 200 5000 | FileCheck %s
// RUN: env GORT_MAXPROCS=4 %t 200 5000 | FileCheck %s
// CHECK: ops={{[0-9]+}} violations=0 lost_children=0 lock_count_ok=1
//
// The same under ThreadSanitizer (smaller, TSan is ~10x slower): any data
// race in the runtime or a missed happens-before edge is reported.
// RUN: %gortxx-tsan %s -o %t.tsan
// RUN: env GORT_MAXPROCS=2 %t.tsan 40 2000 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
// RUN: env GORT_MAXPROCS=4 %t.tsan 40 2000 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
#include <gort/gort.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <shared_mutex>

struct shared_state {
  gort::mutex mu;
  long a = 0, b = 0;  // a == b whenever mu is free
  gort::shared_mutex rw;
  long x = 0, y = 0;  // x == y whenever rw is free
  gort::condition_variable cv;
  long tokens = 0;    // guarded by mu
  std::atomic<long> violations{0}, ops{0}, locks{0};
  std::atomic<long> spawned{0}, finished{0};
  gort::wait_group children;
};

std::uint64_t next_rand(std::uint64_t& s) {
  s ^= s << 13;
  s ^= s >> 7;
  s ^= s << 17;
  return s;
}

void worker(shared_state* st, std::uint64_t seed, int n) {
  std::uint64_t r = seed | 1;
  for (int i = 0; i < n; ++i) {
    st->ops.fetch_add(1, std::memory_order_relaxed);
    switch (next_rand(r) % 16) {
      case 0: case 1: case 2:
        gort::yield();
        break;
      case 3: case 4: case 5: case 6: {
        std::lock_guard lk(st->mu);
        if (st->a != st->b) ++st->violations;
        ++st->a;
        if (next_rand(r) % 8 == 0) gort::yield();  // hold across a switch
        ++st->b;
        ++st->locks;
        break;
      }
      case 7: case 8: {
        std::shared_lock lk(st->rw);
        if (st->x != st->y) ++st->violations;
        break;
      }
      case 9: {
        std::unique_lock lk(st->rw);
        ++st->x;
        if (next_rand(r) % 4 == 0) gort::yield();
        ++st->y;
        break;
      }
      case 10: case 11: {
        st->spawned.fetch_add(1);
        st->children.add(1);
        gort::go([st] {
          st->finished.fetch_add(1);
          st->children.done();
        });
        break;
      }
      case 12:
        if (next_rand(r) % 64 == 0)
          gort::sleep_for(std::chrono::microseconds(next_rand(r) % 200));
        break;
      case 13: {  // produce a token
        std::lock_guard lk(st->mu);
        ++st->tokens;
        st->cv.notify_one();
        break;
      }
      default: {  // consume a token if one comes within 1 ms
        std::unique_lock lk(st->mu);
        if (st->cv.wait_for(lk, std::chrono::milliseconds(1),
                            [&] { return st->tokens > 0; })) {
          if (st->tokens <= 0) ++st->violations;
          --st->tokens;
        }
        break;
      }
    }
  }
}

int main(int argc, char** argv) {
  int workers = argc > 1 ? std::atoi(argv[1]) : 200;
  int per = argc > 2 ? std::atoi(argv[2]) : 5000;
  auto seed = std::uint64_t(
      std::chrono::steady_clock::now().time_since_epoch().count());
  std::fprintf(stderr, "seed=%llu\n", (unsigned long long)seed);
  auto* st = new shared_state;
  gort::wait_group wg;
  wg.add(workers);
  for (int w = 0; w < workers; ++w) {
    std::uint64_t s = seed + 0x9E3779B97F4A7C15ull * std::uint64_t(w + 1);
    gort::go([st, &wg, s, per] { worker(st, s, per); wg.done(); });
  }
  wg.wait();
  st->children.wait();
  long lost = st->spawned.load() - st->finished.load();
  bool lock_ok = st->a == st->locks.load() && st->b == st->a;
  if (st->x != st->y) ++st->violations;
  if (st->tokens < 0) ++st->violations;
  std::printf("ops=%ld violations=%ld lost_children=%ld lock_count_ok=%d\n",
              st->ops.load(), st->violations.load(), lost, int(lock_ok));
}
