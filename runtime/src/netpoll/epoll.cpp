// The one epoll instance (Go's netpoll_epoll.go). Every system call here is
// made with syscall(2), never through libc's exported names: those are
// gort's interposed wrappers, which would adopt or park.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "base/clock.hpp"
#include "base/fatal.hpp"
#include "netpoll/epoll.hpp"

namespace gort::rt::netpoll {

std::atomic<bool> blocked_in_poll{false};

namespace {

// Event data: seq in the high half, fd in the low half. The break eventfd
// is tagged with all ones (no fd has that number).
constexpr std::uint64_t kBreakTag = ~std::uint64_t(0);

int epfd = -1;
int break_fd = -1;
std::once_flag init_once;
std::atomic<bool> break_pending{false};
std::atomic<std::int64_t> last_poll{0};

void init() {
  std::call_once(init_once, [] {
    epfd = int(::syscall(SYS_epoll_create1, EPOLL_CLOEXEC));
    break_fd = int(::syscall(SYS_eventfd2, 0, EFD_NONBLOCK | EFD_CLOEXEC));
    if (epfd < 0 || break_fd < 0) fatal("netpoll: cannot create the epoll instance");
    epoll_event ev{};
    ev.events = EPOLLIN;  // level-triggered: drained by whoever wakes
    ev.data.u64 = kBreakTag;
    if (::syscall(SYS_epoll_ctl, epfd, EPOLL_CTL_ADD, break_fd, &ev) != 0)
      fatal("netpoll: cannot register the break eventfd");
  });
}

void deliver_event(const epoll_event& ev, void (*deliver)(void*, void*),
                   void* ctx, int* delivered) {
  int fd = int(std::uint32_t(ev.data.u64));
  std::uint32_t seq = std::uint32_t(ev.data.u64 >> 32);
  fd_desc* d = desc_for_event(fd);
  if (!d) return;
  bool rd = ev.events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR | EPOLLPRI);
  bool wr = ev.events & (EPOLLOUT | EPOLLHUP | EPOLLERR);
  d->lock.lock();
  // An event for an fd that was closed (and maybe reused) since it was
  // queued: drop it, never hand it to the new fd's waiters.
  if (d->seq.load(std::memory_order_relaxed) == seq) {
    for (int which = 0; which < 2; ++which) {
      if (!(which == read_dir ? rd : wr)) continue;
      d->gen[which].fetch_add(1, std::memory_order_release);
      for (wait_node* n = d->head[which]; n; n = n->next) {
        bool was_parked = false;
        if (claim(*n->owner, ready, &was_parked) && was_parked) {
          deliver(n->owner->cookie, ctx);
          ++*delivered;
        }
      }
    }
  }
  d->lock.unlock();
}

}  // namespace

bool epoll_add(int fd, std::uint32_t seq) {
  init();
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLPRI | EPOLLET;
  ev.data.u64 = (std::uint64_t(seq) << 32) | std::uint32_t(fd);
  if (::syscall(SYS_epoll_ctl, epfd, EPOLL_CTL_ADD, fd, &ev) == 0) return true;
  if (errno == EEXIST)  // registered through a dup'ed fd: refresh the tag
    return ::syscall(SYS_epoll_ctl, epfd, EPOLL_CTL_MOD, fd, &ev) == 0;
  return false;
}

void epoll_remove(int fd) {
  init();
  epoll_event ev{};
  ::syscall(SYS_epoll_ctl, epfd, EPOLL_CTL_DEL, fd, &ev);
}

int poll(int timeout_ms, void (*deliver)(void*, void*), void* ctx) {
  init();
  epoll_event evs[128];
  int saved_errno = errno;
  int n = int(::syscall(SYS_epoll_wait, epfd, evs, 128, timeout_ms));
  last_poll.store(now_ns(), std::memory_order_relaxed);
  int delivered = 0;
  for (int i = 0; i < n; ++i) {
    if (evs[i].data.u64 == kBreakTag) {
      std::uint64_t v;
      ::syscall(SYS_read, break_fd, &v, sizeof v);
      break_pending.store(false, std::memory_order_release);
      continue;
    }
    deliver_event(evs[i], deliver, ctx, &delivered);
  }
  errno = saved_errno;
  return delivered;
}

void break_poll() {
  init();
  if (break_pending.exchange(true, std::memory_order_acq_rel)) return;
  std::uint64_t one = 1;
  ::syscall(SYS_write, break_fd, &one, sizeof one);
}

std::int64_t last_poll_ns() { return last_poll.load(std::memory_order_relaxed); }

}  // namespace gort::rt::netpoll
