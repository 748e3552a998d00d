// hot_split and the non-split call tax (issue 6), ns per call:
//  * normal:   a small split-stack function called in a loop, off-boundary
//  * hot:      the same call made with the stack pointer just above the
//              segment limit, so every call switches to the cached next
//              segment and back (__morestack hot path)
//  * nonsplit: a small split function that calls strlen (linker-patched to
//              __morestack_non_split on every call) vs. the same body
//              without the foreign call
// Build: gort++ -O2 hot_split.cpp -o hot_split   Run: ./hot_split
#include <gort/gort.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>

extern "C" {
__attribute__((noinline)) int leafish(int x) {
  volatile int y = x;
  return y + 1;
}
// A 512-byte frame: its prologue asks for 512 bytes above the limit.
__attribute__((noinline)) int small_split(int x) {
  volatile char buf[512];
  buf[x & 511] = char(x);
  return leafish(buf[0]) + 1;
}
__attribute__((noinline)) std::size_t calls_strlen(const char* s) {
  return std::strlen(s) + 1;
}
__attribute__((noinline)) std::size_t no_foreign(const char* s) {
  return std::size_t(leafish(s[0])) + 1;
}
}

template <class F>
double ns_per_call(long n, F f) {
  auto t0 = std::chrono::steady_clock::now();
  for (long i = 0; i < n; ++i) f(i);
  auto t1 = std::chrono::steady_clock::now();
  return std::chrono::duration<double, std::nano>(t1 - t0).count() / double(n);
}

constexpr long kN = 10'000'000;
double hot = 0;

// Recurses until the remaining room on the current segment is `room`
// bytes, then calls small_split kN times from there.
__attribute__((noinline)) void at_boundary(int depth) {
  volatile char pad[64];
  pad[0] = 0;
  std::uintptr_t limit;
  asm volatile("movq %%fs:0x70, %0" : "=r"(limit));
  auto sp = reinterpret_cast<std::uintptr_t>(&pad[0]);
  if (sp - limit > 400 && depth < 100000) return at_boundary(depth + 1);
  hot = ns_per_call(kN, [](long i) { asm volatile("" ::: "memory"); asm volatile("" ::"r"(small_split(int(i)))); });
}

int main() {
  gort::wait_group wg;
  wg.add(1);
  double normal = 0, tax = 0, base = 0;
  gort::go([&] {
    normal = ns_per_call(kN, [](long i) { asm volatile("" ::"r"(small_split(int(i)))); });
    at_boundary(0);
    static const char* volatile s = "hello";
    // Warm up on a big segment first (the tax is measured with no split).
    base = ns_per_call(kN, [](long) { asm volatile("" ::"r"(no_foreign(s))); });
    tax = ns_per_call(kN, [](long) { asm volatile("" ::"r"(calls_strlen(s))); });
    wg.done();
  });
  wg.wait();
  std::printf("RESULT hot_split normal_ns=%.2f hot_ns=%.2f extra_ns=%.2f\n", normal, hot, hot - normal);
  std::printf("RESULT nonsplit_tax base_ns=%.2f strlen_call_ns=%.2f\n", base, tax);
}
