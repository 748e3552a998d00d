// The channel core (Go's hchan) and the select claim on its wait queues. Shared by chan.cpp
// (send, receive, close), select.cpp and after.cpp. The design, and why no
// wake-up is lost, is in docs/design/channels.md.
//
// Invariants (Go's, checked under `lock`):
//   - At least one of recvq and sendq holds no plain (non-select) waiter
//     that could be matched: a receiver only blocks when no sender waits and
//     the buffer is empty, and vice versa. (A select may sit in both queues
//     of one channel; it never matches itself because it enqueues only after
//     it has polled every case.)
//   - count > 0 implies recvq is empty; count < cap implies sendq is empty.
//   - closed never goes from 1 back to 0; once closed, sendq and recvq are
//     empty (close drains them) and stay so.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <gort/chan.hpp>
#include <gort/detail/park.hpp>

#include "base/race.hpp"
#include "base/owned_lock.hpp"
#include "scheduler/park.hpp"
#include "scheduler/waiter_list.hpp"

namespace gort::detail {

// A select that blocked: one per blocked selectgo call, on its stack. Every
// waiter it queued points here through waiter::owner.
struct select_state {
  // 0 while blocked; the first waker to CAS it to 1 owns the select (Go's
  // g.selectDone): only it may complete a case and unpark.
  std::atomic<std::uint32_t> done{0};
  waiter* parked = nullptr;  // the waiter passed to park: the unpark target
  waiter* fired = nullptr;   // set by the owning waker: the case completed
};

// Unlinks and returns the oldest waiter of q that may be completed, or
// null (lock held). A select waiter is returned only if this call wins its
// select's `done` claim; one whose select already fired elsewhere is
// dropped (its select finds it unlinked when it cleans up: rt::remove is
// then a no-op). The queue itself is the one waiter FIFO of every blocking
// primitive (scheduler/waiter_list.hpp).
inline waiter* dequeue_claimed(waiter_list& q) noexcept {
  for (;;) {
    waiter* w = rt::pop_front(q);
    if (!w) return nullptr;
    if (auto* sel = static_cast<select_state*>(w->owner)) {
      std::uint32_t expected = 0;
      if (sel->done.load(std::memory_order_relaxed) != 0 ||
          !sel->done.compare_exchange_strong(expected, 1,
                                             std::memory_order_acq_rel))
        continue;
    }
    return w;
  }
}

struct chan_core : chan_shared {
  rt::owned_lock lock;
  std::atomic<std::uint32_t> closed{0};
  std::size_t elem_size = 0;
  void (*move_elem)(void* dst, void* src) noexcept = nullptr;  // null: memcpy
  void (*destroy_elem)(void* p) noexcept = nullptr;            // null: trivial
  unsigned char* buf = nullptr;  // cap slots of elem_size bytes (ring)
  std::size_t alloc_align = 0;   // alignment of this allocation
  std::size_t sendx = 0;         // next slot to fill
  std::size_t recvx = 0;         // next slot to drain
  waiter_list recvq;             // blocked receivers
  waiter_list sendq;             // blocked senders

  // Short critical sections matter (the lock is contended when sender and
  // receiver run on different Ps), so common trivial sizes are inlined.
  void move(void* dst, void* src) const noexcept {
    if (move_elem) {
      move_elem(dst, src);
      return;
    }
    switch (elem_size) {
      case 1:
        std::memcpy(dst, src, 1);
        break;
      case 4:
        std::memcpy(dst, src, 4);
        break;
      case 8:
        std::memcpy(dst, src, 8);
        break;
      case 16:
        std::memcpy(dst, src, 16);
        break;
      default:
        std::memcpy(dst, src, elem_size);
        break;
    }
  }
  void destroy(void* p) const noexcept {
    if (destroy_elem) destroy_elem(p);
  }
  unsigned char* slot(std::size_t i) const noexcept {
    return buf + i * elem_size;
  }

  // Lock-free "cannot proceed" checks (Go's full() and empty()). Each is a
  // single atomic read; callers combine it with a read of `closed` in the
  // order that makes the pair linearizable (see chan.cpp).
  bool full_unlocked() const noexcept {
    if (cap == 0) return rt::empty_unlocked(recvq);
    return count.load(std::memory_order_acquire) == cap;
  }
  bool empty_unlocked() const noexcept {
    if (cap == 0) return rt::empty_unlocked(sendq);
    return count.load(std::memory_order_acquire) == 0;
  }
};

inline chan_core* core_of(chan_shared* c) noexcept {
  return static_cast<chan_core*>(c);
}

// The waiter to unpark after completing w: w itself, or for a select the
// waiter it parked on (a plain thread sleeps on that one's futex word).
// Records w as the select's fired case. Call after w was returned by
// dequeue_claimed() (so this caller owns it) and before unparking.
inline waiter* wake_target(waiter* w) noexcept {
  auto* sel = static_cast<select_state*>(w->owner);
  if (!sel) return w;
  sel->fired = w;
  return sel->parked;
}

// The waiter that w's goroutine parked on (w, or its select's): the race
// build's address for the edges of a channel hand-off (chan.cpp).
inline const waiter* parked_waiter(const waiter* w) noexcept {
  auto* sel = static_cast<const select_state*>(w->owner);
  return sel ? sel->parked : w;
}

// Completes a send of the value at src to the dequeued receiver r (or to
// the buffer, on a buffered channel, as far as r is concerned: Go's send()).
// Lock held; returns the waiter to unpark once every lock is released.
waiter* send_to_receiver(chan_core* c, waiter* r, void* src) noexcept;

// Completes a receive into dst from the dequeued sender s (Go's recv()):
// unbuffered, straight from the sender; full buffer, the head goes to dst
// and the sender's value to the freed tail slot. Lock held; returns the
// waiter to unpark once every lock is released.
waiter* recv_from_sender(chan_core* c, waiter* s, void* dst) noexcept;

// Buffer operations; lock held.
void buffer_put(chan_core* c, void* src) noexcept;
void buffer_take(chan_core* c, void* dst) noexcept;

// Parks the caller for good (nil channel operations, select with no
// ready-able case). Only the deadlock detector or process exit ends it.
[[noreturn]] void park_forever(wait_reason why);

[[noreturn]] void panic_send_on_closed();

}  // namespace gort::detail
