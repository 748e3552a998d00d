// Preemption (Go's sysmon retake + preemptone + gopreempt_m): a goroutine
// that has run for 10 ms without blocking yields at its next split-stack
// prologue or loop poll. docs/design/preemption.md has the whole design.
//
//   sysmon (preempt_retake)         the running thread
//   -----------------------         ------------------
//   P's schedtick unchanged 10 ms
//   p->preempt_req = tick | 1<<32
//   poison the M's %fs:0x70  ---->  next prologue: __morestack sees the
//                                   poison -> gort_morestack_preempt; or a
//                                   loop poll -> gort_preempt_poll
//                                   unpoison_limit(); if the request is for
//                                   this P's tick and the place is safe:
//                                   switch_out(preempt) -> global run queue
#pragma once

#include <cstdint>

namespace gort::rt {

// Sysmon, every tick: requests preemption of goroutines over their time
// slice. Returns the longest sysmon may sleep before it must look again
// (microseconds), 0 while no P runs a goroutine.
std::int64_t preempt_retake(std::int64_t now_ns);

// Goroutines preempted so far (schedtrace).
std::uint64_t preemptions();

}  // namespace gort::rt
