// Segments from 2 MiB up (reached after ~2 MiB of smaller ones) are made of
// whole, aligned 2 MiB extents in a MADV_HUGEPAGE mapping, so deep
// recursion faults in huge pages instead of 512 small ones each. Checked
// from a frame on such a segment: its limit (%fs:0x70, the bottom of the
// split-stack part) lies on a 2 MiB boundary and the kernel reports the
// mapping THP-eligible. Their guard is still right below the reserve: a
// foreign function reached through a pointer that needs more than the
// 32 KiB reserve below the limit hits it ("fatal error: stack
// overflow", exit 2), never the memory below.
// REQUIRES: thp
// RUN: %gortxx -fno-split-stack -c %S/Inputs/nonsplit_lib.cpp -o %t.lib.o
// RUN: %gortxx %s %t.lib.o -o %t
// RUN: %t | FileCheck %s --check-prefix=LAYOUT
// RUN: %t overflow > %t.out 2>&1; echo status=$? >> %t.out
// RUN: FileCheck %s --check-prefix=OVERFLOW < %t.out
// LAYOUT: room on the segment: more than 1 MiB
// LAYOUT-NEXT: limit % 2 MiB: 0
// LAYOUT-NEXT: THPeligible: 1
// LAYOUT-NEXT: recursion result ok
// OVERFLOW: near the limit, still on a huge segment: yes
// OVERFLOW-NEXT: foreign call within room + reserve: ok
// OVERFLOW-NEXT: runtime: stack guard page hit at pc=
// OVERFLOW: fatal error: stack overflow
// OVERFLOW: foreign_stack_hog
// OVERFLOW: status=2
#include <gort/gort.hpp>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

extern "C" long foreign_stack_hog(int kb);
long (*volatile hog)(int) = foreign_stack_hog;

bool overflow_mode = false;

[[gnu::always_inline]] inline std::uintptr_t stack_limit() {
  std::uintptr_t limit;
  asm volatile("movq %%fs:0x70, %0" : "=r"(limit));
  return limit;
}

// The THPeligible line of the /proc/self/smaps mapping that holds addr.
std::string thp_eligible(std::uintptr_t addr) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t lo, hi;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &lo, &hi) == 2 && line.find(' ') < 40)
      inside = addr >= lo && addr < hi;
    else if (inside && line.rfind("THPeligible:", 0) == 0) {
      std::istringstream in(line.substr(12));
      std::string v;
      in >> v;
      return v;
    }
  }
  return "not found";
}

// Overflow mode: 512-byte frames down to the huge segment's limit, then
// foreign calls from there.
__attribute__((noinline)) long approach_limit(int depth) {
  volatile char buf[512];
  buf[0] = static_cast<char>(depth);
  auto frame = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
  std::uintptr_t limit = stack_limit();
  long r = 0;
  if (frame - limit > 2048) {
    r = approach_limit(depth + 1);
  } else {
    std::printf("near the limit, still on a huge segment: %s\n",
                limit % (2u << 20) == 0 ? "yes" : "no");
    hog(24);  // in the 32 KiB reserve below the limit
    std::printf("foreign call within room + reserve: ok\n");
    std::fflush(stdout);
    hog(80);  // past the reserve: the guard page
    std::printf("not reached\n");
  }
  return r + buf[0];
}

void on_huge_segment() {
  auto frame = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
  std::uintptr_t limit = stack_limit();
  std::uintptr_t room = frame - limit;
  if (overflow_mode) {
    approach_limit(0);
    return;
  }
  std::printf("room on the segment: %s\n", room > (1u << 20) ? "more than 1 MiB" : "less");
  std::printf("limit %% 2 MiB: %lu\n", (unsigned long)(limit % (2u << 20)));
  std::printf("THPeligible: %s\n", thp_eligible(frame).c_str());
}

// 1 KiB frames until the frame sits on a segment with more than 1 MiB of
// room (the smaller classes have at most 1 MiB).
__attribute__((noinline)) long descend(int depth) {
  volatile char buf[1024];
  buf[0] = static_cast<char>(depth);
  auto frame = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
  long r;
  if (frame - stack_limit() > (1u << 20) + (64u << 10)) {
    on_huge_segment();
    r = 0;
  } else {
    r = descend(depth + 1) + 1;
  }
  return r + (buf[0] - static_cast<char>(depth));
}

int main(int argc, char** argv) {
  overflow_mode = argc > 1 && std::strcmp(argv[1], "overflow") == 0;
  gort::wait_group wg;
  wg.add(1);
  long depth = 0;
  gort::go([&] {
    depth = descend(0);
    wg.done();
  });
  wg.wait();
  std::printf("recursion result %s\n", depth > 1000 ? "ok" : "wrong");
}
