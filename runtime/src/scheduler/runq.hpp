// The per-P local run queue (Go's runq): a bounded lock-free ring of 256
// goroutines that only the owning P appends to (tail) and that anyone may
// take from (head, by CAS) — the owner one at a time, thieves half at once.
// Plus `runnext`: a goroutine readied by the running one runs next, so a
// send/receive pair keeps ping-ponging on one P and one cache.
#pragma once

#include <atomic>
#include <cstdint>

namespace gort::rt {

struct G;

struct run_queue {
  static constexpr std::uint32_t capacity = 256;

  std::atomic<std::uint32_t> head{0};  // next slot to take; CAS by takers
  std::atomic<std::uint32_t> tail{0};  // next slot to fill; owner stores only
  std::atomic<G*> slots[capacity] = {};
  std::atomic<G*> runnext{nullptr};

  // Owner: appends g (to runnext if `next`, kicking the old runnext to the
  // tail). On a full ring, moves half of it plus g to the global queue.
  void put(G* g, bool next);

  // Owner: runnext first, then the head. `inherit` tells whether the
  // goroutine came from runnext (it inherits the current time slice).
  G* get(bool* inherit);

  // Thief: moves about half of victim's goroutines into this (empty-ish)
  // queue and returns one of them to run, or null. Takes the victim's
  // runnext only if steal_runnext (the last round of stealing).
  G* steal_from(run_queue& victim, bool steal_runnext);

  bool empty() const {
    // A goroutine between runnext and the ring still counts (see Go's
    // runqempty): re-read until head/tail/runnext are consistent.
    for (;;) {
      std::uint32_t h = head.load(std::memory_order_acquire);
      std::uint32_t t = tail.load(std::memory_order_acquire);
      G* n = runnext.load(std::memory_order_acquire);
      if (tail.load(std::memory_order_acquire) == t) return h == t && !n;
    }
  }
  std::uint32_t size() const {
    return tail.load(std::memory_order_relaxed) -
           head.load(std::memory_order_relaxed);
  }

 private:
  bool put_slow(G* g, std::uint32_t h, std::uint32_t t);
  std::uint32_t grab(std::uint32_t batch_head, run_queue& into,
                     bool steal_runnext);
};

}  // namespace gort::rt
