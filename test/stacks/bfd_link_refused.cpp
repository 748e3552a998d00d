// GNU ld (bfd) links split-stack code without the adjustment for calls into
// non-split code; gort++ refuses it with an error, not a warning, and links
// with gold, or with lld when asked (both rewrite the prologues). A program
// linked by bfd behind the driver's back refuses to start.
// RUN: not %gortxx %s -fuse-ld=bfd -o %t 2>&1 | FileCheck %s --check-prefix=DRIVER
// DRIVER: gort++: error: -fuse-ld=bfd: GNU ld (bfd) cannot link split-stack code
// RUN: %gortxx %s -fuse-ld=lld -o %t.lld && %t.lld | FileCheck %s --check-prefix=LLD
// RUN: %gortxx %s -o %t.gold && %t.gold | FileCheck %s --check-prefix=LLD
// LLD: linked fine
// RUN: %gortxx %s -fuse-ld=gold -o %t.gold2 && %t.gold2 | FileCheck %s --check-prefix=LLD
// RUN: %gortxx -c %s -o %t.o
// RUN: %gortxx -### %t.o -o %t.bfd 2>&1 | FileCheck %s --check-prefix=CMD
// CMD: -z
#include <cstdio>

int main() { std::printf("linked fine\n"); }
