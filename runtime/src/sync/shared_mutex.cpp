// gort::shared_mutex: Go's RWMutex semantics with direct hand-off. A
// waiting writer blocks new readers; when a writer unlocks, the readers
// that queued behind it go first, then the next writer.
//
// Race edges (Go's rwmutex.go): a writer's unlock releases readers_'s
// address, which readers and the next writer acquire; a reader's unlock
// releases writer_'s, which the next writer acquires.
#include <gort/sync.hpp>

#include "base/fatal.hpp"
#include "base/race.hpp"
#include "base/owned_lock.hpp"
#include "scheduler/waiter_list.hpp"

namespace gort {

using detail::wait_reason;
using rt::waiter;

// The layout users embed must not change (the size before the one waiter
// FIFO, x86-64).
static_assert(sizeof(shared_mutex) == 48 && alignof(shared_mutex) == 8);

namespace {
// A writer owns the lock: after every writer's and reader's unlock.
void acquired_exclusive(const std::uint32_t& readers, const bool& writer) {
  rt::race_acquire(&readers);
  rt::race_acquire(&writer);
}
}  // namespace

void shared_mutex::lock() {
  lock_.lock();
  if (!writer_ && readers_ == 0) {
    writer_ = true;
    rt::unlock(lock_);
    acquired_exclusive(readers_, writer_);
    return;
  }
  waiter w;
  rt::init_waiter(w);
  ++writers_waiting_;
  rt::push_back(writers_, &w);
  rt::park(w, lock_, wait_reason::rwmutex_lock);  // woken as the owner
  acquired_exclusive(readers_, writer_);
}

bool shared_mutex::try_lock() {
  lock_.lock();
  bool ok = !writer_ && readers_ == 0;
  if (ok) writer_ = true;
  rt::unlock(lock_);
  if (ok) acquired_exclusive(readers_, writer_);
  return ok;
}

void shared_mutex::unlock() {
  rt::race_release(&readers_);
  lock_.lock();
  if (!writer_) {
    rt::unlock(lock_);
    rt::fatal_misuse("sync: Unlock of unlocked RWMutex");
  }
  writer_ = false;
  waiter* wake = nullptr;
  std::uint32_t n;
  if ((wake = rt::take_front(readers_queued_, rt::all_waiters, &n))) {
    // Hand the lock to every reader that queued behind this writer.
    readers_ += n;
  } else if ((wake = rt::pop_front(writers_))) {
    --writers_waiting_;
    writer_ = true;
  }
  rt::unlock(lock_);
  rt::unpark_chain(wake);
}

void shared_mutex::lock_shared() {
  lock_.lock();
  if (!writer_ && writers_waiting_ == 0) {
    ++readers_;
    rt::unlock(lock_);
    rt::race_acquire(&readers_);
    return;
  }
  waiter w;
  rt::init_waiter(w);
  rt::push_back(readers_queued_, &w);
  rt::park(w, lock_, wait_reason::rwmutex_rlock);  // woken holding a read lock
  rt::race_acquire(&readers_);
}

bool shared_mutex::try_lock_shared() {
  lock_.lock();
  bool ok = !writer_ && writers_waiting_ == 0;
  if (ok) ++readers_;
  rt::unlock(lock_);
  if (ok) rt::race_acquire(&readers_);
  return ok;
}

void shared_mutex::unlock_shared() {
  rt::race_release(&writer_);
  lock_.lock();
  if (readers_ == 0) {
    rt::unlock(lock_);
    rt::fatal_misuse("sync: RUnlock of unlocked RWMutex");
  }
  waiter* wake = nullptr;
  if (--readers_ == 0 && (wake = rt::pop_front(writers_))) {
    --writers_waiting_;
    writer_ = true;
  }
  rt::unlock(lock_);
  rt::unpark_chain(wake);
}

}  // namespace gort
