// park_on_fds: link one wait node per (fd, direction), arm a timer for the
// deadline, park with the commit of netpoll.hpp's protocol as the
// after-switch action, and unlink everything once woken.
#include "syscall/net_wait.hpp"

#include <vector>

#include "base/clock.hpp"
#include "base/forked_child.hpp"
#include "scheduler/park.hpp"
#include "syscall/syscall.hpp"
#include "timer/timer.hpp"

namespace gort::rt {

namespace {

struct io_wait : timer {
  netpoll::poll_wait pw;
  waiter w;
};

// Timer thread: the deadline passed.
void fire_deadline(timer* t) {
  auto* s = static_cast<io_wait*>(t);
  bool was_parked = false;
  if (netpoll::claim(s->pw, netpoll::timed_out, &was_parked) && was_parked)
    unpark(s->w);
}

// After the goroutine's context is saved (park's unlock step): armed ->
// parked, unless an event, the timer or close claimed it first; then
// nobody else will unpark it, so it is readied here.
void commit_or_ready(void* arg) {
  auto* s = static_cast<io_wait*>(arg);
  if (!netpoll::commit(s->pw)) unpark(s->w);
}

}  // namespace

void unpark_poll_cookie(void* cookie) { unpark(*static_cast<waiter*>(cookie)); }

void fd_created_unmanaged(int fd) {
  if (fd >= 0 && netpoll::managed(fd))
    netpoll::forget(fd, netpoll::closed, unpark_poll_cookie);
}

bool can_park() {
  return netpoll::enabled() && !in_forked_child.load(std::memory_order_relaxed) && !syscalls_without_handoff &&
         on_goroutine_outside_syscall();
}

netpoll::wake_reason park_on_fds(fd_wait_item* items, int n,
                                 std::int64_t deadline_ns) {
  if (deadline_ns >= 0 && deadline_ns <= now_ns()) return netpoll::timed_out;
  io_wait s;
  init_waiter(s.w);
  s.pw.cookie = &s.w;
  // Only fd waits make the poller a possible waker (checkdead); a poll()
  // on no fds at all is a plain sleep (or, without deadline, forever).
  if (n > 0) netpoll::begin_wait();
  netpoll::wake_reason result = netpoll::none;
  bool all_linked = true;
  for (int i = 0; i < n && all_linked; ++i) {
    fd_wait_item& it = items[i];
    switch (netpoll::link(it.node, it.desc, it.fd, it.which, it.tok, s.pw)) {
      case netpoll::link_result::linked: break;
      case netpoll::link_result::changed: result = netpoll::ready; all_linked = false; break;
      case netpoll::link_result::closed: result = netpoll::closed; all_linked = false; break;
      case netpoll::link_result::unpollable: result = netpoll::none; all_linked = false; break;
    }
  }
  if (all_linked) {
    if (deadline_ns >= 0) {
      s.when = deadline_ns;
      s.fire = fire_deadline;
      add_timer(&s);
    }
    park(s.w, commit_or_ready, &s, detail::wait_reason::io_wait);
    // del_timer returns only when fire is not running: s may then go.
    if (deadline_ns >= 0) del_timer(&s);
    result = netpoll::reason(s.pw);
  }
  // Whoever claimed us is done with our nodes only once we hold each fd's
  // lock (events, close) or the timer is deleted: unlinking takes the lock.
  for (int i = 0; i < n; ++i) netpoll::unlink(items[i].node);
  if (n > 0) netpoll::end_wait();
  return result;
}

}  // namespace gort::rt
