// select (Go's selectgo).
//
//   1. Poll order: a uniformly random permutation of the non-nil cases, so
//      that among ready cases each is taken with equal probability.
//   2. Lock order: the same cases sorted by channel address; every distinct
//      channel is locked once, in that order, so two selects over the same
//      channels can never deadlock on each other.
//   3. Pass 1 (all locked): the first case in poll order that can proceed
//      now is completed. If none and there is a default, return.
//   4. Pass 2: enqueue one waiter per case (all pointing to one
//      select_state) and park; the park callback unlocks the channels in
//      reverse lock order.
//   5. A waker on any channel dequeues our waiter and must win the CAS on
//      select_state::done; only the winner completes its case and unparks
//      us. Losers drop the waiter and move on.
//   6. Pass 3 (all locked again): unlink the waiters that did not fire.
//
// Lifetime: select_state, the waiters and the lock list live in this frame.
// A waker touches them only while it holds one of our channel locks (to
// lose the CAS) or after winning it (we stay parked until it unparks us);
// pass 3 takes every lock before the frame can go away.
#include <algorithm>
#include <cstdint>
#include <gort/select.hpp>
#include <memory>

#include "base/fastrand.hpp"
#include "chan/chan_core.hpp"

namespace gort::detail {

namespace {

// The distinct channels of a select, in lock (address) order.
struct lock_set {
  chan_core** chans;
  std::size_t n;

  void lock_all() const noexcept {
    for (std::size_t i = 0; i < n; ++i) chans[i]->lock.lock();
  }
  void unlock_all() const noexcept {
    for (std::size_t i = n; i-- > 0;) chans[i]->lock.unlock();
  }
};

// The park callback. Unlocks in reverse lock order: once the lowest
// channel (chans[0]) is unlocked we may already be running elsewhere and
// this frame may be gone, so chans[0] is the last thing touched. Until
// then, our resumed goroutine cannot pass its first lock in pass 3.
void unlock_for_park(void* arg) noexcept {
  auto* set = static_cast<const lock_set*>(arg);
  chan_core** chans = set->chans;
  for (std::size_t i = set->n; i-- > 1;) chans[i]->lock.unlock();
  chans[0]->lock.unlock();
}

// Small selects keep their scratch arrays on the stack.
constexpr std::size_t inline_cases = 8;

// Passes 2 and 3: called with every channel locked and no case ready;
// returns the index of the case that fired.
std::ptrdiff_t blocked_select(select_case* cases, std::uint16_t* lockorder,
                              std::size_t ncases, const lock_set& locks,
                              bool* received);

}  // namespace

[[noreturn]] void select_block_forever() {
  park_forever(wait_reason::select_no_cases);
}

std::ptrdiff_t select_impl(select_case* cases, std::uint16_t* order,
                           std::size_t n, bool block, bool* received) {
  // One case (plus maybe default): a plain channel operation, as Go's
  // compiler rewrites it (also the wait reason a dump shows).
  if (n == 1) {
    select_case& k = cases[0];
    if (k.send) return chan_send(k.c, k.elem, block) ? 0 : -1;
    recv_status st = chan_recv(k.c, k.elem, block);
    if (st == recv_status::would_block) return -1;
    *received = st == recv_status::value;
    return 0;
  }

  // 1. Poll order: shuffle of the non-nil cases (nil cases never fire).
  std::uint16_t* pollorder = order;
  std::uint16_t* lockorder = order + n;
  std::size_t npoll = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!cases[i].c) continue;
    std::uint32_t j = rt::fastrandn(static_cast<std::uint32_t>(npoll + 1));
    pollorder[npoll] = pollorder[j];
    pollorder[j] = static_cast<std::uint16_t>(i);
    ++npoll;
  }
  if (npoll == 0) {
    if (!block) return -1;
    park_forever(wait_reason::select);
  }

  // 2. Lock order: by channel address. Insertion sort: selects are small,
  // and it works in place without allocating.
  auto addr = [&](std::uint16_t ci) {
    return reinterpret_cast<std::uintptr_t>(cases[ci].c);
  };
  for (std::size_t i = 0; i < npoll; ++i) {
    std::uint16_t ci = pollorder[i];
    std::size_t j = i;
    for (; j > 0 && addr(lockorder[j - 1]) > addr(ci); --j)
      lockorder[j] = lockorder[j - 1];
    lockorder[j] = ci;
  }
  chan_core* inline_chans[inline_cases];
  std::unique_ptr<chan_core*[]> heap_chans;
  chan_core** chans = inline_chans;
  if (npoll > inline_cases) {
    heap_chans.reset(new chan_core*[npoll]);
    chans = heap_chans.get();
  }
  std::size_t nchans = 0;
  for (std::size_t i = 0; i < npoll; ++i) {
    chan_core* c = core_of(cases[lockorder[i]].c);
    if (nchans == 0 || chans[nchans - 1] != c) chans[nchans++] = c;
  }
  lock_set locks{chans, nchans};
  locks.lock_all();

  // 3. Pass 1: the first case in poll order that can proceed now.
  for (std::size_t i = 0; i < npoll; ++i) {
    std::uint16_t ci = pollorder[i];
    select_case& k = cases[ci];
    chan_core* c = core_of(k.c);
    if (!k.send) {
      if (waiter* s = dequeue_claimed(c->sendq)) {
        waiter* wake = recv_from_sender(c, s, k.elem);
        locks.unlock_all();
        rt::unpark(*wake);
        *received = true;
        return ci;
      }
      if (c->count.load(std::memory_order_relaxed) > 0) {
        buffer_take(c, k.elem);
        locks.unlock_all();
        *received = true;
        return ci;
      }
      if (c->closed.load(std::memory_order_relaxed) != 0) {
        locks.unlock_all();
        rt::race_acquire(c);  // close happens before this receive
        *received = false;
        return ci;
      }
    } else {
      if (c->closed.load(std::memory_order_relaxed) != 0) {
        locks.unlock_all();
        panic_send_on_closed();
      }
      if (waiter* r = dequeue_claimed(c->recvq)) {
        waiter* wake = send_to_receiver(c, r, k.elem);
        locks.unlock_all();
        rt::unpark(*wake);
        return ci;
      }
      if (c->count.load(std::memory_order_relaxed) < c->cap) {
        buffer_put(c, k.elem);
        locks.unlock_all();
        return ci;
      }
    }
  }
  if (!block) {
    locks.unlock_all();
    return -1;
  }
  return blocked_select(cases, lockorder, npoll, locks, received);
}

namespace {

std::ptrdiff_t blocked_select(select_case* cases, std::uint16_t* lockorder,
                              std::size_t ncases, const lock_set& locks,
                              bool* received) {
  waiter inline_waiters[inline_cases];
  std::unique_ptr<waiter[]> heap_waiters;
  waiter* ws = inline_waiters;
  if (ncases > inline_cases) {
    heap_waiters.reset(new waiter[ncases]);
    ws = heap_waiters.get();
  }

  // 4. Pass 2: one waiter per case, queued in lock order. Wakers unpark
  // ws[0], the waiter we park on, whichever case they complete.
  select_state sel;
  rt::init_waiter(ws[0]);
  sel.parked = &ws[0];
  for (std::size_t i = 0; i < ncases; ++i) {
    std::uint16_t ci = lockorder[i];
    waiter& w = ws[i];
    w.elem = cases[ci].elem;
    w.owner = &sel;
    w.index = ci;
    w.success = false;
    chan_core* c = core_of(cases[ci].c);
    rt::push_back(cases[ci].send ? c->sendq : c->recvq, &w);
  }
  // Whichever case completes acquires our past (chan.cpp, block_on).
  rt::race_release(&ws[0]);
  rt::park(ws[0], unlock_for_park, const_cast<lock_set*>(&locks),
           wait_reason::select);

  // 6. Pass 3: the winner already unlinked the fired waiter; unlink the
  // rest (some may have been dropped by losing wakers: remove() copes).
  locks.lock_all();
  waiter* fired = sel.fired;
  for (std::size_t i = 0; i < ncases; ++i) {
    waiter* w = &ws[i];
    if (w == fired) continue;
    std::uint16_t ci = lockorder[i];
    chan_core* c = core_of(cases[ci].c);
    rt::remove(cases[ci].send ? c->sendq : c->recvq, w);
  }
  locks.unlock_all();

  std::uint32_t ci = fired->index;
  if (cases[ci].send) {
    if (!fired->success) panic_send_on_closed();  // woken by close()
  } else {
    *received = fired->success;
  }
  return ci;
}

}  // namespace

}  // namespace gort::detail
