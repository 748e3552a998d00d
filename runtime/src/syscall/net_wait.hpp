// A goroutine's wait on the network poller (syscall layer side of
// netpoll/): parks on one or more fds, each in one direction, with an
// optional deadline. docs/design/netpoll.md.
#pragma once

#include <cstdint>

#include "netpoll/netpoll.hpp"

namespace gort::rt {

struct fd_wait_item {
  int fd = -1;
  netpoll::fd_desc* desc = nullptr;
  netpoll::dir which = netpoll::read_dir;
  netpoll::token tok{};     // taken before the call that failed
  netpoll::wait_node node;
};

// Parks the calling goroutine until one item's fd is ready in its
// direction (ready), deadline_ns passes (timed_out; < 0: no deadline), or
// an item's fd is closed or reused (closed). Returns `ready` at once if an
// edge came since a token was taken, `none` if epoll refused an fd (the
// caller falls back to the syscall handoff). Call only from a goroutine
// outside a system call (can_park()).
netpoll::wake_reason park_on_fds(fd_wait_item* items, int n,
                                 std::int64_t deadline_ns);

// May the caller park on the poller? A goroutine outside any system call,
// the poller on, and not in a forked child.
bool can_park();

// netpoll::deliver_fn for waits claimed outside the poller (close, dup2).
void unpark_poll_cookie(void* cookie);

// fd was just made by a call the poller does not manage (open): if the
// table still knew an fd with this number (closed behind the runtime's
// back, e.g. by fclose), forget it.
void fd_created_unmanaged(int fd);

}  // namespace gort::rt
