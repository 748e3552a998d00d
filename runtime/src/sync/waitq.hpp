// Intrusive FIFO of waiters (head/tail fields embedded in gort objects).
#pragma once

#include "scheduler/park.hpp"

namespace gort::rt {

inline void waitq_push(waiter*& head, waiter*& tail, waiter* w) {
  w->next = nullptr;
  w->prev = tail;
  if (tail) tail->next = w; else head = w;
  tail = w;
}

inline waiter* waitq_pop(waiter*& head, waiter*& tail) {
  waiter* w = head;
  if (!w) return nullptr;
  head = w->next;
  if (head) head->prev = nullptr; else tail = nullptr;
  w->next = w->prev = nullptr;
  return w;
}

inline void waitq_remove(waiter*& head, waiter*& tail, waiter* w) {
  if (w->prev) w->prev->next = w->next; else head = w->next;
  if (w->next) w->next->prev = w->prev; else tail = w->prev;
  w->next = w->prev = nullptr;
}

// Wakes a detached list (linked through next) after its lock is released.
inline void unpark_list(waiter* w) {
  while (w) {
    waiter* next = w->next;  // read before unpark: w may vanish after it
    unpark(*w);
    w = next;
  }
}

}  // namespace gort::rt
