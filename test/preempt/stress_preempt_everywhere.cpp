// Stress: preemption requested every 50 us (GORT_DEBUG=preemptevery)
// while goroutines use every part of the runtime: channels (buffered and
// unbuffered), select, gort::mutex, wait groups, spawning, yields, sleeps,
// mixed with call-free loops (polls) and calls (prologues). In stress mode
// every preemption also walks the stack and fails with `fatal error:
// preemption inside the runtime` if any runtime frame lies below it
// (preempt/yield.cpp); the runtime's own invariants and results are
// checked too. Then the same under ThreadSanitizer (its runtime is built
// with GORT_DEBUG_ASSERTS): no report.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 GORT_DEBUG=preemptevery=50 %t 20000 | FileCheck %s
// RUN: env GORT_MAXPROCS=2 GORT_DEBUG=preemptevery=50 %t 20000 | FileCheck %s
// RUN: env GORT_MAXPROCS=4 GORT_DEBUG=preemptevery=50 %t 20000 | FileCheck %s
// RUN: %gortxx-tsan %s -o %t.tsan
// RUN: env GORT_MAXPROCS=2 GORT_DEBUG=preemptevery=100 %t.tsan 2000 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
// CHECK: sum=ok mutex=ok select=ok children=ok preempted=yes
#include <gort/gort.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace gort::rt { std::uint64_t preemptions(); }

[[gnu::noinline]] std::uint64_t mix(std::uint64_t x) {
  for (int i = 0; i < 50; ++i) x = x * 6364136223846793005ull + 1;
  return x;
}

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 20000;
  constexpr int kProducers = 4;
  auto c = gort::make_chan<long>();       // unbuffered
  auto bc = gort::make_chan<long>(16);    // buffered
  auto quit = gort::make_chan<int>();
  gort::mutex mu;
  long guarded = 0;
  std::atomic<long> children{0};
  std::atomic<std::uint64_t> sink{0};

  gort::wait_group producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.add(1);
    gort::go([&, p] {
      std::uint64_t x = std::uint64_t(p);
      for (long i = 1; i <= n; ++i) {
        // A call-free stretch (polls) and a call (prologue) per item.
        for (int k = 0; k < 64; ++k) x ^= x << 7, x ^= x >> 9;
        x = mix(x);
        if (i % 2) c.send(i); else bc.send(i);
        if (i % 64 == 0) {
          std::lock_guard<gort::mutex> lock(mu);
          long v = guarded;
          for (int k = 0; k < 200; ++k) x += std::uint64_t(k) * x;
          guarded = v + 1;
        }
        if (i % 500 == 0) {
          producers.add(1);
          gort::go([&] { children.fetch_add(1); producers.done(); });
          gort::yield();
        }
        if (i % 5000 == 0) gort::sleep_for(std::chrono::microseconds(50));
      }
      sink.fetch_add(x);
      producers.done();
    });
  }
  // A CPU hog that never blocks: preempted on any number of Ps.
  std::atomic<bool> hog_stop{false};
  gort::wait_group hog;
  hog.add(1);
  gort::go([&] {
    std::uint64_t x = 1;
    while (!hog_stop.load(std::memory_order_relaxed)) x = mix(x) | 1;
    sink.fetch_add(x);
    hog.done();
  });
  gort::go([&] {
    producers.wait();
    hog_stop.store(true);
    hog.wait();
    quit.send(1);
  });

  long sum = 0, received = 0, selects = 0;
  for (bool done = false; !done;) {
    gort::select(
        gort::case_recv(c, [&](std::optional<long> v) { sum += *v; ++received; }),
        gort::case_recv(bc, [&](std::optional<long> v) { sum += *v; ++received; }),
        gort::case_recv(quit, [&](std::optional<int>) { done = true; }));
    ++selects;
  }
  // Whatever is still buffered (the quit may win the select first).
  for (bool empty = false; !empty;)
    gort::select(
        gort::case_recv(bc, [&](std::optional<long> v) { sum += *v; ++received; }),
        gort::case_default([&] { empty = true; }));
  const long want = kProducers * (n * (n + 1) / 2);
  std::printf("sum=%s mutex=%s select=%s children=%s preempted=%s\n",
              sum == want && received == kProducers * n ? "ok" : "WRONG",
              guarded == kProducers * (n / 64) ? "ok" : "WRONG",
              selects >= received ? "ok" : "WRONG",
              children.load() == kProducers * (n / 500) ? "ok" : "WRONG",
              gort::rt::preemptions() > 0 ? "yes" : "no");
  std::fprintf(stderr, "preemptions=%llu\n",
               (unsigned long long)gort::rt::preemptions());
}
