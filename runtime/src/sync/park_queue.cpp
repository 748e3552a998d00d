// detail::park_queue and detail::semaphore: the parking primitives that
// gort::mutex and gort::wait_group embed (Go: sema.go's semacquire /
// semrelease, with the queue in the object instead of a global table).
#include <gort/detail/park.hpp>

#include "sync/waitq.hpp"

namespace gort::detail {

void park_queue::wait_if(const std::atomic<std::uint32_t>& word,
                         std::uint32_t expected, wait_reason why) {
  waiter w;
  rt::init_waiter(w);
  lock.lock();
  if (word.load(std::memory_order_relaxed) != expected) {
    lock.unlock();
    return;
  }
  rt::waitq_push(head, tail, &w);
  rt::park(w, lock, why);
}

std::uint32_t park_queue::wake(std::uint32_t n) {
  waiter* list = nullptr;
  waiter* last = nullptr;
  std::uint32_t woken = 0;
  lock.lock();
  while (woken < n) {
    waiter* w = rt::waitq_pop(head, tail);
    if (!w) break;
    if (last) last->next = w; else list = w;
    last = w;
    ++woken;
  }
  lock.unlock();
  rt::unpark_list(list);
  return woken;
}

void semaphore::acquire(wait_reason why) {
  lock.lock();
  if (count > 0) {
    --count;
    lock.unlock();
    return;
  }
  waiter w;
  rt::init_waiter(w);
  rt::waitq_push(head, tail, &w);
  rt::park(w, lock, why);  // woken holding the permit
}

void semaphore::release(std::uint32_t n) {
  waiter* list = nullptr;
  waiter* last = nullptr;
  lock.lock();
  while (n > 0) {
    waiter* w = rt::waitq_pop(head, tail);
    if (!w) break;
    if (last) last->next = w; else list = w;
    last = w;
    --n;
  }
  count += n;
  lock.unlock();
  rt::unpark_list(list);
}

}  // namespace gort::detail
