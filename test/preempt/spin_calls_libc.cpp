// GORT_MAXPROCS=1: a spin loop whose only calls are into libc (strlen,
// memcpy: non-split code, no prologue check). The loop poll preempts it.
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=1 timeout 120 %t | FileCheck %s
// CHECK: setter ran
// CHECK-NEXT: spinner saw the flag, checksum ok
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>
#include <cstring>

std::atomic<bool> flag{false};
char src[256], dst[256];
// Keeps the compiler from folding the libc calls away.
char* volatile src_p = src;
char* volatile dst_p = dst;

int main() {
  std::memset(src, 'x', sizeof src - 1);
  gort::go([] {
    std::printf("setter ran\n");
    flag.store(true, std::memory_order_relaxed);
  });
  std::size_t total = 0;
  while (!flag.load(std::memory_order_relaxed)) {
    std::memcpy(dst_p, src_p, sizeof src);
    total += std::strlen(dst_p);
  }
  std::printf("spinner saw the flag, checksum %s\n",
              total % (sizeof src - 1) == 0 ? "ok" : "bad");
}
