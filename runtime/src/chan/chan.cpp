// Channel send, receive and close (Go's chan.go).
//
// The fast paths follow Go: a value goes straight from a sender to a parked
// receiver's destination (and from a parked sender into a receiver) without
// a detour through the buffer; the woken party is unparked only after the
// channel lock is released, and goes to the waker's runnext. A non-blocking
// operation that cannot proceed returns without taking the lock.
#include <cstdlib>
#include <limits>
#include <new>

#include "chan/chan_core.hpp"

namespace gort::detail {

namespace {

std::size_t buffer_offset(std::size_t align) noexcept {
  return (sizeof(chan_core) + align - 1) / align * align;
}

std::size_t core_alignment(std::size_t elem_align) noexcept {
  return elem_align > alignof(chan_core) ? elem_align : alignof(chan_core);
}

// Go's enqueue-and-park for a single channel operation. `elem` is the
// source (send) or destination (receive). Returns waiter::success: false
// when the wake-up came from close().
bool block_on(chan_core* c, waiter_list& q, void* elem, wait_reason why) {
  waiter w;
  rt::init_waiter(w);
  w.elem = elem;
  w.owner = nullptr;
  w.success = false;
  rt::push_back(q, &w);
  // Whoever completes us acquires our past (send_to_receiver,
  // recv_from_sender): a send happens before its receive completes, and an
  // unbuffered receive before its send completes.
  rt::race_release(&w);
  // park releases the lock only once we can no longer be resumed early; the
  // waker fills in w.elem's target and w.success before unparking us.
  rt::park(w, c->lock, why);
  return w.success;
}

}  // namespace

chan_shared* chan_make(const chan_elem_ops* ops, std::size_t cap) {
  std::size_t align = ops->align;
  std::size_t offset = buffer_offset(align);
  if (ops->size != 0 &&
      cap > (std::numeric_limits<std::size_t>::max() / 2 - offset) / ops->size)
    throw panic_error("makechan: size out of range");
  std::size_t bytes = offset + cap * ops->size;
  std::size_t alloc_align = core_alignment(align);
  void* mem = ::operator new(bytes, std::align_val_t{alloc_align});
  auto* c = ::new (mem) chan_core;
  c->cap = cap;
  c->elem_size = ops->size;
  c->move_elem = ops->move;
  c->destroy_elem = ops->destroy;
  // One allocation holds the core and the ring buffer behind it.
  c->buf = static_cast<unsigned char*>(mem) + offset;
  c->alloc_align = alloc_align;
  return c;
}

void chan_free(chan_shared* sh) noexcept {
  chan_core* c = core_of(sh);
  // Every other handle's past (their releases of refs, also made by
  // instrumented user code) happens before the free.
  rt::race_acquire(&c->refs);
  // The last handle is gone, so nobody is blocked here (a blocked party
  // holds a handle): only buffered values remain.
  std::size_t n = c->count.load(std::memory_order_relaxed);
  for (std::size_t i = 0, x = c->recvx; i < n; ++i) {
    c->destroy(c->slot(x));
    if (++x == c->cap) x = 0;
  }
  std::align_val_t align{c->alloc_align};
  c->~chan_core();
  ::operator delete(static_cast<void*>(c), align);
}

void buffer_put(chan_core* c, void* src) noexcept {
  // Go's chanbuf racenotify: the receive that last emptied this slot
  // happens before this send, this send before the receive that takes it.
  // The slot is written by the element's (instrumented) move constructor,
  // so the acquire comes before the write and the release after it.
  rt::race_acquire(c->slot(c->sendx));
  c->move(c->slot(c->sendx), src);
  rt::race_release(c->slot(c->sendx));
  if (++c->sendx == c->cap) c->sendx = 0;
  c->count.store(c->count.load(std::memory_order_relaxed) + 1,
                 std::memory_order_release);
}

void buffer_take(chan_core* c, void* dst) noexcept {
  void* s = c->slot(c->recvx);
  rt::race_acquire(s);  // the send that filled it; before reading it
  c->move(dst, s);
  c->destroy(s);
  rt::race_release(s);  // our reads before the next send into it
  if (++c->recvx == c->cap) c->recvx = 0;
  c->count.store(c->count.load(std::memory_order_relaxed) - 1,
                 std::memory_order_release);
}

waiter* send_to_receiver(chan_core* c, waiter* r, void* src) noexcept {
  // Race edges: the parked receiver's past is ours (block_on); buffered,
  // the value logically passes through slot recvx (Go's send()); ours
  // goes to the receiver when it is unparked.
  rt::race_acquire(parked_waiter(r));
  if (c->cap != 0) rt::race_release_acquire(c->slot(c->recvx));
  // The receiver's destination is raw storage on its stack; it is parked
  // (or about to be, with its context saved) and cannot run until we
  // unpark it, so writing there is safe.
  c->move(r->elem, src);
  r->elem = nullptr;
  r->success = true;
  return wake_target(r);
}

waiter* recv_from_sender(chan_core* c, waiter* s, void* dst) noexcept {
  // Race edges: the parked sender's past is ours; buffered, its value
  // goes into slot recvx, so the slot gets its past too (Go's recv()).
  rt::race_acquire(parked_waiter(s));
  // The slot's past before we read and refill it; our accesses go to
  // whoever takes its new value (the release below).
  void* slot = c->cap != 0 ? c->slot(c->recvx) : nullptr;
  if (slot) rt::race_acquire(slot);
  if (c->cap == 0) {
    c->move(dst, s->elem);
  } else {
    // The buffer is full (a sender waits): take its head, and put the
    // sender's value in the slot just freed, which is also the tail.
    void* head = c->slot(c->recvx);
    c->move(dst, head);
    c->destroy(head);
    c->move(head, s->elem);
    rt::race_release(slot);
    if (++c->recvx == c->cap) c->recvx = 0;
    c->sendx = c->recvx;
  }
  s->elem = nullptr;
  s->success = true;
  return wake_target(s);
}

[[noreturn]] void park_forever(wait_reason why) {
  for (;;) {
    waiter w;
    rt::init_waiter(w);
    rt::park(
        w, [](void*) {}, nullptr, why);
  }
}

[[noreturn]] void panic_send_on_closed() {
  throw panic_error("send on closed channel");
}

bool chan_send(chan_shared* sh, void* src, bool block) {
  if (!sh) {
    if (!block) return false;
    park_forever(wait_reason::chan_send_nil);
  }
  chan_core* c = core_of(sh);

  // Would-block fast path, no lock (Go's reasoning): we observe "not
  // closed", then "not ready for sending". A closed channel never becomes
  // not-ready again, so there was a moment when both held; report that.
  if (!block && c->closed.load(std::memory_order_relaxed) == 0 &&
      c->full_unlocked())
    return false;

  c->lock.lock();
  if (c->closed.load(std::memory_order_relaxed) != 0) {
    c->lock.unlock();
    panic_send_on_closed();
  }
  if (waiter* r = dequeue_claimed(c->recvq)) {
    waiter* wake = send_to_receiver(c, r, src);
    c->lock.unlock();
    rt::unpark(*wake);
    return true;
  }
  if (c->count.load(std::memory_order_relaxed) < c->cap) {
    buffer_put(c, src);
    c->lock.unlock();
    return true;
  }
  if (!block) {
    c->lock.unlock();
    return false;
  }
  if (!block_on(c, c->sendq, src, wait_reason::chan_send))
    panic_send_on_closed();  // woken by close()
  return true;
}

recv_status chan_recv(chan_shared* sh, void* dst, bool block) {
  if (!sh) {
    if (!block) return recv_status::would_block;
    park_forever(wait_reason::chan_receive_nil);
  }
  chan_core* c = core_of(sh);

  // Would-block fast path, no lock. Order matters (Go's reasoning): first
  // "not ready for receiving", then "not closed" (acquire loads, so the
  // second read cannot move before the first). A channel cannot reopen, so
  // it was open when it was empty. If it is closed, re-check emptiness: a
  // value may have arrived just before the close.
  if (!block && c->empty_unlocked()) {
    if (c->closed.load(std::memory_order_acquire) == 0)
      return recv_status::would_block;
    if (c->empty_unlocked()) {
      rt::race_acquire(c);  // close happens before this receive
      return recv_status::closed;
    }
  }

  c->lock.lock();
  if (c->closed.load(std::memory_order_relaxed) != 0 &&
      c->count.load(std::memory_order_relaxed) == 0) {
    c->lock.unlock();
    rt::race_acquire(c);  // close happens before this receive
    return recv_status::closed;
  }
  if (waiter* s = dequeue_claimed(c->sendq)) {
    waiter* wake = recv_from_sender(c, s, dst);
    c->lock.unlock();
    rt::unpark(*wake);
    return recv_status::value;
  }
  if (c->count.load(std::memory_order_relaxed) > 0) {
    buffer_take(c, dst);
    c->lock.unlock();
    return recv_status::value;
  }
  if (!block) {
    c->lock.unlock();
    return recv_status::would_block;
  }
  return block_on(c, c->recvq, dst, wait_reason::chan_receive)
             ? recv_status::value
             : recv_status::closed;
}

void chan_close(chan_shared* sh) {
  if (!sh) throw panic_error("close of nil channel");
  chan_core* c = core_of(sh);

  c->lock.lock();
  if (c->closed.load(std::memory_order_relaxed) != 0) {
    c->lock.unlock();
    throw panic_error("close of closed channel");
  }
  c->closed.store(1, std::memory_order_release);
  // Go's closechan racerelease: the close happens before every receive
  // that reports it (those woken here also get unpark's edge).
  rt::race_release(c);

  // Claim every waiter under the lock, wake them after releasing it. The
  // claimed waiters are off their queues, so their `next` links are free to
  // chain them (in FIFO order) until each is unparked.
  rt::waiter_chain claimed;
  auto claim_all = [&](waiter_list& q) {
    while (waiter* w = dequeue_claimed(q)) {
      w->elem = nullptr;
      w->success = false;  // receivers: closed; senders: panic
      claimed.append(w);
    }
  };
  claim_all(c->recvq);
  claim_all(c->sendq);
  c->lock.unlock();
  rt::unpark_chain(claimed.head, wake_target);
}

}  // namespace gort::detail
