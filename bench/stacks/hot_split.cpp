// hot_split and the non-split call tax (issue 6), ns per call:
//  * normal:   a small split-stack function called in a loop, off-boundary
//  * hot:      the same call made with the stack pointer just above the
//              segment limit, so every call switches to the cached next
//              segment and back (__morestack hot path)
//  * nonsplit: a small split function with a call into non-split code on
//              a branch never taken (its prologue is linker-patched all the
//              same) vs. the same body without it: the per-call tax; and a
//              function that really calls strlen
// Build: gort++ -O2 hot_split.cpp -o hot_split   Run: ./hot_split
#include <gort/gort.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
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
// The same body with a foreign call on a branch never taken: the linker
// patches the prologue all the same, so the difference is the pure tax.
__attribute__((noinline)) std::size_t cold_foreign(const char* s) {
  if (s[0] == 0) std::abort();
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

long room_at_hot_call = -1;

// Recurses (not a tail call) until fewer than 300 bytes are left above the
// current segment's limit, then calls small_split kN times from there: its
// 512-byte frame cannot fit, so every call goes through __morestack's hot
// path (the younger segment stays cached). room_at_hot_call proves it.
__attribute__((noinline)) int at_boundary(int depth) {
  volatile char pad[64];
  pad[0] = char(depth);
  std::uintptr_t limit;
  asm volatile("movq %%fs:0x70, %0" : "=r"(limit));
  auto sp = reinterpret_cast<std::uintptr_t>(&pad[0]);
  if (sp - limit > 300 && depth < 100000) return at_boundary(depth + 1) + pad[0];
  room_at_hot_call = long(sp - limit);
  hot = ns_per_call(kN, [](long i) { asm volatile("" ::: "memory"); asm volatile("" ::"r"(small_split(int(i)))); });
  return pad[0];
}

int main() {
  gort::wait_group wg;
  wg.add(1);
  double normal = 0, tax = 0, base = 0, strlen_ns = 0;
  gort::go([&] {
    normal = ns_per_call(kN, [](long i) { asm volatile("" ::"r"(small_split(int(i)))); });
    at_boundary(0);
    static const char* volatile s = "hello";
    // Warm up on a big segment first (the tax is measured with no split).
    base = ns_per_call(kN, [](long) { asm volatile("" ::"r"(no_foreign(s))); });
    strlen_ns = ns_per_call(kN, [](long) { asm volatile("" ::"r"(calls_strlen(s))); });
    tax = ns_per_call(kN, [](long) { asm volatile("" ::"r"(cold_foreign(s))); });
    wg.done();
  });
  wg.wait();
  std::printf("RESULT hot_split normal_ns=%.2f hot_ns=%.2f extra_ns=%.2f room_bytes=%ld on_boundary=%d\n",
              normal, hot, hot - normal, room_at_hot_call,
              int(room_at_hot_call >= 0 && room_at_hot_call < 512));
  std::printf("RESULT nonsplit_tax base_ns=%.2f cold_foreign_ns=%.2f tax_ns=%.2f strlen_call_ns=%.2f\n",
              base, tax, tax - base, strlen_ns);
}
