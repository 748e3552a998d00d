// detail::park_queue and detail::semaphore: the parking primitives that
// gort::mutex and gort::wait_group embed (Go: sema.go's semacquire /
// semrelease, with the queue in the object instead of a global table).
#include <gort/detail/park.hpp>

#include "base/owned_lock.hpp"
#include "scheduler/waiter_list.hpp"

namespace gort::detail {

// The layout of the objects users embed (gort::mutex, wait_group) must not
// change with the runtime's internals: these are the sizes before the one
// waiter FIFO replaced the head/tail pairs (x86-64).
static_assert(sizeof(waiter_list) == 16);
static_assert(sizeof(park_queue) == 24 && alignof(park_queue) == 8);
static_assert(sizeof(semaphore) == 24 && alignof(semaphore) == 8);

void park_queue::wait_if(const std::atomic<std::uint32_t>& word,
                         std::uint32_t expected, wait_reason why) {
  waiter w;
  rt::init_waiter(w);
  lock.lock();
  if (word.load(std::memory_order_relaxed) != expected) {
    rt::unlock(lock);
    return;
  }
  rt::push_back(waiters, &w);
  rt::park(w, lock, why);
}

std::uint32_t park_queue::wake(std::uint32_t n) {
  std::uint32_t woken;
  lock.lock();
  waiter* chain = rt::take_front(waiters, n, &woken);
  rt::unlock(lock);
  rt::unpark_chain(chain);
  return woken;
}

void semaphore::acquire(wait_reason why) {
  lock.lock();
  if (count > 0) {
    --count;
    rt::unlock(lock);
    return;
  }
  waiter w;
  rt::init_waiter(w);
  rt::push_back(waiters, &w);
  rt::park(w, lock, why);  // woken holding the permit
}

void semaphore::release(std::uint32_t n) {
  std::uint32_t handed;
  lock.lock();
  waiter* chain = rt::take_front(waiters, n, &handed);
  count += n - handed;  // the permits no waiter took
  rt::unlock(lock);
  rt::unpark_chain(chain);
}

}  // namespace gort::detail
