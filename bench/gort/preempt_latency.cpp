// preempt_latency (BENCH.md section 9): with one processor, a CPU-bound
// goroutine that never blocks (mode `nocall`, the default: a call-free
// xorshift loop, preempted by the loop poll; mode `call`: a loop calling a
// function that is not inlined, preempted at its prologue) and a goroutine
// that wants to run every 1 ms (sleep 1 ms, record how late it woke up).
// Over 2 s: value = the largest lateness in ms; extras p99_ms, median_ms,
// samples. Without preemption the ticker would never run again (the run
// times out; check=FAIL below 10 samples).
#include <gort/gort.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "gort_bench.hpp"

namespace {

std::atomic<bool> stop{false};
std::atomic<std::uint64_t> sink{0};

[[gnu::noinline]] std::uint64_t step(std::uint64_t x) {
  asm volatile("" : "+r"(x));
  return bench::xorshift64(x);
}

void spin_call_free() {
  std::uint64_t x = 1;
  while (!stop.load(std::memory_order_relaxed)) x = bench::xorshift64(x);
  sink.store(x);
}

void spin_with_calls() {
  std::uint64_t x = 1;
  while (!stop.load(std::memory_order_relaxed)) x = step(x);
  sink.store(x);
}

}  // namespace

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv, "nocall");
  gort::set_max_procs(1);  // the workload is defined on one processor
  if (args.mode != "call" && args.mode != "nocall") {
    std::fprintf(stderr, "preempt_latency: mode is call or nocall, not %s\n", args.mode.c_str());
    return 2;
  }
  const bool calls = args.mode == "call";
  constexpr std::int64_t kPeriodNs = 1'000'000, kDurationNs = 2'000'000'000;
  std::vector<double> delay_ms;
  delay_ms.reserve(4096);
  gort::wait_group wg;
  wg.add(2);
  gort::go([&] {
    if (calls) spin_with_calls(); else spin_call_free();
    wg.done();
  });
  gort::go([&] {
    std::int64_t start = bench::now_ns();
    while (bench::now_ns() - start < kDurationNs) {
      std::int64_t want = bench::now_ns() + kPeriodNs;
      gort::sleep_for(std::chrono::nanoseconds(kPeriodNs));
      delay_ms.push_back(double(bench::now_ns() - want) / 1e6);
    }
    stop.store(true);
    wg.done();
  });
  wg.wait();
  std::sort(delay_ms.begin(), delay_ms.end());
  bench::result r("preempt_latency", "gort", "ms", 1);
  bool ok = delay_ms.size() >= 10;
  r.check(ok);
  if (ok) {
    r.value(delay_ms.back());
    r.extra("p99_ms", delay_ms[delay_ms.size() * 99 / 100]);
    r.extra("median_ms", delay_ms[delay_ms.size() / 2]);
  }
  r.extra("samples", static_cast<long long>(delay_ms.size()));
  r.extra("mode", args.mode);
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
