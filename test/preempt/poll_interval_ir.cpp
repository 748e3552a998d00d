// How often the loop polls look at the limit (docs/design/preemption.md,
// "The loop poll"). An innermost loop counts down from N, sized to its
// body so that the branch at 0, mispredicted every time, is rare: a
// strlen-like loop of ~10 IR instructions gets N in the thousands (a fixed
// 128 cost it 7%). A loop with a loop inside looks every iteration, with
// no count: an inner loop that exits before its own count runs out would
// otherwise multiply the iterations between two looks (N outer x N inner).
// RUN: %gortxx -fno-discard-value-names -S -emit-llvm -o - %s | FileCheck %s
#include <cstddef>

// CHECK-LABEL: define {{.*}}@_Z9byte_scanPKc(
// CHECK: %gort.poll.ctr = phi i32 [ {{[1-9][0-9][0-9][0-9]+}}, %{{[a-z.0-9]+}} ], [ %gort.poll.next,
// CHECK: gort.poll.check:
// CHECK-NEXT: %gort.limit.high = load atomic i32, ptr addrspace(257) inttoptr (i64 116 to ptr addrspace(257)) monotonic
// CHECK: call preserve_allcc void @gort_preempt_poll()
// CHECK: %gort.poll.next = phi i32 [ %gort.poll.dec, %{{.*}} ], [ {{[1-9][0-9][0-9][0-9]+}}, %gort.poll.check ]
std::size_t byte_scan(const char* s) {
  std::size_t n = 0, hits = 0;
  for (char c; (c = s[n]) != 0; ++n) hits += c == 'b';
  return n + hits;
}

// The outer header: its phis, then the look itself (no count); the inner
// loop's header: a count in the thousands.
// CHECK-LABEL: define {{.*}}@_Z9rows_scanPKPKcm(
// CHECK: for.body:
// CHECK-NOT: gort.poll.ctr
// CHECK: %gort.limit.high = load atomic i32, ptr addrspace(257) inttoptr (i64 116 to ptr addrspace(257)) monotonic
// CHECK-NEXT: icmp eq i32 %gort.limit.high, 2147483647
// CHECK-NEXT: br i1 %{{[0-9]+}}, label %gort.poll, label %for.body.split
// CHECK: for.body3:
// CHECK-NEXT: %gort.poll.ctr = phi i32 [ {{[1-9][0-9][0-9][0-9]+}}, %for.body.split ]
// CHECK-LABEL: define {{.*}}@main(
std::size_t rows_scan(const char* const* rows, std::size_t n) {
  std::size_t hits = 0;
#pragma nounroll
  for (std::size_t i = 0; i < n; ++i)
    for (const char* s = rows[i]; *s; ++s) hits += *s == 'b';
  return hits;
}

int main() { return 0; }
