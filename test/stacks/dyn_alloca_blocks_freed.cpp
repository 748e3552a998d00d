// alloca and VLAs that do not fit on a goroutine's segment get malloc'd
// blocks (__morestack_allocate_stack_space); gort++'s pass frees them when
// the frame or VLA scope that asked for them ends. Before, they were freed
// only at goroutine exit: 2,000 calls of a function with alloca(1000000)
// grew RSS to 1.9 GB. Counted, not timed: the number of blocks on the
// goroutine's list (gort_debug_dyn_blocks) after every call is back to what
// it was, its peak while a 1 MiB VLA is live is 1, and the data written to
// every block reads back right, in three goroutines migrating between two
// threads (a yield while a block is live). Off-goroutine, a signal handler
// on a plain thread's alternate stack (the only split-stack state a plain
// thread has) uses a per-thread list with the same discipline.
// UNSUPPORTED: asan-mode
// RUN: %gortxx -O0 -Wno-vla-cxx-extension %s -o %t.O0
// RUN: env GORT_MAXPROCS=2 %t.O0 2>&1 | FileCheck %s
// RUN: %gortxx -O2 -Wno-vla-cxx-extension %s -o %t.O2
// RUN: env GORT_MAXPROCS=2 %t.O2 2>&1 | FileCheck %s
// CHECK-NOT: fatal error
// CHECK-DAG: g0 vla-call: calls 10000 peak 1 leaked no data ok
// CHECK-DAG: g0 alloca-call: calls 10000 peak 1 leaked no data ok
// CHECK-DAG: g0 vla-in-loop: calls 10000 peak 1 leaked no data ok
// CHECK-DAG: g0 vla-inlined: calls 10000 peak 1 leaked no data ok
// CHECK-DAG: g1 vla-call: calls 10000 peak 1 leaked no data ok
// CHECK-DAG: g1 alloca-call: calls 10000 peak 1 leaked no data ok
// CHECK-DAG: g1 vla-in-loop: calls 10000 peak 1 leaked no data ok
// CHECK-DAG: g1 vla-inlined: calls 10000 peak 1 leaked no data ok
// CHECK-DAG: g2 vla-call: calls 10000 peak 1 leaked no data ok
// CHECK-DAG: g2 alloca-call: calls 10000 peak 1 leaked no data ok
// CHECK-DAG: g2 vla-in-loop: calls 10000 peak 1 leaked no data ok
// CHECK-DAG: g2 vla-inlined: calls 10000 peak 1 leaked no data ok
// CHECK: signal-handler vla-call: calls 200 peak 1 leaked no data ok
// CHECK: done
#include <gort/gort.hpp>

#include <alloca.h>
#include <signal.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <thread>

extern "C" std::size_t gort_debug_dyn_blocks() noexcept;

constexpr std::size_t kMiB = std::size_t(1) << 20;
constexpr int kCalls = 10000;

struct tally {
  int calls = 0;
  std::size_t peak = 0;
  int leaked_at = -1;  // the first call after which a block was left
  bool data_ok = true;

  void print(const char* who, const char* what) const {
    char leaked[32];
    if (leaked_at < 0) std::snprintf(leaked, sizeof leaked, "no");
    else std::snprintf(leaked, sizeof leaked, "at call %d", leaked_at);
    std::printf("%s %s: calls %d peak %zu leaked %s data %s\n", who, what, calls,
                peak, leaked, data_ok ? "ok" : "WRONG");
  }
};

// A pattern every 512 bytes and in the last byte; `stride` 512 touches
// every page of the block.
[[gnu::noinline]] void fill(char* p, std::size_t n, int seed, std::size_t stride) {
  for (std::size_t j = 0; j < n; j += stride) p[j] = char(seed + j / stride);
  p[n - 1] = char(seed * 7);
}
[[gnu::noinline]] bool same(const char* p, std::size_t n, int seed,
                            std::size_t stride) {
  for (std::size_t j = 0; j < n; j += stride)
    if (p[j] != char(seed + j / stride)) return false;
  return p[n - 1] == char(seed * 7);
}

// The blocks this frame holds (beyond the caller's `base`), at its peak.
void note_peak(tally& t, std::size_t base) {
  t.peak = std::max(t.peak, gort_debug_dyn_blocks() - base);
}

[[gnu::noinline]] bool vla_call(std::size_t n, int seed, std::size_t base,
                                tally& t, std::size_t stride = 512) {
  char buf[n];
  fill(buf, n, seed, stride);
  if (seed % 1000 == 0) gort::yield();
  note_peak(t, base);
  return same(buf, n, seed, stride);
}

[[gnu::noinline]] bool alloca_call(std::size_t n, int seed, std::size_t base,
                                   tally& t) {
  char* buf = static_cast<char*>(alloca(n));
  fill(buf, n, seed, 512);
  if (seed % 1000 == 0) gort::yield();
  note_peak(t, base);
  return same(buf, n, seed, 512);
}

// Inlined even at -O0: the inliner wraps the VLA in stacksave/stackrestore
// inside the caller's loop.
[[gnu::always_inline]] inline bool vla_inlined(std::size_t n, int seed,
                                               std::size_t base, tally& t) {
  char buf[n];
  fill(buf, n, seed, 512);
  note_peak(t, base);
  return same(buf, n, seed, 512);
}

template <class Call>
tally call_in_loop(Call call, int calls) {
  tally t;
  std::size_t base = gort_debug_dyn_blocks();
  for (int i = 0; i < calls; ++i) {
    t.data_ok &= call(i, base, t);
    ++t.calls;
    if (gort_debug_dyn_blocks() != base) {
      t.leaked_at = i;
      break;
    }
  }
  return t;
}

// A VLA in a loop body: its scope ends every iteration.
[[gnu::noinline]] tally vla_in_loop(std::size_t n) {
  tally t;
  std::size_t base = gort_debug_dyn_blocks();
  for (int i = 0; i < kCalls; ++i) {
    if (gort_debug_dyn_blocks() != base) {
      t.leaked_at = i - 1;
      break;
    }
    char buf[n];
    fill(buf, n, i, 512);
    if (i % 1000 == 0) gort::yield();
    note_peak(t, base);
    t.data_ok &= same(buf, n, i, 512);
    ++t.calls;
  }
  if (t.leaked_at < 0 && gort_debug_dyn_blocks() != base) t.leaked_at = kCalls - 1;
  return t;
}

[[gnu::noinline]] tally vla_inlined_loop(std::size_t n) {
  return call_in_loop([n](int i, std::size_t base, tally& t) {
    return vla_inlined(n, i, base, t);
  }, kCalls);
}

void run_all(const char* who, std::size_t n) {
  call_in_loop([n](int i, std::size_t base, tally& t) {
    return vla_call(n, i, base, t);
  }, kCalls).print(who, "vla-call");
  call_in_loop([n](int i, std::size_t base, tally& t) {
    return alloca_call(n, i, base, t);
  }, kCalls).print(who, "alloca-call");
  vla_in_loop(n).print(who, "vla-in-loop");
  vla_inlined_loop(n).print(who, "vla-inlined");
}

int main() {
  // The size comes from outside, so no compiler folds it into a static frame.
  volatile std::size_t mib = kMiB;
  gort::wait_group wg;
  static const char* const names[] = {"g0", "g1", "g2"};
  for (const char* name : names) {
    wg.add(1);
    gort::go([&wg, name, n = std::size_t(mib)] {
      run_all(name, n);
      wg.done();
    });
  }
  wg.wait();
  // Off-goroutine: a plain thread has no stack limit (a VLA is plain stack),
  // but a handler runs on the thread's 64 KiB alternate stack with one, so
  // 256 KiB there are a block. raise() runs the handler synchronously.
  std::thread([n = std::size_t(mib) / 4] {
    static std::size_t vla_bytes;
    static tally* current;
    static std::size_t handler_base;
    vla_bytes = n;
    struct sigaction sa{};
    sa.sa_handler = [](int) {
      current->data_ok &=
          vla_call(vla_bytes, current->calls, handler_base, *current, 4096);
    };
    sigaction(SIGUSR1, &sa, nullptr);
    tally t;
    current = &t;
    handler_base = gort_debug_dyn_blocks();
    for (int i = 0; i < 200; ++i) {
      raise(SIGUSR1);
      ++t.calls;
      if (gort_debug_dyn_blocks() != handler_base) {
        t.leaked_at = i;
        break;
      }
    }
    t.print("signal-handler", "vla-call");
  }).join();
  std::printf("done\n");
}
