// The descriptor table: one fd_desc per fd number, in chunks allocated on
// first use and never freed, so the poller can look a descriptor up from an
// epoll event without a lock (the sequence number in the event, not the
// pointer's lifetime, tells whether the event is still for this fd).
#include <sched.h>

#include <cstdlib>

#include "base/env.hpp"
#include "base/fatal.hpp"
#include "netpoll/epoll.hpp"
#include "netpoll/netpoll.hpp"

namespace gort::rt::netpoll {

namespace {

constexpr int kChunkBits = 10;
constexpr int kChunk = 1 << kChunkBits;
constexpr int kChunks = 4096;  // fds below 4M (far above any RLIMIT_NOFILE seen)

constinit std::atomic<fd_desc*> chunks[kChunks] = {};

fd_desc* lookup(int fd) {
  if (fd < 0 || (fd >> kChunkBits) >= kChunks) return nullptr;
  fd_desc* c = chunks[fd >> kChunkBits].load(std::memory_order_acquire);
  return c ? &c[fd & (kChunk - 1)] : nullptr;
}

fd_desc* lookup_or_create(int fd) {
  if (fd < 0 || (fd >> kChunkBits) >= kChunks) return nullptr;
  std::atomic<fd_desc*>& slot = chunks[fd >> kChunkBits];
  fd_desc* c = slot.load(std::memory_order_acquire);
  if (!c) {
    fd_desc* fresh = new fd_desc[kChunk];
    if (slot.compare_exchange_strong(c, fresh, std::memory_order_acq_rel))
      c = fresh;
    else
      delete[] fresh;  // another thread won; c holds its chunk
  }
  return &c[fd & (kChunk - 1)];
}

// With d's lock held: forget everything about the fd that had this number
// and claim its waits for `why`.
void reset_locked(fd_desc* d, int fd, wake_reason why, deliver_fn deliver) {
  d->lock.assert_held();
  d->seq.fetch_add(1, std::memory_order_seq_cst);  // see begin_attempt
  if (d->registered) {
    // Before the real close: a dup of the fd would keep the registration
    // (and its events) alive otherwise. Stale events already queued carry
    // the old seq and are dropped by the poller.
    epoll_remove(fd);
    d->registered = false;
  }
  d->managed.store(false, std::memory_order_relaxed);
  d->closing.store(false, std::memory_order_relaxed);
  d->user_nonblock.store(false, std::memory_order_relaxed);
  d->mode.store(nb_ours, std::memory_order_relaxed);
  d->pipe.store(false, std::memory_order_relaxed);
  d->timeout_ns[0].store(0, std::memory_order_relaxed);
  d->timeout_ns[1].store(0, std::memory_order_relaxed);
  for (int which = 0; which < 2; ++which)
    for (wait_node* n = d->head[which]; n; n = n->next) {
      bool was_parked = false;
      if (claim(*n->owner, why, &was_parked) && was_parked)
        deliver(n->owner->cookie);
    }
}

}  // namespace

bool enabled() {
  static const bool on = debug_setting("netpoll", 0, 1, 1) != 0;
  return on;
}

fd_desc* managed(int fd) {
  fd_desc* d = lookup(fd);
  return d && d->managed.load(std::memory_order_acquire) ? d : nullptr;
}

void adopt(int fd, bool user_nonblock, deliver_fn deliver, nb_mode mode) {
  fd_desc* d = lookup_or_create(fd);
  if (!d) return;  // beyond the table: stays unmanaged (handoff)
  d->lock.lock();
  reset_locked(d, fd, closed, deliver);
  d->user_nonblock.store(user_nonblock, std::memory_order_relaxed);
  d->mode.store(mode, std::memory_order_relaxed);
  d->pipe.store(mode == nb_lazy, std::memory_order_relaxed);  // only pipes start lazy
  d->managed.store(true, std::memory_order_release);
  d->lock.unlock();
}

bool forget(int fd, wake_reason why, deliver_fn deliver) {
  fd_desc* d = lookup(fd);
  if (!d) return false;
  d->lock.lock();
  bool was = d->managed.load(std::memory_order_relaxed);
  // An unmanaged descriptor may still hold waits (closed behind our back,
  // then reused): claim those too.
  if (was || d->head[0] || d->head[1]) reset_locked(d, fd, why, deliver);
  d->lock.unlock();
  return was;
}

bool begin_close(int fd, deliver_fn deliver, std::uint32_t* seq_after) {
  fd_desc* d = lookup(fd);
  if (!d) return false;
  d->lock.lock();
  bool was = d->managed.load(std::memory_order_relaxed);
  if (was || d->head[0] || d->head[1]) {
    reset_locked(d, fd, closed, deliver);
    if (was) {
      d->managed.store(true, std::memory_order_relaxed);
      d->closing.store(true, std::memory_order_seq_cst);
    }
  }
  *seq_after = d->seq.load(std::memory_order_relaxed);
  d->lock.unlock();
  return was;
}

void end_close(int fd, std::uint32_t seq_after) {
  fd_desc* d = lookup(fd);
  if (!d) return;
  d->lock.lock();
  if (d->seq.load(std::memory_order_relaxed) == seq_after) {
    d->managed.store(false, std::memory_order_relaxed);
    d->closing.store(false, std::memory_order_relaxed);
  }
  d->lock.unlock();
}

void adopt_copy(int from, int to, deliver_fn deliver) {
  fd_desc* src = managed(from);
  if (!src) {
    forget(to, closed, deliver);
    return;
  }
  bool nb = src->user_nonblock.load(std::memory_order_relaxed);
  // Same open file description, so the same real O_NONBLOCK.
  auto mode = nb_mode(src->mode.load(std::memory_order_relaxed));
  std::int64_t rt = src->timeout_ns[0].load(std::memory_order_relaxed);
  std::int64_t wt = src->timeout_ns[1].load(std::memory_order_relaxed);
  bool is_pipe = src->pipe.load(std::memory_order_relaxed);
  adopt(to, nb, deliver, mode);
  if (fd_desc* d = managed(to)) {
    d->pipe.store(is_pipe, std::memory_order_relaxed);
    d->timeout_ns[0].store(rt, std::memory_order_relaxed);
    d->timeout_ns[1].store(wt, std::memory_order_relaxed);
  }
}

bool begin_attempt(fd_desc* d, std::uint32_t seq) {
  // Against close: attempts++ then load seq, vs seq++ then load attempts
  // (both seq_cst): either we see the new seq or close sees us in flight.
  d->attempts.fetch_add(1, std::memory_order_seq_cst);
  if (d->seq.load(std::memory_order_seq_cst) == seq &&
      !d->closing.load(std::memory_order_seq_cst))
    return true;
  d->attempts.fetch_sub(1, std::memory_order_release);
  return false;
}

void end_attempt(fd_desc* d) { d->attempts.fetch_sub(1, std::memory_order_release); }

void wait_attempts(int fd) {
  fd_desc* d = lookup(fd);
  if (!d) return;
  for (int spins = 0; d->attempts.load(std::memory_order_acquire) != 0; ++spins)
    if (spins > 100) sched_yield();
}

token snapshot(fd_desc* d, dir which) {
  return token{d->seq.load(std::memory_order_acquire),
               d->gen[which].load(std::memory_order_acquire)};
}

fd_desc* desc_for_event(int fd) { return lookup(fd); }

void for_each_managed(void (*fn)(fd_desc* d, int fd)) {
  for (int c = 0; c < kChunks; ++c) {
    fd_desc* chunk = chunks[c].load(std::memory_order_acquire);
    if (!chunk) continue;
    for (int i = 0; i < kChunk; ++i)
      if (chunk[i].managed.load(std::memory_order_acquire)) fn(&chunk[i], c * kChunk + i);
  }
}

}  // namespace gort::rt::netpoll
