// gort::after (Go's time.After): a runtime timer that sends the time once
// into a channel of capacity 1. The timer owns a reference to the channel,
// so the channel outlives every handle the user dropped until it fires.
#include "chan/chan_core.hpp"
#include "timer/timer.hpp"

namespace gort::detail {

namespace {

struct after_timer : rt::timer {
  chan_shared* c = nullptr;
};

// Sends now into c if there is room; never blocks and never throws (a
// user may have closed the channel, or filled its one slot: then the tick
// is dropped, as Go's sendTime does).
void send_time(chan_shared* sh) noexcept {
  chan_core* c = core_of(sh);
  auto now = std::chrono::steady_clock::time_point(
      std::chrono::nanoseconds(rt::now_ns()));
  c->lock.lock();
  if (c->closed.load(std::memory_order_relaxed) != 0) {
    c->lock.unlock();
    return;
  }
  if (waiter* r = dequeue_claimed(c->recvq)) {
    waiter* wake = send_to_receiver(c, r, &now);
    c->lock.unlock();
    rt::unpark(*wake);
    return;
  }
  if (c->count.load(std::memory_order_relaxed) < c->cap) buffer_put(c, &now);
  c->lock.unlock();
}

// Runs on the timer thread. The timer is ours: after this returns, timer/
// no longer touches it, so it is freed here.
void fire_after(rt::timer* t) {
  auto* at = static_cast<after_timer*>(t);
  send_time(at->c);
  // Allocated by the goroutine that called after(): the free is runtime
  // business, not a race (race builds, docs/design/sanitizers.md).
  rt::race_ignore_memory runtime_free;
  chan_release(at->c);
  delete at;
}

}  // namespace

void chan_send_time_after(chan_shared* c, std::int64_t delay_ns) {
  if (delay_ns <= 0) {
    send_time(c);
    return;
  }
  auto* t = new after_timer;
  std::int64_t now = rt::now_ns();
  t->when = delay_ns > INT64_MAX - now ? INT64_MAX : now + delay_ns;
  t->fire = fire_after;
  chan_retain(c);
  t->c = c;
  rt::add_timer(t);
}

}  // namespace gort::detail
