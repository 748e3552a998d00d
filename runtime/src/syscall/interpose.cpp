// Interposed blocking libc functions. libgort is linked into the
// executable, whose definitions win over libc's; the real function is
// reached through dlsym(RTLD_NEXT). Called from a goroutine, each wrapper
// brackets the real call with entersyscall/exitsyscall so the P can be
// handed to another M while the call blocks; from a plain thread it is the
// real call and nothing else. Return values and errno are the real call's.
//
// Socket, pipe and poll calls are in net_io.cpp and net_poll.cpp: on fds
// the runtime manages they park on the network poller instead.
//
// Calls that are expected to block for long (wait* without WNOHANG, flock
// without LOCK_NB) hand the P off at once (entersyscallblock); the others
// leave it to sysmon's retake, so a short read or write costs two atomic
// operations. With WNOHANG or LOCK_NB the call only looks and returns at
// once: it keeps its P with no bracket at all (a handoff there gave the P
// to another M, a new thread when none was idle; test
// syscalls/wait_nohang_keeps_p.cpp).
//
// Not seen: calls made inside libc itself (fread -> read, getaddrinfo ->
// its own socket I/O) do not go through these symbols. Wrap such code in
// gort::blocking (docs/guide.md).
#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/fatal.hpp"
#include "syscall/net_wait.hpp"
#include "syscall/syscall.hpp"

namespace gort::rt {

// Referenced from main_wrap.cpp so that this object is always linked, even
// when the program itself never names read() (libstdc++ does).
// The socket, pipe and poll wrappers live in net_io.cpp and net_poll.cpp.
extern "C" void gort_net_io_anchor();
extern "C" void gort_net_poll_anchor();
extern "C" void gort_syscall_wrappers_anchor() {
  gort_net_io_anchor();
  gort_net_poll_anchor();
}

void* real_libc_function(const char* name) {
  void* f = dlsym(RTLD_NEXT, name);
  if (!f) fatal("gort: cannot find the real libc function behind a wrapper");
  return f;
}

}  // namespace gort::rt

// GORT_WRAP(ret, name, block, (params), (args)): a wrapper for `name`.
#define GORT_WRAP(ret, name, block, params, args)                            \
  extern "C" ret name params {                                               \
    auto* const real = GORT_LIBC(#name, ret(*) params);                      \
    gort::rt::syscall_scope scope(block);                                    \
    return real args;                                                        \
  }

GORT_WRAP(ssize_t, pread, false, (int fd, void* buf, size_t n, off_t off), (fd, buf, n, off))
GORT_WRAP(ssize_t, pwrite, false, (int fd, const void* buf, size_t n, off_t off), (fd, buf, n, off))
GORT_WRAP(ssize_t, pread64, false, (int fd, void* buf, size_t n, off64_t off), (fd, buf, n, off))
GORT_WRAP(ssize_t, pwrite64, false, (int fd, const void* buf, size_t n, off64_t off), (fd, buf, n, off))
GORT_WRAP(ssize_t, preadv, false, (int fd, const struct iovec* iov, int n, off_t off), (fd, iov, n, off))
GORT_WRAP(ssize_t, pwritev, false, (int fd, const struct iovec* iov, int n, off_t off), (fd, iov, n, off))
GORT_WRAP(int, fsync, false, (int fd), (fd))
GORT_WRAP(int, fdatasync, false, (int fd), (fd))
GORT_WRAP(pid_t, wait, true, (int* status), (status))

// Calls whose blocking depends on an argument: block at once only when
// they may wait (a zero timeout, LOCK_NB or WNOHANG polls and returns at once).
#define GORT_WRAP_IF(ret, name, may_block, params, args)                     \
  extern "C" ret name params {                                               \
    auto* const real = GORT_LIBC(#name, ret(*) params);                      \
    if (!(may_block)) return real args;                                      \
    gort::rt::syscall_scope scope(true);                                     \
    return real args;                                                        \
  }

GORT_WRAP_IF(int, flock, !(op & LOCK_NB), (int fd, int op), (fd, op))
GORT_WRAP_IF(pid_t, waitpid, !(opts & WNOHANG), (pid_t pid, int* status, int opts),
             (pid, status, opts))
GORT_WRAP_IF(pid_t, wait4, !(opts & WNOHANG),
             (pid_t pid, int* status, int opts, struct rusage* ru), (pid, status, opts, ru))
GORT_WRAP_IF(int, waitid, !(opts & WNOHANG), (idtype_t t, id_t id, siginfo_t* info, int opts),
             (t, id, info, opts))

// open and openat are variadic: the mode is there only with O_CREAT or
// O_TMPFILE. Variadic definitions cannot be split-stack functions.
#define GORT_OPEN_MODE(flags, last)                                          \
  mode_t mode = 0;                                                           \
  if ((flags) & (O_CREAT | __O_TMPFILE)) {                                   \
    va_list ap;                                                              \
    va_start(ap, last);                                                      \
    mode = mode_t(va_arg(ap, int));                                          \
    va_end(ap);                                                              \
  }

#define GORT_WRAP_OPEN(name)                                                 \
  extern "C" __attribute__((no_split_stack)) int name(const char* path,     \
                                                      int flags, ...) {      \
    auto* const real = GORT_LIBC(#name, int (*)(const char*, int, ...));     \
    GORT_OPEN_MODE(flags, flags)                                             \
    gort::rt::syscall_scope scope(false);                                    \
    int fd = real(path, flags, mode);                                        \
    gort::rt::fd_created_unmanaged(fd);                                      \
    return fd;                                                               \
  }
#define GORT_WRAP_OPENAT(name)                                               \
  extern "C" __attribute__((no_split_stack)) int name(                       \
      int dirfd, const char* path, int flags, ...) {                         \
    auto* const real = GORT_LIBC(#name, int (*)(int, const char*, int, ...));\
    GORT_OPEN_MODE(flags, flags)                                             \
    gort::rt::syscall_scope scope(false);                                    \
    int fd = real(dirfd, path, flags, mode);                                 \
    gort::rt::fd_created_unmanaged(fd);                                      \
    return fd;                                                               \
  }

GORT_WRAP_OPEN(open)
GORT_WRAP_OPEN(open64)
GORT_WRAP_OPENAT(openat)
GORT_WRAP_OPENAT(openat64)
