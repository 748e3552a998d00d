// Counted loops are strip-mined (docs/design/preemption.md, "The loop
// poll"): the exit compare runs against the end of the current chunk, and
// the limit is looked at between chunks, so an iteration costs nothing
// more. Results must be exact for every trip count, around the chunk sizes
// too: each kernel is built twice from the same body (polls, and
// GORT_NOPREEMPT: none) and both must agree for n = 0..3 chunks + a few.
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: %gortxx -fno-discard-value-names -S -emit-llvm -o - %s | FileCheck %s --check-prefix=IR
// CHECK: mismatches 0
// CHECK-NEXT: checked {{[1-9][0-9]+}} trip counts
//
// The vector loop of sum_poll: strip-mined (no count), the scalar one too.
// IR-LABEL: define {{.*}}@_ZL8sum_pollPKim(
// IR-NOT: gort.poll.ctr
// IR: vector.body:
// IR: icmp eq i64 %index.next, %gort.strip.cur
// IR: gort.strip.chunk:
// IR: load atomic i32, ptr addrspace(257) inttoptr (i64 116 to ptr addrspace(257)) monotonic
// IR: call preserve_allcc void @gort_preempt_poll()
// IR-LABEL: define {{.*}}@_ZL10sum_nopollPKim(
#include <gort/gort.hpp>

#include <cstdint>
#include <cstdio>
#include <vector>

#define KERNEL(ret, name, params, ...)                            \
  [[gnu::noinline]] static ret name##_poll params __VA_ARGS__     \
  [[gnu::noinline]] GORT_NOPREEMPT static ret name##_nopoll params __VA_ARGS__

// Vectorised, with a scalar remainder: step 4 (or 8) up.
KERNEL(std::int64_t, sum, (const std::int32_t* a, std::size_t n), {
  std::int64_t s = 0;
  for (std::size_t i = 0; i < n; ++i) s += a[i];
  return s;
})

// Counting down, a serial dependence (not vectorised).
KERNEL(std::uint64_t, down, (std::uint64_t x, std::int64_t n), {
  for (std::int64_t k = n; k != 0; --k) x = x * 6364136223846793005u + 1442695040888963407u;
  return x;
})

// Step 3 from an offset, 32-bit.
KERNEL(std::uint32_t, step3, (const std::uint32_t* a, std::int32_t lo, std::int32_t n), {
  std::uint32_t h = 7;
  for (std::int32_t i = lo; i < lo + 3 * n; i += 3) h = (h ^ a[i]) * 16777619u;
  return h;
})

// Unsigned, from start to end (end may be below start: no iterations).
KERNEL(std::uint64_t, range, (std::uint32_t s, std::uint32_t e), {
  std::uint64_t h = 1;
  for (std::uint32_t i = s; i < e; ++i) h = h * 31 + i;
  return h;
})

std::int64_t (*volatile sum_fn[2])(const std::int32_t*, std::size_t) = {sum_poll, sum_nopoll};
std::uint64_t (*volatile down_fn[2])(std::uint64_t, std::int64_t) = {down_poll, down_nopoll};
std::uint32_t (*volatile step3_fn[2])(const std::uint32_t*, std::int32_t, std::int32_t) = {step3_poll, step3_nopoll};
std::uint64_t (*volatile range_fn[2])(std::uint32_t, std::uint32_t) = {range_poll, range_nopoll};

int main() {
  const std::size_t kMaxN = 3 * 32768 + 37;  // 3 chunks of 4096 x 8
  std::vector<std::int32_t> ints(kMaxN);
  std::vector<std::uint32_t> words(3 * kMaxN + 8);
  for (std::size_t i = 0; i < ints.size(); ++i) ints[i] = std::int32_t(i * 2654435761u);
  for (std::size_t i = 0; i < words.size(); ++i) words[i] = std::uint32_t(i * 40503u + 1);
  int mismatches = 0, checked = 0;
  // Every n near a multiple of 4096 (chunks are at most 4096 iterations,
  // of 1 to 8 elements), a stride of 97 between.
  for (std::size_t n = 0; n < kMaxN; n += (n % 4096 < 12 || n % 4096 > 4084) ? 1 : 97) {
    ++checked;
    if (sum_fn[0](ints.data(), n) != sum_fn[1](ints.data(), n)) ++mismatches;
    if (down_fn[0](n, std::int64_t(n)) != down_fn[1](n, std::int64_t(n))) ++mismatches;
    if (step3_fn[0](words.data(), 2, std::int32_t(n)) != step3_fn[1](words.data(), 2, std::int32_t(n))) ++mismatches;
    if (range_fn[0](5, std::uint32_t(n)) != range_fn[1](5, std::uint32_t(n))) ++mismatches;
  }
  std::printf("mismatches %d\nchecked %d trip counts\n", mismatches, checked);
}
