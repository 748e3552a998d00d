// Interposed socket, pipe and poll calls (docs/design/netpoll.md).
//
// Which fds use the poller: only those the process itself created through
// an interposed call - socket, socketpair, accept/accept4, pipe/pipe2,
// eventfd, timerfd_create, signalfd, epoll_create/epoll_create1. Every
// other fd (stdin from a terminal, a pipe inherited from the parent, a
// FIFO or device from open(), an fd libc made internally) keeps the
// syscall handoff: setting O_NONBLOCK on a description another process
// shares would change that process's reads too.
//
// Whose O_NONBLOCK (netpoll::nb_mode): sockets, eventfd, timerfd and
// signalfd are created with O_NONBLOCK added (a new open file
// description: nobody else shares it yet). Pipes are created in the
// user's mode and get the runtime's O_NONBLOCK only the first time a
// goroutine would block on them (nb_lazy): a pipe is what a child gets as
// its stdin or stdout, and what a sanitizer runtime reads its symbolizer
// through with raw system calls. A description that another process may
// get (posix_spawn's dup2 action, fork/spawn/system/popen with the fd not
// FD_CLOEXEC, dup2 onto 0-2) gets the user's mode back for good
// (nb_never, net_share.cpp). The user's mode is shadowed: fcntl
// F_GETFL/F_SETFL and ioctl FIONBIO see and change only the shadow while
// the runtime's flag is set.
//
// On a managed fd in blocking mode, a goroutine tries the call, and on
// EAGAIN parks on the poller (syscall/net_wait.cpp) and retries when woken;
// a plain thread (or a goroutine inside gort::blocking) waits in the real
// poll() instead, so it sees blocking semantics too. In user non-blocking
// mode the call is just made. Calls on unmanaged fds, and blocking calls
// on a description in the user's blocking mode, are as in interpose.cpp:
// the real call inside entersyscall/exitsyscall.
#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <vector>

#include "base/clock.hpp"
#include "base/forked_child.hpp"
#include "netpoll/netpoll.hpp"
#include "syscall/net_wait.hpp"
#include "syscall/syscall.hpp"

namespace np = gort::rt::netpoll;
using gort::rt::fd_wait_item;
using gort::rt::real_libc_function;
using gort::rt::syscall_scope;

// Referenced from interpose.cpp's anchor so this object is always linked.
extern "C" void gort_net_share_anchor();
extern "C" void gort_net_listen_anchor();
extern "C" void gort_net_io_anchor() {
  gort_net_share_anchor();
  gort_net_listen_anchor();
}

#define GORT_REAL(name, type) \
  auto* const real_##name = GORT_LIBC(#name, type)

namespace {

// errno through a fresh __errno_location() call: after a park the
// goroutine may be on another thread (see docs/design/syscalls.md).
[[gnu::noinline]] __attribute__((no_split_stack)) int get_errno() { return errno; }
[[gnu::noinline]] __attribute__((no_split_stack)) void set_errno(int e) { errno = e; }

// In a forked child every wrapper is the real call (base/forked_child.hpp).
bool forked_child() {
  return gort::rt::in_forked_child.load(std::memory_order_relaxed);
}

// The fd was made by an interposed call with the runtime's O_NONBLOCK
// (nb_ours), or in the user's mode (nb_lazy: pipes).
void adopt(int fd, bool user_nonblock, np::nb_mode mode = np::nb_ours) {
  np::adopt(fd, user_nonblock, gort::rt::unpark_poll_cookie, mode);
}

// Does fd's description have the runtime's O_NONBLOCK (or the user's)?
// Then a call on it cannot block.
bool real_nonblock(np::fd_desc* d) {
  return d->user_nonblock.load(std::memory_order_relaxed) ||
         d->mode.load(std::memory_order_relaxed) == np::nb_ours;
}

// Should fds created now be managed (and created with O_NONBLOCK)?
bool manage_new_fds() { return np::enabled() && !forked_child(); }

// The descriptor if fd is managed and the caller sees it in blocking mode.
np::fd_desc* blocking_managed(int fd) {
  if (forked_child()) return nullptr;
  np::fd_desc* d = np::managed(fd);
  return d && !d->user_nonblock.load(std::memory_order_relaxed) ? d : nullptr;
}

// The handoff for a call that may block in the kernel: not on a managed
// fd, which is O_NONBLOCK for real (the user asked for non-blocking mode
// here), so the call cannot block; a connect on loopback does the whole
// handshake inside the call, long enough for sysmon to retake the P and
// start a thread for it if it were bracketed.
struct unmanaged_scope {
  bool active;
  static bool may_block(int fd) {
    np::fd_desc* d = np::managed(fd);
    return !d || !real_nonblock(d);
  }
  explicit unmanaged_scope(int fd)
      : active(may_block(fd) && gort::rt::enter_syscall(false)) {}
  ~unmanaged_scope() {
    if (active) gort::rt::leave_syscall();
  }
};

// Nanosecond deadline for a call that starts now, from SO_RCVTIMEO or
// SO_SNDTIMEO (0: none); -1 for none.
std::int64_t deadline_for(np::fd_desc* d, np::dir which) {
  std::int64_t t = d->timeout_ns[which].load(std::memory_order_relaxed);
  return t > 0 ? gort::rt::now_ns() + t : -1;
}

int ms_until(std::int64_t deadline) {
  if (deadline < 0) return -1;
  std::int64_t left = deadline - gort::rt::now_ns();
  if (left <= 0) return 0;
  return int((left + 999'999) / 1'000'000);
}

// Waits until fd may be ready in `which` or the deadline passes. A
// goroutine parks on the poller; anyone else waits in the real poll().
np::wake_reason wait_one(int fd, np::fd_desc* d, np::dir which, np::token t,
                         std::int64_t deadline) {
  if (gort::rt::can_park()) {
    fd_wait_item it;
    it.fd = fd;
    it.desc = d;
    it.which = which;
    it.tok = t;
    np::wake_reason r = gort::rt::park_on_fds(&it, 1, deadline);
    if (r != np::none) return r;
    // epoll refused the fd (cannot happen for the kinds we manage): fall
    // through to a real poll with the handoff.
  }
  GORT_REAL(poll, int (*)(pollfd*, nfds_t, int));
  pollfd p{fd, short(which == np::read_dir ? POLLIN : POLLOUT), 0};
  int ms = ms_until(deadline);
  int r;
  {
    syscall_scope scope(ms != 0);
    r = real_poll(&p, 1, ms);
  }
  return r == 0 ? np::timed_out : np::ready;
}

// Is fd ready in `which` now (a zero-timeout poll)?
bool ready_now(int fd, np::dir which) {
  GORT_REAL(poll, int (*)(pollfd*, nfds_t, int));
  pollfd p{fd, short(which == np::read_dir ? POLLIN : POLLOUT), 0};
  int saved = get_errno();
  int r = real_poll(&p, 1, 0);
  set_errno(saved);
  return r != 0;  // ready, hung up, or an error the call itself will report
}

// The loop every blocking-mode call on a managed fd runs: take a token,
// try, and on EAGAIN wait and retry. The attempt is a plain call, without
// entersyscall: on an O_NONBLOCK fd it cannot block, and bracketing it let
// sysmon retake Ps from short calls under load (10,000 readers at
// GORT_MAXPROCS=2 made 7-9 threads instead of 4-5).
template <class Attempt>
ssize_t io_loop(int fd, np::fd_desc* d, np::dir which, Attempt attempt) {
  std::int64_t deadline = -2;  // computed at the first EAGAIN
  np::token t = np::snapshot(d, which);
  const std::uint32_t seq = t.seq;  // the fd this call is about
  for (;;) {
    if (d->mode.load(std::memory_order_acquire) != np::nb_ours) [[unlikely]] {
      // The description is in the user's blocking mode: a lazy pipe that
      // nobody waited on yet, or one shared with another process.
      bool lazy = d->mode.load(std::memory_order_relaxed) == np::nb_lazy &&
                  gort::rt::can_park();
      if (lazy && !ready_now(fd, which)) {  // would block: the poller's now
        np::take_nonblock(d, fd);
        continue;
      }
      if (d->seq.load(std::memory_order_acquire) != seq) {
        set_errno(EBADF);
        return -1;
      }
      ssize_t r;
      int e;
      {
        // May block (another reader took the data): the handoff, and no
        // attempt count (close must not wait for a blocking call).
        syscall_scope scope(false);
        r = attempt();
        e = r < 0 ? get_errno() : 0;
      }
      // EAGAIN on a blocking-mode fd: a dup'ed number of this description
      // got the runtime's flag meanwhile (netpoll.md, "Whose O_NONBLOCK").
      if (r < 0 && e == EAGAIN && lazy) {
        np::take_nonblock(d, fd);
        continue;
      }
      set_errno(e);
      return r;
    }
    if (!np::begin_attempt(d, seq)) {  // closed (and maybe reused) meanwhile
      set_errno(EBADF);
      return -1;
    }
    ssize_t r = attempt();
    int e = r < 0 ? get_errno() : 0;
    np::end_attempt(d);
    if (r >= 0 || e != EAGAIN) return r;
    if (deadline == -2) deadline = deadline_for(d, which);
    switch (wait_one(fd, d, which, t, deadline)) {
      case np::timed_out: set_errno(EAGAIN); return -1;  // as SO_RCVTIMEO does
      case np::closed: set_errno(EBADF); return -1;      // closed while we waited
      default: break;
    }
    t = np::snapshot(d, which);  // before the retry: edges from now on count
  }
}

// A blocking write to a stream writes everything (the kernel's blocking
// send loops the same way); a non-blocking fd may take less at a time.
template <class Attempt>
ssize_t write_all(int fd, np::fd_desc* d, std::size_t n, Attempt attempt) {
  std::size_t done = 0;
  for (;;) {
    ssize_t r = io_loop(fd, d, np::write_dir, [&] { return attempt(done); });
    if (r < 0) return done > 0 ? ssize_t(done) : r;
    done += std::size_t(r);
    if (done >= n || r == 0) return ssize_t(done);
  }
}

std::size_t iov_total(const iovec* iov, int n) {
  std::size_t t = 0;
  for (int i = 0; i < n; ++i) t += iov[i].iov_len;
  return t;
}

// iov without its first `skip` bytes (a copy: the caller's stays intact).
std::vector<iovec> iov_after(const iovec* iov, int n, std::size_t skip) {
  std::vector<iovec> v;
  for (int i = 0; i < n; ++i) {
    if (skip >= iov[i].iov_len) {
      skip -= iov[i].iov_len;
      continue;
    }
    v.push_back({static_cast<char*>(iov[i].iov_base) + skip, iov[i].iov_len - skip});
    skip = 0;
  }
  return v;
}

}  // namespace

// ---- read side -----------------------------------------------------------

extern "C" ssize_t read(int fd, void* buf, size_t n) {
  GORT_REAL(read, ssize_t (*)(int, void*, size_t));
  if (np::fd_desc* d = blocking_managed(fd))
    return io_loop(fd, d, np::read_dir, [&] { return real_read(fd, buf, n); });
  unmanaged_scope scope(fd);
  return real_read(fd, buf, n);
}

extern "C" ssize_t readv(int fd, const struct iovec* iov, int n) {
  GORT_REAL(readv, ssize_t (*)(int, const iovec*, int));
  if (np::fd_desc* d = blocking_managed(fd))
    return io_loop(fd, d, np::read_dir, [&] { return real_readv(fd, iov, n); });
  unmanaged_scope scope(fd);
  return real_readv(fd, iov, n);
}

extern "C" ssize_t recv(int fd, void* buf, size_t n, int fl) {
  GORT_REAL(recv, ssize_t (*)(int, void*, size_t, int));
  if (np::fd_desc* d = (fl & MSG_DONTWAIT) ? nullptr : blocking_managed(fd))
    return io_loop(fd, d, np::read_dir, [&] { return real_recv(fd, buf, n, fl); });
  unmanaged_scope scope(fd);
  return real_recv(fd, buf, n, fl);
}

extern "C" ssize_t recvfrom(int fd, void* buf, size_t n, int fl, struct sockaddr* a,
                            socklen_t* l) {
  GORT_REAL(recvfrom, ssize_t (*)(int, void*, size_t, int, sockaddr*, socklen_t*));
  if (np::fd_desc* d = (fl & MSG_DONTWAIT) ? nullptr : blocking_managed(fd))
    return io_loop(fd, d, np::read_dir,
                   [&] { return real_recvfrom(fd, buf, n, fl, a, l); });
  unmanaged_scope scope(fd);
  return real_recvfrom(fd, buf, n, fl, a, l);
}

extern "C" ssize_t recvmsg(int fd, struct msghdr* m, int fl) {
  GORT_REAL(recvmsg, ssize_t (*)(int, msghdr*, int));
  if (np::fd_desc* d = (fl & MSG_DONTWAIT) ? nullptr : blocking_managed(fd))
    return io_loop(fd, d, np::read_dir, [&] { return real_recvmsg(fd, m, fl); });
  unmanaged_scope scope(fd);
  return real_recvmsg(fd, m, fl);
}

// ---- write side ----------------------------------------------------------

extern "C" ssize_t write(int fd, const void* buf, size_t n) {
  GORT_REAL(write, ssize_t (*)(int, const void*, size_t));
  if (np::fd_desc* d = blocking_managed(fd))
    return write_all(fd, d, n, [&](std::size_t done) {
      return real_write(fd, static_cast<const char*>(buf) + done, n - done);
    });
  unmanaged_scope scope(fd);
  return real_write(fd, buf, n);
}

extern "C" ssize_t send(int fd, const void* buf, size_t n, int fl) {
  GORT_REAL(send, ssize_t (*)(int, const void*, size_t, int));
  if (np::fd_desc* d = (fl & MSG_DONTWAIT) ? nullptr : blocking_managed(fd))
    return write_all(fd, d, n, [&](std::size_t done) {
      return real_send(fd, static_cast<const char*>(buf) + done, n - done, fl);
    });
  unmanaged_scope scope(fd);
  return real_send(fd, buf, n, fl);
}

extern "C" ssize_t sendto(int fd, const void* buf, size_t n, int fl,
                          const struct sockaddr* a, socklen_t l) {
  GORT_REAL(sendto, ssize_t (*)(int, const void*, size_t, int, const sockaddr*, socklen_t));
  if (np::fd_desc* d = (fl & MSG_DONTWAIT) ? nullptr : blocking_managed(fd))
    return write_all(fd, d, n, [&](std::size_t done) {
      return real_sendto(fd, static_cast<const char*>(buf) + done, n - done, fl, a, l);
    });
  unmanaged_scope scope(fd);
  return real_sendto(fd, buf, n, fl, a, l);
}

extern "C" ssize_t writev(int fd, const struct iovec* iov, int n) {
  GORT_REAL(writev, ssize_t (*)(int, const iovec*, int));
  if (np::fd_desc* d = blocking_managed(fd)) {
    std::vector<iovec> rest;
    return write_all(fd, d, iov_total(iov, n), [&](std::size_t done) {
      if (done == 0) return real_writev(fd, iov, n);
      rest = iov_after(iov, n, done);  // rare: a partial write
      return real_writev(fd, rest.data(), int(rest.size()));
    });
  }
  unmanaged_scope scope(fd);
  return real_writev(fd, iov, n);
}

extern "C" ssize_t sendmsg(int fd, const struct msghdr* m, int fl) {
  GORT_REAL(sendmsg, ssize_t (*)(int, const msghdr*, int));
  if (np::fd_desc* d = (fl & MSG_DONTWAIT) ? nullptr : blocking_managed(fd)) {
    std::vector<iovec> rest;
    return write_all(fd, d, iov_total(m->msg_iov, int(m->msg_iovlen)),
                     [&](std::size_t done) {
                       if (done == 0) return real_sendmsg(fd, m, fl);
                       // The control data (SCM_RIGHTS...) went with the first part.
                       msghdr tail = *m;
                       rest = iov_after(m->msg_iov, int(m->msg_iovlen), done);
                       tail.msg_iov = rest.data();
                       tail.msg_iovlen = rest.size();
                       tail.msg_control = nullptr;
                       tail.msg_controllen = 0;
                       return real_sendmsg(fd, &tail, fl);
                     });
  }
  unmanaged_scope scope(fd);
  return real_sendmsg(fd, m, fl);
}

// ---- fds the process creates ---------------------------------------------

extern "C" int socket(int domain, int type, int proto) {
  GORT_REAL(socket, int (*)(int, int, int));
  if (!manage_new_fds()) return real_socket(domain, type, proto);
  int fd = real_socket(domain, type | SOCK_NONBLOCK, proto);
  if (fd >= 0) adopt(fd, type & SOCK_NONBLOCK);
  return fd;
}

extern "C" int socketpair(int domain, int type, int proto, int sv[2]) {
  GORT_REAL(socketpair, int (*)(int, int, int, int*));
  if (!manage_new_fds()) return real_socketpair(domain, type, proto, sv);
  int r = real_socketpair(domain, type | SOCK_NONBLOCK, proto, sv);
  if (r == 0) {
    adopt(sv[0], type & SOCK_NONBLOCK);
    adopt(sv[1], type & SOCK_NONBLOCK);
  }
  return r;
}

// A pipe is created in the user's mode and made O_NONBLOCK only when a
// goroutine first would block on it (nb_lazy): until then a child can be
// given it as its stdin or stdout, and code that reads it behind the
// wrappers' back (a sanitizer's symbolizer pipes) sees the mode it set.
extern "C" int pipe2(int fds[2], int flags) {
  GORT_REAL(pipe2, int (*)(int*, int));
  int r = real_pipe2(fds, flags);
  if (r == 0 && manage_new_fds()) {
    adopt(fds[0], flags & O_NONBLOCK, np::nb_lazy);
    adopt(fds[1], flags & O_NONBLOCK, np::nb_lazy);
  }
  return r;
}

extern "C" int pipe(int fds[2]) { return pipe2(fds, 0); }

extern "C" int eventfd(unsigned int initval, int flags) {
  GORT_REAL(eventfd, int (*)(unsigned, int));
  if (!manage_new_fds()) return real_eventfd(initval, flags);
  int fd = real_eventfd(initval, flags | EFD_NONBLOCK);
  if (fd >= 0) adopt(fd, flags & EFD_NONBLOCK);
  return fd;
}

extern "C" int timerfd_create(int clock, int flags) {
  GORT_REAL(timerfd_create, int (*)(int, int));
  if (!manage_new_fds()) return real_timerfd_create(clock, flags);
  int fd = real_timerfd_create(clock, flags | TFD_NONBLOCK);
  if (fd >= 0) adopt(fd, flags & TFD_NONBLOCK);
  return fd;
}

extern "C" int signalfd(int fd, const sigset_t* mask, int flags) {
  GORT_REAL(signalfd, int (*)(int, const sigset_t*, int));
  if (fd != -1 || !manage_new_fds()) return real_signalfd(fd, mask, flags);
  int nfd = real_signalfd(-1, mask, flags | SFD_NONBLOCK);
  if (nfd >= 0) adopt(nfd, flags & SFD_NONBLOCK);
  return nfd;
}

extern "C" int epoll_create1(int flags) {
  GORT_REAL(epoll_create1, int (*)(int));
  int fd = real_epoll_create1(flags);
  // Managed so that epoll_wait on it can park (an epoll fd is pollable);
  // O_NONBLOCK means nothing to epoll_wait.
  if (fd >= 0 && manage_new_fds()) adopt(fd, false);
  return fd;
}

extern "C" int epoll_create(int size) {
  if (size <= 0) {
    errno = EINVAL;
    return -1;
  }
  return epoll_create1(0);
}

extern "C" int accept4(int fd, struct sockaddr* a, socklen_t* l, int fl) {
  GORT_REAL(accept4, int (*)(int, sockaddr*, socklen_t*, int));
  bool manage = manage_new_fds();
  int extra = manage ? SOCK_NONBLOCK : 0;
  int r;
  if (np::fd_desc* d = blocking_managed(fd)) {
    do {
      r = int(io_loop(fd, d, np::read_dir,
                      [&] { return ssize_t(real_accept4(fd, a, l, fl | extra)); }));
      // A connection reset before we took it: take the next (as Go does).
    } while (r < 0 && get_errno() == ECONNABORTED);
  } else if (np::managed(fd)) {  // user non-blocking: cannot block
    r = real_accept4(fd, a, l, fl | extra);
  } else {
    syscall_scope scope(true);  // an unmanaged listener blocks: hand off now
    r = real_accept4(fd, a, l, fl | extra);
  }
  // The accepted socket is a new description, ours alone: always managed.
  if (r >= 0 && manage) adopt(r, fl & SOCK_NONBLOCK);
  return r;
}

extern "C" int accept(int fd, struct sockaddr* a, socklen_t* l) {
  return accept4(fd, a, l, 0);
}

// connect on a blocking-mode managed socket: EINPROGRESS (or EAGAIN for a
// Unix socket whose listener's backlog is full) -> wait writable -> the
// result from SO_ERROR, exactly as a blocking connect reports it.
extern "C" int connect(int fd, const struct sockaddr* a, socklen_t l) {
  GORT_REAL(connect, int (*)(int, const sockaddr*, socklen_t));
  np::fd_desc* d = blocking_managed(fd);
  if (!d || d->mode.load(std::memory_order_acquire) != np::nb_ours) {
    unmanaged_scope scope(fd);  // a socket shared with a child: blocking
    return real_connect(fd, a, l);
  }
  std::int64_t deadline = deadline_for(d, np::write_dir);
  np::token t = np::snapshot(d, np::write_dir);
  int r = real_connect(fd, a, l);
  if (r == 0) return 0;
  int e = get_errno();
  if (e != EINPROGRESS && e != EAGAIN) return r;
  bool retry_connect = e == EAGAIN;
  for (;;) {
    switch (wait_one(fd, d, np::write_dir, t, deadline)) {
      case np::timed_out: set_errno(EINPROGRESS); return -1;  // as SO_SNDTIMEO does
      case np::closed: set_errno(EBADF); return -1;
      default: break;
    }
    t = np::snapshot(d, np::write_dir);
    if (retry_connect) {
      r = real_connect(fd, a, l);
      if (r == 0) return 0;
      e = get_errno();
      if (e == EAGAIN) continue;
      if (e != EINPROGRESS) return r;
      retry_connect = false;
      continue;
    }
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) return -1;
    if (err == EINPROGRESS || err == EALREADY || err == EINTR) continue;
    if (err == EISCONN) return 0;
    if (err != 0) {
      set_errno(err);
      return -1;
    }
    // The poller may wake us before the handshake is done: check that we
    // really are connected, else wait again (Go's connect does the same).
    sockaddr_storage peer;
    socklen_t plen = sizeof peer;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &plen) == 0) return 0;
  }
}

// ---- close, dup, modes ---------------------------------------------------

// close, dup2 and dup3 over an fd with parked goroutines wake them first:
// their calls fail with EBADF and never touch the number again.
extern "C" int close(int fd) {
  GORT_REAL(close, int (*)(int));
  if (forked_child()) return real_close(fd);
  std::uint32_t seq = 0;
  if (!np::begin_close(fd, gort::rt::unpark_poll_cookie, &seq)) return real_close(fd);
  np::wait_attempts(fd);  // no retry may reach the number once it is reused
  int r = real_close(fd);
  int e = get_errno();
  np::end_close(fd, seq);
  set_errno(e);
  return r;
}

extern "C" int dup(int fd) {
  GORT_REAL(dup, int (*)(int));
  int r = real_dup(fd);
  if (r >= 0 && !forked_child())
    np::adopt_copy(fd, r, gort::rt::unpark_poll_cookie);
  return r;
}

namespace {

// In a forked child about to exec, an fd dup'ed onto (typically 0, 1, 2)
// gets its real blocking mode back: the new program must not see the
// runtime's O_NONBLOCK. The description is shared with the parent, whose
// calls on it still work (they try first and handle either mode).
void child_restore_blocking(int from, int to) {
  np::fd_desc* d = np::managed(from);
  if (!d || d->user_nonblock.load(std::memory_order_relaxed)) return;
  int fl = int(::syscall(SYS_fcntl, to, F_GETFL));
  if (fl >= 0) ::syscall(SYS_fcntl, to, F_SETFL, fl & ~O_NONBLOCK);
}

int dup_onto(int from, int to, int flags, bool is_dup3) {
  GORT_REAL(dup3, int (*)(int, int, int));
  GORT_REAL(dup2, int (*)(int, int));
  if (forked_child()) {
    int r = is_dup3 ? real_dup3(from, to, flags) : real_dup2(from, to);
    if (r >= 0) child_restore_blocking(from, to);
    return r;
  }
  // 0-2 are what children inherit and what stdio reads behind the
  // wrappers: the description goes back to the user's mode for good.
  if (to >= 0 && to <= 2 && from != to) np::share(from);
  std::uint32_t seq = 0;
  bool closing = from != to && np::begin_close(to, gort::rt::unpark_poll_cookie, &seq);
  if (closing) np::wait_attempts(to);
  int r = is_dup3 ? real_dup3(from, to, flags) : real_dup2(from, to);
  int e = get_errno();
  if (closing) np::end_close(to, seq);
  if (r >= 0 && from != to) np::adopt_copy(from, to, gort::rt::unpark_poll_cookie);
  set_errno(e);
  return r;
}

}  // namespace

extern "C" int dup2(int from, int to) { return dup_onto(from, to, 0, false); }
extern "C" int dup3(int from, int to, int flags) { return dup_onto(from, to, flags, true); }

namespace {

// fcntl's third argument is an int or a pointer; both travel in one
// register, so it is forwarded as a long.
int fcntl_impl(int (*real)(int, int, ...), int fd, int cmd, long arg) {
  np::fd_desc* d = forked_child() ? nullptr : np::managed(fd);
  switch (cmd) {
    case F_GETFL: {
      int r = real(fd, cmd);
      if (r >= 0 && d) {
        r &= ~O_NONBLOCK;
        if (d->user_nonblock.load(std::memory_order_relaxed)) r |= O_NONBLOCK;
      }
      return r;
    }
    case F_SETFL: {
      if (!d) return real(fd, cmd, arg);
      // Under the fd's lock: take_nonblock and share change the mode.
      d->lock.lock();
      bool ours = d->mode.load(std::memory_order_relaxed) == np::nb_ours;
      int r = real(fd, cmd, ours ? arg | O_NONBLOCK : arg);  // ours stays set
      int e = get_errno();
      if (r == 0) d->user_nonblock.store(arg & O_NONBLOCK, std::memory_order_relaxed);
      d->lock.unlock();
      set_errno(e);
      return r;
    }
    case F_DUPFD:
    case F_DUPFD_CLOEXEC: {
      int r = real(fd, cmd, arg);
      if (r >= 0 && !forked_child())
        np::adopt_copy(fd, r, gort::rt::unpark_poll_cookie);
      return r;
    }
    case F_SETLKW:
    case F_OFD_SETLKW: {  // waits for a lock: hand the P off
      syscall_scope scope(true);
      return real(fd, cmd, arg);
    }
    default:
      return real(fd, cmd, arg);
  }
}

}  // namespace

// Variadic definitions cannot be split-stack functions.
extern "C" __attribute__((no_split_stack)) int fcntl(int fd, int cmd, ...) {
  GORT_REAL(fcntl, int (*)(int, int, ...));
  va_list ap;
  va_start(ap, cmd);
  long arg = va_arg(ap, long);
  va_end(ap);
  return fcntl_impl(real_fcntl, fd, cmd, arg);
}

extern "C" __attribute__((no_split_stack)) int fcntl64(int fd, int cmd, ...) {
  GORT_REAL(fcntl64, int (*)(int, int, ...));
  va_list ap;
  va_start(ap, cmd);
  long arg = va_arg(ap, long);
  va_end(ap);
  return fcntl_impl(real_fcntl64, fd, cmd, arg);
}

extern "C" __attribute__((no_split_stack)) int ioctl(int fd, unsigned long req, ...) {
  GORT_REAL(ioctl, int (*)(int, unsigned long, ...));
  va_list ap;
  va_start(ap, req);
  void* arg = va_arg(ap, void*);
  va_end(ap);
  if (req == FIONBIO && !forked_child()) {
    if (np::fd_desc* d = np::managed(fd)) {
      if (!arg) {
        errno = EFAULT;
        return -1;
      }
      d->lock.lock();  // as F_SETFL
      int r = 0;
      if (d->mode.load(std::memory_order_relaxed) != np::nb_ours)
        r = real_ioctl(fd, req, arg);  // the real flag is the user's
      int e = errno;
      if (r == 0)
        d->user_nonblock.store(*static_cast<int*>(arg) != 0, std::memory_order_relaxed);
      d->lock.unlock();
      errno = e;
      return r;
    }
  }
  return real_ioctl(fd, req, arg);
}

// SO_RCVTIMEO / SO_SNDTIMEO: the kernel ignores them on our O_NONBLOCK fds,
// so the wait loops apply them (EAGAIN once the time is up).
extern "C" int setsockopt(int fd, int level, int opt, const void* val, socklen_t len) {
  GORT_REAL(setsockopt, int (*)(int, int, int, const void*, socklen_t));
  int r = real_setsockopt(fd, level, opt, val, len);
  if (r != 0 || level != SOL_SOCKET || forked_child()) return r;
  bool rcv = opt == SO_RCVTIMEO_OLD || opt == SO_RCVTIMEO_NEW;
  bool snd = opt == SO_SNDTIMEO_OLD || opt == SO_SNDTIMEO_NEW;
  if ((rcv || snd) && len >= socklen_t(sizeof(timeval)))
    if (np::fd_desc* d = np::managed(fd)) {
      // On 64-bit Linux, timeval and the _NEW options' layout agree.
      const auto* tv = static_cast<const timeval*>(val);
      std::int64_t ns = std::int64_t(tv->tv_sec) * 1'000'000'000 + tv->tv_usec * 1000;
      d->timeout_ns[rcv ? np::read_dir : np::write_dir].store(ns, std::memory_order_relaxed);
    }
  return r;
}

// stdio reads and writes through libc's internal calls, which the poller
// cannot see: an fd given to fdopen gets its real blocking mode back and
// is no longer managed.
extern "C" FILE* fdopen(int fd, const char* mode) {
  GORT_REAL(fdopen, FILE* (*)(int, const char*));
  if (np::fd_desc* d = forked_child() ? nullptr : np::managed(fd)) {
    if (!d->user_nonblock.load(std::memory_order_relaxed)) {
      int fl = int(::syscall(SYS_fcntl, fd, F_GETFL));
      if (fl >= 0) ::syscall(SYS_fcntl, fd, F_SETFL, fl & ~O_NONBLOCK);
    }
    np::forget(fd, np::ready, gort::rt::unpark_poll_cookie);
  }
  return real_fdopen(fd, mode);
}
