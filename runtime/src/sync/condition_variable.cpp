// gort::condition_variable: Go's sync.Cond with the standard interface.
// The waiter is queued before the caller's lock is released, so a notify
// issued after the caller unlocks cannot be missed. Timed waits race a
// runtime timer against notify under the cv's own lock.
#include <gort/sync.hpp>

#include "base/owned_lock.hpp"
#include "scheduler/waiter_list.hpp"
#include "timer/timer.hpp"

namespace gort {

// The layout users embed must not change (the size before the one waiter
// FIFO, x86-64).
static_assert(sizeof(condition_variable) == 24 &&
              alignof(condition_variable) == 8);

namespace {

struct cv_timeout : rt::timer {
  detail::raw_lock* lock;
  detail::waiter_list* waiters;
  rt::waiter* w;        // w->ticket == 1: w is queued (guarded by *lock)
  bool fired = false;   // guarded by *lock
};

// Runs on the timer thread (timer lock held; lock order: timer -> cv).
void fire_timeout(rt::timer* t) {
  auto* c = static_cast<cv_timeout*>(t);
  c->lock->lock();
  c->fired = true;
  rt::waiter* w = nullptr;
  if (c->w->ticket == 1) {
    rt::remove(*c->waiters, c->w);
    c->w->ticket = 0;
    c->w->success = false;
    w = c->w;
  }
  c->lock->unlock();
  if (w) rt::unpark(*w);
}

}  // namespace

bool condition_variable::wait_impl(void* user_lock, void (*unlock)(void*),
                                   void (*relock)(void*),
                                   std::int64_t deadline_ns) {
  rt::waiter w;
  rt::init_waiter(w);
  cv_timeout timeout;
  timeout.lock = &lock_;
  timeout.waiters = &waiters_;
  timeout.w = &w;
  if (deadline_ns >= 0) {
    // Added before lock_ is taken: the timer lock is ordered before lock_.
    timeout.when = deadline_ns;
    timeout.fire = fire_timeout;
    rt::add_timer(&timeout);
  }
  lock_.lock();
  if (timeout.fired) {
    rt::unlock(lock_);
    rt::del_timer(&timeout);
    return false;
  }
  rt::push_back(waiters_, &w);
  w.ticket = 1;
  unlock(user_lock);
  rt::park(w, lock_, detail::wait_reason::cond_wait);
  // Woken by notify (success) or by the timer. del_timer also waits for a
  // firing timeout to finish touching this frame.
  if (deadline_ns >= 0) rt::del_timer(&timeout);
  relock(user_lock);
  return w.success;
}

void condition_variable::notify_one() noexcept {
  lock_.lock();
  rt::waiter* w = rt::pop_front(waiters_);
  if (w) {
    w->ticket = 0;
    w->success = true;
  }
  rt::unlock(lock_);
  if (w) rt::unpark(*w);
}

void condition_variable::notify_all() noexcept {
  lock_.lock();
  rt::waiter* chain = rt::take_front(waiters_, rt::all_waiters);
  for (rt::waiter* w = chain; w; w = w->next) {
    w->ticket = 0;
    w->success = true;
  }
  rt::unlock(lock_);
  rt::unpark_chain(chain);
}

}  // namespace gort
