// listen() on a socket the poller manages: the backlog is at least the
// system's somaxconn, as Go's net package always asks for
// (docs/design/netpoll.md, "The listen backlog").
//
// Why: a thread blocked in accept() is woken by the kernel and runs at
// once; a goroutine parked on the poller must first be noticed by a poll
// and then get a P, behind whatever the Ps are running. A burst of
// connections that a dedicated accept thread would take one by one fills
// a small queue meanwhile, and every connection the kernel drops then
// costs its client a SYN retransmission, one second. cpp-httplib, for one,
// asks for 5. The kernel treats the number as a hint and caps it at
// somaxconn anyway; a larger queue only holds connections that would
// otherwise be refused or delayed.
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "base/forked_child.hpp"
#include "netpoll/netpoll.hpp"
#include "syscall/syscall.hpp"

namespace np = gort::rt::netpoll;

namespace {

// /proc/sys/net/core/somaxconn, read once (Go's maxListenerBacklog); the
// kernel's own default when it cannot be read. Read with raw calls: the
// interposed open/read would adopt or park.
int somaxconn() {
  static std::atomic<int> cached{0};
  int v = cached.load(std::memory_order_relaxed);
  if (v > 0) return v;
  v = 4096;
  int fd = int(::syscall(SYS_openat, AT_FDCWD, "/proc/sys/net/core/somaxconn",
                         O_RDONLY | O_CLOEXEC));
  if (fd >= 0) {
    char buf[16] = {};
    long n = ::syscall(SYS_read, fd, buf, sizeof buf - 1);
    ::syscall(SYS_close, fd);
    if (n > 0) {
      long parsed = std::strtol(buf, nullptr, 10);
      // The backlog field was 16 bits wide before Linux 4.1 (Go clamps too).
      if (parsed > 0) v = parsed > 65535 ? 65535 : int(parsed);
    }
  }
  cached.store(v, std::memory_order_relaxed);
  return v;
}

}  // namespace

// Referenced from net_io.cpp's anchor so this object is always linked.
extern "C" void gort_net_listen_anchor() {}

// Weak: a program that defines its own listen() (to change the backlog,
// say, as tests of older gort did) links, and its definition wins.
extern "C" __attribute__((weak)) int listen(int fd, int backlog) {
  auto* const real_listen = GORT_LIBC("listen", int (*)(int, int));
  if (!gort::rt::in_forked_child.load(std::memory_order_relaxed) && np::managed(fd)) {
    int floor = somaxconn();
    if (backlog < floor) backlog = floor;
  }
  return real_listen(fd, backlog);
}
