// The ready/wait state machine (netpoll.hpp explains the protocol).
#include "netpoll/epoll.hpp"
#include "netpoll/netpoll.hpp"

namespace gort::rt::netpoll {

namespace {
std::atomic<std::int64_t> parked_waits{0};
}  // namespace

bool claim(poll_wait& w, wake_reason why, bool* was_parked) {
  std::uint32_t s = w.state.load(std::memory_order_acquire);
  // The reason is part of the state word: whoever sees `woken` (the
  // goroutine, at once if its commit fails) sees the winner's reason.
  while (s == armed || s == parked) {
    if (w.state.compare_exchange_weak(s, std::uint32_t(woken) + std::uint32_t(why), std::memory_order_acq_rel)) {
      *was_parked = s == parked;
      return true;
    }
  }
  return false;
}

wake_reason reason(const poll_wait& w) {
  std::uint32_t s = w.state.load(std::memory_order_acquire);
  return s >= woken ? wake_reason(s - woken) : none;
}

bool commit(poll_wait& w) {
  std::uint32_t s = armed;
  return w.state.compare_exchange_strong(s, parked, std::memory_order_acq_rel);
}

link_result link(wait_node& n, fd_desc* d, int fd, dir which, token t,
                 poll_wait& owner) {
  d->lock.lock();
  if (d->seq.load(std::memory_order_relaxed) != t.seq ||
      !d->managed.load(std::memory_order_relaxed) ||
      d->closing.load(std::memory_order_relaxed)) {
    d->lock.unlock();
    return link_result::closed;
  }
  if (!d->registered) {
    // Lazily, the first time a goroutine would block. If the fd became
    // ready after the failed call, ADD queues that readiness as an event.
    if (!epoll_add(fd, d->seq.load(std::memory_order_relaxed))) {
      d->lock.unlock();
      return link_result::unpollable;
    }
    d->registered = true;
  }
  if (d->gen[which].load(std::memory_order_relaxed) != t.gen) {
    d->lock.unlock();
    return link_result::changed;
  }
  n.owner = &owner;
  n.desc = d;
  n.which = which;
  n.prev = nullptr;
  n.next = d->head[which];
  if (n.next) n.next->prev = &n;
  d->head[which] = &n;
  n.linked = true;
  d->lock.unlock();
  return link_result::linked;
}

void unlink(wait_node& n) {
  if (!n.linked) return;
  fd_desc* d = n.desc;
  d->lock.lock();
  if (n.prev) n.prev->next = n.next; else d->head[n.which] = n.next;
  if (n.next) n.next->prev = n.prev;
  n.linked = false;
  d->lock.unlock();
}

void begin_wait() { parked_waits.fetch_add(1, std::memory_order_seq_cst); }

void end_wait() {
  // The last wait gone: a thread blocked in epoll_wait has nothing left to
  // wait for; let it go idle so the deadlock check can see it idle.
  if (parked_waits.fetch_sub(1, std::memory_order_seq_cst) == 1 &&
      blocked_in_poll.load(std::memory_order_seq_cst))
    break_poll();
}

std::int64_t waiters() { return parked_waits.load(std::memory_order_seq_cst); }

}  // namespace gort::rt::netpoll
