// Preemption forced every 50 us (GORT_DEBUG=preemptevery) with two Ps, so
// goroutines are preempted and migrate all the time: in deep recursion that
// keeps switching stack segments (and grows new ones), while an exception
// propagates through frames whose destructors compute, while holding a
// gort::mutex, in call-free loops. Every result must be exact, and the
// stress mode's own check (no runtime frame below a preemption point,
// preempt/yield.cpp) must never fire.
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=2 GORT_DEBUG=preemptevery=50 timeout 300 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 GORT_DEBUG=preemptevery=50 timeout 300 %t | FileCheck %s
// CHECK: recursion: exact
// CHECK: exceptions: exact
// CHECK: mutex: exact
// CHECK: preempted: yes
#include <gort/gort.hpp>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

namespace gort::rt { std::uint64_t preemptions(); }

// Deep recursion with a frame big enough to cross segments often; the
// call-free inner loop polls.
[[gnu::noinline]] std::uint64_t deep(int depth, std::uint64_t seed) {
  volatile char pad[512];
  pad[0] = char(seed);
  std::uint64_t x = seed;
  for (int i = 0; i < 200; ++i) x = x * 6364136223846793005ull + 1442695040888963407ull;
  if (depth == 0) return x + std::uint64_t(pad[0]);
  return deep(depth - 1, x) ^ (x + std::uint64_t(pad[0]));
}

std::uint64_t deep_expected(int depth, std::uint64_t seed) {
  // The same computation, run once before the stress (same code path).
  return deep(depth, seed);
}

struct busy_dtor {
  std::uint64_t* sink;
  ~busy_dtor() {
    std::uint64_t x = *sink;
    for (int i = 0; i < 20000; ++i) x = x * 2862933555777941757ull + 3037000493ull;
    *sink = x;
  }
};

[[gnu::noinline]] void throw_through(int depth, std::uint64_t* sink) {
  busy_dtor d{sink};
  if (depth == 0) throw std::runtime_error("bottom");
  throw_through(depth - 1, sink);
}

std::uint64_t run_exceptions(int rounds) {
  std::uint64_t sink = 1;
  for (int r = 0; r < rounds; ++r) {
    try {
      throw_through(30, &sink);
    } catch (const std::runtime_error&) {
      sink += 7;
    }
  }
  return sink;
}

int main() {
  constexpr int kG = 8;
  const std::uint64_t want = deep_expected(3000, 42);
  const std::uint64_t want_exc = run_exceptions(200);

  std::atomic<int> rec_ok{0}, exc_ok{0};
  gort::mutex mu;
  long shared = 0;
  gort::wait_group wg;
  for (int g = 0; g < kG; ++g) {
    wg.add(3);
    gort::go([&] {
      for (int i = 0; i < 40; ++i)
        if (deep(3000, 42) == want) rec_ok.fetch_add(1);
      wg.done();
    });
    gort::go([&] {
      if (run_exceptions(200) == want_exc) exc_ok.fetch_add(1);
      wg.done();
    });
    gort::go([&] {
      for (int i = 0; i < 1000; ++i) {
        std::lock_guard<gort::mutex> lock(mu);
        long v = shared;
        // A call-free loop while holding the mutex: preemptible.
        for (volatile int spin = 0; spin < 2000; spin = spin + 1) {
        }
        shared = v + 1;
      }
      wg.done();
    });
  }
  wg.wait();
  std::printf("recursion: %s\n", rec_ok.load() == kG * 40 ? "exact" : "WRONG");
  std::printf("exceptions: %s\n", exc_ok.load() == kG ? "exact" : "WRONG");
  std::printf("mutex: %s\n", shared == kG * 1000 ? "exact" : "WRONG");
  std::fprintf(stderr, "preemptions: %llu\n", (unsigned long long)gort::rt::preemptions());
  std::printf("preempted: %s\n", gort::rt::preemptions() > 0 ? "yes" : "no");
}
