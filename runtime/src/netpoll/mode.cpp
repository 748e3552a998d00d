// Whose O_NONBLOCK a managed fd's open file description has (nb_mode in
// netpoll.hpp; docs/design/netpoll.md, "Whose O_NONBLOCK"). An open file
// description's flags are shared by every fd and every process that
// refers to it: the runtime sets O_NONBLOCK only while the description is
// the process's own, and gives the user's mode back the moment another
// process may get it. System calls are raw (syscall(2)): the libc names
// are gort's fcntl wrapper, which shadows the flag.
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

#include "netpoll/epoll.hpp"
#include "netpoll/netpoll.hpp"

namespace gort::rt::netpoll {

namespace {

void set_real_nonblock(int fd, bool on) {
  int fl = int(::syscall(SYS_fcntl, fd, F_GETFL));
  if (fl < 0) return;
  int want = on ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK);
  if (want != fl) ::syscall(SYS_fcntl, fd, F_SETFL, want);
}

// Under d's lock.
void share_locked(fd_desc* d, int fd) {
  d->lock.assert_held();
  if (!d->managed.load(std::memory_order_relaxed)) return;
  if (d->mode.load(std::memory_order_relaxed) == nb_ours &&
      !d->user_nonblock.load(std::memory_order_relaxed))
    set_real_nonblock(fd, false);
  // Calls that read nb_ours just before this may still try once on the
  // now blocking fd: that try blocks its thread like an unseen blocking
  // call (sysmon lets the other goroutines run), then sees data.
  d->mode.store(nb_never, std::memory_order_release);
}

void share_if_inheritable(fd_desc* d, int fd) {
  if (!d->pipe.load(std::memory_order_relaxed)) return;
  int fdfl = int(::syscall(SYS_fcntl, fd, F_GETFD));
  if (fdfl < 0 || (fdfl & FD_CLOEXEC)) return;
  d->lock.lock();
  share_locked(d, fd);
  d->lock.unlock();
}

}  // namespace

void take_nonblock(fd_desc* d, int fd) {
  d->lock.lock();
  if (d->managed.load(std::memory_order_relaxed) &&
      d->mode.load(std::memory_order_relaxed) == nb_lazy) {
    set_real_nonblock(fd, true);
    d->mode.store(nb_ours, std::memory_order_release);
  }
  d->lock.unlock();
}

void share(int fd) {
  fd_desc* d = managed(fd);
  if (!d) return;
  d->lock.lock();
  share_locked(d, fd);
  d->lock.unlock();
}

void share_inheritable() {
  int saved = errno;  // called from wrappers whose errno is the real call's
  for_each_managed(share_if_inheritable);
  errno = saved;
}

}  // namespace gort::rt::netpoll
