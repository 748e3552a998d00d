// The one waiter FIFO of every blocking primitive (Go's waitq): the
// operations on detail::waiter_list, whose layout is public because user
// objects embed it (gort/detail/park.hpp). Here, beside park.hpp, because
// waiter is complete here and chan/ and sync/ are siblings that may share
// only what lies below them (docs/design/layers.md).
//
// Every function but empty_unlocked runs under the lock of the list's
// owner. `head` is atomic only so that a channel's lock-free "would block"
// checks may peek at it (empty_unlocked); under the lock its loads and
// stores are relaxed, which on x86-64 are plain moves, so sync/ pays
// nothing for chan's peeks. Inline: these are the hot paths of a channel
// hand-off, a contended mutex and a condition variable.
//
// A waiter is on at most one list at a time. Off every list (never queued,
// popped, or removed) it has next == prev == null, which makes remove() of
// an already unlinked waiter a no-op. A chain detached by take_front
// belongs to its taker: its waiters are linked through `next` (their `prev`
// are stale) until unpark_chain wakes them.
#pragma once

#include <atomic>
#include <cstdint>

#include <gort/detail/park.hpp>

#include "scheduler/park.hpp"

namespace gort::rt {

using detail::waiter_list;

// Any thread, no lock: true if the list looked empty (acquire: a waiter
// seen here is seen fully initialised).
inline bool empty_unlocked(const waiter_list& q) noexcept {
  return q.head.load(std::memory_order_acquire) == nullptr;
}

inline void push_back(waiter_list& q, waiter* w) noexcept {
  w->next = nullptr;
  w->prev = q.tail;
  if (q.tail)
    q.tail->next = w;
  else
    q.head.store(w, std::memory_order_relaxed);
  q.tail = w;
}

// Unlinks and returns the oldest waiter; null when the list is empty.
inline waiter* pop_front(waiter_list& q) noexcept {
  waiter* w = q.head.load(std::memory_order_relaxed);
  if (!w) return nullptr;
  waiter* n = w->next;
  q.head.store(n, std::memory_order_relaxed);
  if (n)
    n->prev = nullptr;
  else
    q.tail = nullptr;
  w->next = nullptr;
  w->prev = nullptr;
  return w;
}

// Unlinks w if it is still queued on q (Go's dequeueSudoG). A waiter that
// pop_front already unlinked has next == prev == null and is not the head,
// so this is then a no-op (a select cleaning up the cases a waker dropped).
inline void remove(waiter_list& q, waiter* w) noexcept {
  waiter* p = w->prev;
  waiter* n = w->next;
  if (p) {
    p->next = n;
    if (n)
      n->prev = p;
    else
      q.tail = p;
  } else if (n) {
    n->prev = nullptr;
    q.head.store(n, std::memory_order_relaxed);
  } else if (q.head.load(std::memory_order_relaxed) == w) {
    q.head.store(nullptr, std::memory_order_relaxed);
    q.tail = nullptr;
  }
  w->next = nullptr;
  w->prev = nullptr;
}

inline constexpr std::uint32_t all_waiters = UINT32_MAX;

// Detaches up to n waiters (every one: n = all_waiters) in FIFO order as a
// chain linked through `next`, null-terminated; returns its first waiter
// (null if q was empty). *taken, if given, counts them. Taking all without
// counting is O(1); otherwise it walks the waiters it takes.
inline waiter* take_front(waiter_list& q, std::uint32_t n,
                          std::uint32_t* taken = nullptr) noexcept {
  waiter* first = q.head.load(std::memory_order_relaxed);
  if (n == all_waiters && !taken) {
    q.head.store(nullptr, std::memory_order_relaxed);
    q.tail = nullptr;
    return first;
  }
  waiter* last = nullptr;
  std::uint32_t k = 0;
  for (waiter* w = first; w && k < n; w = w->next) {
    last = w;
    ++k;
  }
  if (taken) *taken = k;
  if (!last) return nullptr;
  waiter* rest = last->next;
  last->next = nullptr;
  q.head.store(rest, std::memory_order_relaxed);
  if (rest)
    rest->prev = nullptr;
  else
    q.tail = nullptr;
  return first;
}

// A chain built one waiter at a time (a channel's close claims its waiters
// one by one), in the form unpark_chain takes.
struct waiter_chain {
  waiter* head = nullptr;
  waiter* tail = nullptr;
  void append(waiter* w) noexcept {
    w->next = nullptr;
    if (tail)
      tail->next = w;
    else
      head = w;
    tail = w;
  }
};

// After the lock is released: unparks every waiter of the chain, reading
// `next` before each unpark (the waiter's frame may vanish after it) and
// clearing it (a woken waiter points into nobody's stack). `target` maps a
// completed waiter to the one to unpark (chan: a select's parked waiter);
// null: the waiter itself.
inline void unpark_chain(waiter* chain, waiter* (*target)(waiter*) = nullptr) {
  while (chain) {
    waiter* next = chain->next;
    chain->next = nullptr;
    unpark(target ? *target(chain) : *chain);
    chain = next;
  }
}

}  // namespace gort::rt
