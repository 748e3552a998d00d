// preempt_latency (issue 15): with one processor, a CPU-bound goroutine
// that never blocks (mode `loop`: a call-free loop, preempted by the loop
// poll; mode `calls`: a loop calling a function that is not inlined,
// preempted at its prologue) and a goroutine that wants to run every 1 ms
// (sleep 1 ms, measure how late it woke up). Over 2 s: value = p99 of the
// scheduling delay in microseconds; max_us, median_us, samples. Without
// preemption the ticker would never run again (check=FAIL: < 10 samples).
#include <gort/gort.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
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
  auto args = bench::parse_args(argc, argv, "loop");
  gort::set_max_procs(1);  // the workload is defined on one processor
  const bool calls = args.mode == "calls";
  constexpr std::int64_t kPeriodNs = 1'000'000, kDurationNs = 2'000'000'000;
  std::vector<double> delay_us;
  delay_us.reserve(4096);
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
      delay_us.push_back(double(bench::now_ns() - want) / 1000.0);
    }
    stop.store(true);
    wg.done();
  });
  wg.wait();
  std::sort(delay_us.begin(), delay_us.end());
  bench::result r("preempt_latency", "gort", "us", 1);
  bool ok = delay_us.size() >= 10;
  r.check(ok);
  if (ok) {
    r.value(delay_us[delay_us.size() * 99 / 100]);
    r.extra("max_us", delay_us.back());
    r.extra("median_us", delay_us[delay_us.size() / 2]);
  }
  r.extra("samples", static_cast<long long>(delay_us.size()));
  r.extra("mode", args.mode);
  return r.print();
}
