// gort_dyn_release checks that its mark is on the goroutine's block list
// before freeing anything: a mark that is not (broken nesting, e.g. stack
// switching inside a goroutine) is a fatal error, never blocks freed under
// live frames. Provoked here by calling the hook with a made-up mark while a
// 1 MiB VLA's block is live.
// UNSUPPORTED: asan-mode
// RUN: %gortxx -Wno-vla-cxx-extension %s -o %t
// RUN: %t > %t.out 2>&1; echo status=$? >> %t.out
// RUN: FileCheck %s < %t.out
// CHECK: block live: 1
// CHECK: fatal error: alloca/VLA block list out of order
// CHECK-NOT: data
// CHECK: status=2
#include <gort/gort.hpp>

#include <cstddef>
#include <cstdio>
#include <cstring>

extern "C" std::size_t gort_debug_dyn_blocks() noexcept;
extern "C" void gort_dyn_release(void* mark) noexcept;

[[gnu::noinline]] void misuse(std::size_t n) {
  char buf[n];
  std::memset(buf, 7, n);
  std::printf("block live: %zu\n", gort_debug_dyn_blocks());
  std::fflush(stdout);
  int not_a_mark;
  gort_dyn_release(&not_a_mark);
  std::printf("data %d\n", buf[n - 1]);
}

int main() {
  volatile std::size_t mib = std::size_t(1) << 20;
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    misuse(mib);
    wg.done();
  });
  wg.wait();
}
