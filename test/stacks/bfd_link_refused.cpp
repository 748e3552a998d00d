// GNU ld (bfd) links split-stack code without the adjustment for calls into
// non-split code, and lld makes it only for non-split objects of the link,
// not for calls into shared libraries (libc, libstdc++); gort++ refuses
// both with an error, not a warning, and links with gold. A program linked
// by bfd behind the driver's back refuses to start.
// RUN: not %gortxx %s -fuse-ld=bfd -o %t 2>&1 | FileCheck %s --check-prefix=DRIVER
// DRIVER: gort++: error: -fuse-ld=bfd: GNU ld (bfd) cannot link split-stack code
// RUN: not %gortxx %s -fuse-ld=lld -o %t 2>&1 | FileCheck %s --check-prefix=LLDERR
// LLDERR: gort++: error: -fuse-ld=lld: lld does not adjust split-stack prologues for calls into shared libraries
// RUN: %gortxx %s -o %t.gold && %t.gold | FileCheck %s --check-prefix=LLD
// LLD: linked fine
// RUN: %gortxx %s -fuse-ld=gold -o %t.gold2 && %t.gold2 | FileCheck %s --check-prefix=LLD
// RUN: %gortxx -c %s -o %t.o
// RUN: %gortxx -### %t.o -o %t.bfd 2>&1 | FileCheck %s --check-prefix=CMD
// CMD: -z
#include <cstdio>

int main() { std::printf("linked fine\n"); }
