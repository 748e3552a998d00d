// A split function that calls code built without -fsplit-stack (libc,
// libstdc++, the unwinder's _Unwind_Resume in every function with a
// cleanup) has its prologue rewritten by the linker to enter through
// __morestack_non_split. Every segment keeps kNonSplitStack bytes below
// its limit, so such a function runs in place on a goroutine's first
// segment: a goroutine that calls into libc and then parks costs one
// resident stack page, not a second segment. Checked from the room a frame
// has above the stack limit (%fs:0x70): under 4 KiB on the first segment
// (GORT_STACK_MIN's default), about 64 KiB on a segment it grew into.
// Also: a non-split function reached through a pointer (unseen by the
// linker) gets the same 32 KiB.
// RUN: %gortxx -fno-split-stack -c %S/Inputs/nonsplit_lib.cpp -o %t.lib.o
// RUN: %gortxx %s %t.lib.o -o %t && %t | FileCheck %s
// CHECK: caller: first segment
// CHECK: calls_strlen: first segment
// CHECK: has_cleanup: first segment
// CHECK: allocates: first segment
// CHECK: foreign 24 KiB through a pointer: ok
// CHECK: parked goroutines: 1000 of 1000 on their first segment
#include <gort/gort.hpp>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

extern "C" long foreign_stack_hog(int kb);
long (*volatile hog)(int) = foreign_stack_hog;

// Bytes between the calling frame and the current segment's limit.
[[gnu::always_inline]] inline std::uintptr_t here() {
  std::uintptr_t limit;
  asm volatile("movq %%fs:0x70, %0" : "=r"(limit));
  return reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0)) - limit;
}

const char* volatile text = "hello";

__attribute__((noinline)) std::uintptr_t calls_strlen() {
  volatile std::size_t n = std::strlen(text);
  (void)n;
  return here();
}
struct noisy {
  ~noisy() { asm volatile("" ::: "memory"); }
};
__attribute__((noinline)) void may_throw(int x) {
  if (x < 0) throw x;
}
__attribute__((noinline)) std::uintptr_t has_cleanup() {
  noisy n;
  may_throw(1);  // the landing pad calls _Unwind_Resume
  return here();
}
__attribute__((noinline)) std::uintptr_t allocates() {
  auto p = std::make_unique<std::string>(text);
  volatile std::size_t n = p->size();
  (void)n;
  return here();
}

bool on_first_segment(std::uintptr_t room) { return room < 4096; }
const char* where(std::uintptr_t room) {
  return on_first_segment(room) ? "first segment" : "ANOTHER SEGMENT";
}

int main() {
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    std::printf("caller: %s\n", where(here()));
    std::printf("calls_strlen: %s\n", where(calls_strlen()));
    std::printf("has_cleanup: %s\n", where(has_cleanup()));
    std::printf("allocates: %s\n", where(allocates()));
    hog(24);
    std::printf("foreign 24 KiB through a pointer: ok\n");
    wg.done();
  });
  wg.wait();

  // Many goroutines: each calls into libc, then parks on a channel; each
  // checks the segment of its libc-calling frame.
  constexpr int n = 1000;
  auto c = gort::make_chan<int>();
  std::atomic<int> first{0};
  wg.add(n);
  for (int i = 0; i < n; ++i)
    gort::go([&, c]() mutable {
      if (on_first_segment(allocates())) ++first;
      c.recv();
      wg.done();
    });
  for (int i = 0; i < n; ++i) c.send(i);
  wg.wait();
  std::printf("parked goroutines: %d of %d on their first segment\n", first.load(), n);
}
