// poll/ppoll, select/pselect and epoll_wait/epoll_pwait from goroutines
// (docs/design/netpoll.md). When every fd asked about is managed, the
// goroutine takes a token per fd and direction, polls with a zero timeout,
// and if nothing is ready parks on all of them at once (and on a timer for
// the timeout); woken, it polls again with a zero timeout. Otherwise (an
// unmanaged fd such as a terminal, a signal mask to install, a plain
// thread) the call is the real one with the syscall handoff.
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <time.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "base/clock.hpp"
#include "netpoll/netpoll.hpp"
#include "syscall/net_wait.hpp"
#include "syscall/syscall.hpp"

namespace np = gort::rt::netpoll;
using gort::rt::fd_wait_item;
using gort::rt::real_libc_function;
using gort::rt::syscall_scope;

extern "C" void gort_net_poll_anchor() {}

#define GORT_REAL(name, type) \
  auto* const real_##name = GORT_LIBC(#name, type)

namespace {

constexpr std::int64_t kNone = -1;

std::int64_t deadline_after_ms(int ms) {
  return ms < 0 ? kNone : gort::rt::now_ns() + std::int64_t(ms) * 1'000'000;
}

std::int64_t deadline_after(const timespec* ts) {
  if (!ts) return kNone;
  return gort::rt::now_ns() + std::int64_t(ts->tv_sec) * 1'000'000'000 + ts->tv_nsec;
}

// The set of (fd, direction) a call waits on, built once per call. Most
// calls wait on one or two fds (cpp-httplib polls one socket per call,
// several times per request): those fit in the set itself, and only a
// larger set allocates.
struct wait_set {
  static constexpr int kInline = 4;
  fd_wait_item inline_items[kInline];
  std::vector<fd_wait_item> more;  // all items, once there are > kInline
  int n = 0;
  bool all_managed = true;

  fd_wait_item* items() { return more.empty() ? inline_items : more.data(); }
  void add(int fd, np::dir which) {
    np::fd_desc* d = np::managed(fd);
    if (!d) {
      all_managed = false;
      return;
    }
    fd_wait_item it;
    it.fd = fd;
    it.desc = d;
    it.which = which;
    if (n < kInline) {
      inline_items[n++] = it;
      return;
    }
    // Nothing is linked yet (park_on_fds links): the items may move.
    if (more.empty()) more.assign(inline_items, inline_items + n);
    more.push_back(it);
    ++n;
  }
  void snapshot() {
    fd_wait_item* it = items();
    for (int i = 0; i < n; ++i) it[i].tok = np::snapshot(it[i].desc, it[i].which);
  }
};

// The loop shared by all: `try_now` makes the call with a zero timeout.
// Returns its result, or -2 if the caller must fall back to the real
// blocking call (epoll refused an fd).
template <class TryNow>
int poll_loop(wait_set& ws, std::int64_t deadline, TryNow try_now) {
  for (;;) {
    ws.snapshot();
    int r = try_now();
    if (r != 0) return r;
    switch (gort::rt::park_on_fds(ws.items(), ws.n, deadline)) {
      case np::timed_out: return try_now();  // last look, as the kernel's
      case np::none: return -2;
      default: break;  // ready, or an fd closed: look again
    }
  }
}

void add_pollfds(wait_set& ws, const pollfd* fds, nfds_t n) {
  for (nfds_t i = 0; i < n && ws.all_managed; ++i) {
    if (fds[i].fd < 0) continue;  // ignored by poll
    short ev = fds[i].events;
    // POLLHUP and POLLERR are always reported: wait for reading then.
    if ((ev & (POLLIN | POLLPRI | POLLRDHUP)) || !(ev & POLLOUT))
      ws.add(fds[i].fd, np::read_dir);
    if (ev & POLLOUT) ws.add(fds[i].fd, np::write_dir);
  }
}

}  // namespace

extern "C" int poll(struct pollfd* fds, nfds_t n, int timeout) {
  GORT_REAL(poll, int (*)(pollfd*, nfds_t, int));
  if (timeout == 0) return real_poll(fds, n, 0);
  if (gort::rt::can_park()) {
    wait_set ws;
    add_pollfds(ws, fds, n);
    if (ws.all_managed) {
      int r = poll_loop(ws, deadline_after_ms(timeout),
                        [&] { return real_poll(fds, n, 0); });
      if (r != -2) return r;
    }
  }
  syscall_scope scope(true);
  return real_poll(fds, n, timeout);
}

extern "C" int ppoll(struct pollfd* fds, nfds_t n, const struct timespec* ts,
                     const sigset_t* mask) {
  GORT_REAL(ppoll, int (*)(pollfd*, nfds_t, const timespec*, const sigset_t*));
  static const timespec zero{0, 0};
  if (ts && ts->tv_sec == 0 && ts->tv_nsec == 0) return real_ppoll(fds, n, ts, mask);
  // A signal mask to install for the wait: only the kernel can do that.
  if (!mask && gort::rt::can_park()) {
    wait_set ws;
    add_pollfds(ws, fds, n);
    if (ws.all_managed) {
      int r = poll_loop(ws, deadline_after(ts),
                        [&] { return real_ppoll(fds, n, &zero, nullptr); });
      if (r != -2) return r;
    }
  }
  syscall_scope scope(true);
  return real_ppoll(fds, n, ts, mask);
}

namespace {

struct fd_sets {
  fd_set r, w, e;
};

// select with zero timeout on fresh copies of the caller's sets.
int select_now(int (*real)(int, fd_set*, fd_set*, fd_set*, timeval*), int n,
               fd_set* r, fd_set* w, fd_set* e, const fd_sets& orig) {
  if (r) *r = orig.r;
  if (w) *w = orig.w;
  if (e) *e = orig.e;
  timeval zero{0, 0};
  return real(n, r, w, e, &zero);
}

void add_fdsets(wait_set& ws, int n, fd_set* r, fd_set* w, fd_set* e) {
  for (int fd = 0; fd < n && ws.all_managed; ++fd) {
    if ((r && FD_ISSET(fd, r)) || (e && FD_ISSET(fd, e))) ws.add(fd, np::read_dir);
    if (w && FD_ISSET(fd, w)) ws.add(fd, np::write_dir);
  }
}

// select and pselect on the poller: parks on every fd of the sets until
// one is ready or `deadline` passes, and returns the real select's answer
// then. -2, with the sets as given, when an fd is not managed or epoll
// refused one: the caller makes the real call.
int park_select(int (*real_select)(int, fd_set*, fd_set*, fd_set*, timeval*), int n,
                fd_set* r, fd_set* w, fd_set* e, std::int64_t deadline) {
  wait_set ws;
  add_fdsets(ws, n, r, w, e);
  if (!ws.all_managed) return -2;
  fd_sets orig{};
  if (r) orig.r = *r;
  if (w) orig.w = *w;
  if (e) orig.e = *e;
  int res = poll_loop(ws, deadline,
                      [&] { return select_now(real_select, n, r, w, e, orig); });
  if (res == -2) {
    if (r) *r = orig.r;
    if (w) *w = orig.w;
    if (e) *e = orig.e;
  }
  return res;
}

}  // namespace

extern "C" int select(int n, fd_set* r, fd_set* w, fd_set* e, struct timeval* tv) {
  GORT_REAL(select, int (*)(int, fd_set*, fd_set*, fd_set*, timeval*));
  if (tv && tv->tv_sec == 0 && tv->tv_usec == 0) return real_select(n, r, w, e, tv);
  if (gort::rt::can_park() && n >= 0 && n <= FD_SETSIZE) {
    std::int64_t deadline =
        tv ? gort::rt::now_ns() + std::int64_t(tv->tv_sec) * 1'000'000'000 +
                 std::int64_t(tv->tv_usec) * 1000
           : kNone;
    int res = park_select(real_select, n, r, w, e, deadline);
    if (res != -2) {
      if (tv) {  // Linux writes back the time not slept
        std::int64_t left = deadline - gort::rt::now_ns();
        if (left < 0) left = 0;
        tv->tv_sec = time_t(left / 1'000'000'000);
        tv->tv_usec = suseconds_t(left % 1'000'000'000 / 1000);
      }
      return res;
    }
  }
  syscall_scope scope(true);
  return real_select(n, r, w, e, tv);
}

extern "C" int pselect(int n, fd_set* r, fd_set* w, fd_set* e, const struct timespec* ts,
                       const sigset_t* mask) {
  GORT_REAL(pselect, int (*)(int, fd_set*, fd_set*, fd_set*, const timespec*, const sigset_t*));
  GORT_REAL(select, int (*)(int, fd_set*, fd_set*, fd_set*, timeval*));
  if (ts && ts->tv_sec == 0 && ts->tv_nsec == 0) return real_pselect(n, r, w, e, ts, mask);
  if (!mask && gort::rt::can_park() && n >= 0 && n <= FD_SETSIZE) {
    int res = park_select(real_select, n, r, w, e, deadline_after(ts));
    if (res != -2) return res;
  }
  syscall_scope scope(true);
  return real_pselect(n, r, w, e, ts, mask);
}

// epoll_wait on the user's own epoll fd: that fd is itself pollable (it is
// readable while it has events), so the goroutine parks on it.
extern "C" int epoll_wait(int ep, struct epoll_event* ev, int max, int timeout) {
  GORT_REAL(epoll_wait, int (*)(int, epoll_event*, int, int));
  if (timeout == 0) return real_epoll_wait(ep, ev, max, 0);
  if (gort::rt::can_park() && max > 0) {
    wait_set ws;
    ws.add(ep, np::read_dir);
    if (ws.all_managed) {
      int r = poll_loop(ws, deadline_after_ms(timeout),
                        [&] { return real_epoll_wait(ep, ev, max, 0); });
      if (r != -2) return r;
    }
  }
  syscall_scope scope(true);
  return real_epoll_wait(ep, ev, max, timeout);
}

extern "C" int epoll_pwait(int ep, struct epoll_event* ev, int max, int timeout,
                           const sigset_t* mask) {
  GORT_REAL(epoll_pwait, int (*)(int, epoll_event*, int, int, const sigset_t*));
  if (!mask) return epoll_wait(ep, ev, max, timeout);
  if (timeout == 0) return real_epoll_pwait(ep, ev, max, 0, mask);
  syscall_scope scope(true);
  return real_epoll_pwait(ep, ev, max, timeout, mask);
}
