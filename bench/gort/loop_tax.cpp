// loop_tax (BENCH.md section 9): what the preemption polls on loop
// back-edges cost. Each kernel is compiled twice from the same body, once
// as usual (gort++ puts a poll on the back-edge of its call-free loops) and
// once marked GORT_NOPREEMPT (no polls); runs alternate between the two,
// and each kernel's ratio is best(time with polls) / best(time without),
// best of 5 each, on the monotonic clock. Kernels: an integer sum over
// 64 MiB, a float dot product that vectorises (two 64 MiB vectors), a
// byte scan for a zero over 64 MiB, and fanout_cpu's xorshift64 tasks as
// goroutines (BENCH.md section 7: 2 x ncpu tasks, 200,000,000 steps in
// all, here on one processor). value = with / without over the four
// kernels: the geometric mean of their ratios (each kernel's ratio is in
// the line, and max_ratio the worst).
//
// Loops start on a 64-byte line in both copies: where the linker happened
// to put each copy's loop decided int_sum by itself (a vector loop of 52
// bytes that crosses a line runs ~25% slower on a Zen 3: 0.85x one build,
// 1.38x the next, with identical loop code), which measures placement, not
// polls.
// bench-cxxflags: -falign-loops=64
#include <gort/gort.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "fanout.hpp"
#include "gort_bench.hpp"

namespace {

// KERNEL(ret, name, params, body): name_poll and name_nopoll, same body.
#define KERNEL(ret, name, params, ...)                      \
  [[gnu::noinline]] ret name##_poll params __VA_ARGS__      \
  [[gnu::noinline]] GORT_NOPREEMPT ret name##_nopoll params __VA_ARGS__

KERNEL(std::int64_t, int_sum, (const std::int32_t* a, std::size_t n), {
  std::int64_t s = 0;
  for (std::size_t i = 0; i < n; ++i) s += a[i];
  return s;
})

KERNEL(float, dot, (const float* a, const float* b, std::size_t n), {
  _Pragma("clang fp reassociate(on)")  // lets the reduction vectorise
  float s = 0;
  for (std::size_t i = 0; i < n; ++i) s += a[i] * b[i];
  return s;
})

// strlen-like (a byte at a time up to the terminator) with a count of one
// byte value on the way, so that the compiler does not turn it into a call
// of libc's strlen (which has no loop of ours to poll).
KERNEL(std::size_t, byte_scan, (const char* s), {
  std::size_t n = 0, hits = 0;
  for (char c; (c = s[n]) != 0; ++n) hits += c == 'b';
  return n + hits;
})

KERNEL(std::uint64_t, xorshift_run, (std::uint64_t x, std::uint64_t n), {
  for (std::uint64_t k = 0; k < n; ++k) x = bench::xorshift64(x);
  return x;
})

// Called through volatile pointers, so that neither copy is specialised for
// its call sites (GORT_NOPREEMPT's annotation takes the address of one copy,
// which alone would keep the other's constant propagation from it).
std::int64_t (*volatile int_sum_fn[2])(const std::int32_t*, std::size_t) = {
    int_sum_poll, int_sum_nopoll};
float (*volatile dot_fn[2])(const float*, const float*, std::size_t) = {
    dot_poll, dot_nopoll};
std::size_t (*volatile byte_scan_fn[2])(const char*) = {byte_scan_poll,
                                                        byte_scan_nopoll};
std::uint64_t (*volatile xorshift_fn[2])(std::uint64_t, std::uint64_t) = {
    xorshift_run_poll, xorshift_run_nopoll};

template <class F>
double time_ms(F&& f) {
  std::int64_t t0 = bench::now_ns();
  f();
  return double(bench::now_ns() - t0) / 1e6;
}

std::uint64_t fanout(bool polls) {
  const int tasks = bench::fanout_tasks();
  const std::uint64_t per = bench::fanout_total_iters / tasks;
  std::vector<std::uint64_t> res(tasks);
  gort::wait_group wg;
  wg.add(tasks);
  for (int i = 0; i < tasks; ++i)
    gort::go([&, i] {
      std::uint64_t x = std::uint64_t(i) + 1;
      res[i] = xorshift_fn[polls ? 0 : 1](x, per);
      wg.done();
    });
  wg.wait();
  std::uint64_t sum = 0;
  for (auto x : res) sum ^= x;
  return sum;
}

volatile std::uint64_t sink;

}  // namespace

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(1);
  constexpr int kReps = 5;
  constexpr std::size_t kMiB64 = std::size_t(64) << 20;
  constexpr std::size_t kN = kMiB64 / sizeof(std::int32_t);  // 64 MiB of int32 or float
  std::vector<std::int32_t> ints(kN);
  std::vector<float> fa(kN), fb(kN);
  std::vector<char> text(kMiB64, 'a');
  text.back() = 0;
  for (std::size_t i = 0; i < kN; ++i) {
    ints[i] = std::int32_t(i * 2654435761u);
    fa[i] = float(i % 97) * 0.5f;
    fb[i] = float(i % 89) * 0.25f;
  }
  bool ok = true;
  struct kernel { const char* name; double best[2] = {1e300, 1e300}; };
  kernel ks[4] = {{"int_sum"}, {"dot"}, {"byte_scan"}, {"fanout_cpu"}};
  for (int rep = 0; rep < kReps; ++rep) {
    for (int v = 0; v < 2; ++v) {
      bool polls = (rep + v) % 2 == 0;  // alternate which goes first
      int w = polls ? 0 : 1;
      std::int64_t is = 0;
      ks[0].best[w] = std::min(ks[0].best[w], time_ms([&] { is = int_sum_fn[w](ints.data(), kN); }));
      float fs = 0;
      ks[1].best[w] =
          std::min(ks[1].best[w], time_ms([&] { fs = dot_fn[w](fa.data(), fb.data(), kN); }));
      std::size_t bs = 0;
      ks[2].best[w] = std::min(ks[2].best[w], time_ms([&] { bs = byte_scan_fn[w](text.data()); }));
      std::uint64_t fo = 0;
      ks[3].best[w] = std::min(ks[3].best[w], time_ms([&] { fo = fanout(polls); }));
      if (bs != kMiB64 - 1) ok = false;
      sink = std::uint64_t(is) ^ std::uint64_t(fs) ^ fo;
    }
  }
  // Same results with and without polls.
  if (int_sum_fn[0](ints.data(), kN) != int_sum_fn[1](ints.data(), kN)) ok = false;
  if (dot_fn[0](fa.data(), fb.data(), kN) != dot_fn[1](fa.data(), fb.data(), kN)) ok = false;
  if (fanout(true) != fanout(false)) ok = false;

  double log_sum = 0, worst = 0;
  bench::result r("loop_tax", "gort", "ratio", 1);
  for (auto& k : ks) {
    double ratio = k.best[0] / k.best[1];
    log_sum += std::log(ratio);
    worst = std::max(worst, ratio);
    r.extra(k.name, ratio);
    r.extra((std::string(k.name) + "_ms").c_str(), k.best[1]);
  }
  r.value(std::exp(log_sum / 4));
  r.extra("max_ratio", worst);
  r.extra("stack_kb", bench::gort_stack_kb());
  r.check(ok);
  (void)args;
  return r.print();
}
