// Descriptions that another process gets go back to the user's O_NONBLOCK
// mode for good (netpoll::share, nb_never; docs/design/netpoll.md, "Whose
// O_NONBLOCK"). A child that inherits the runtime's flag on its stdin or
// stdout reads EAGAIN where it expects to block; so before any way of
// making a child, every managed pipe the child would inherit (no
// FD_CLOEXEC) is shared (netpoll::share_inheritable says why pipes
// only), and so is every fd a posix_spawn dup2 action names (the copy in
// the child has no FD_CLOEXEC whatever the source has). Not seen: vfork, clone and a direct exec without fork (the
// process's own fds keep the runtime's flag across it); exec'ing an fd
// given to a child with the raw system calls.
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/forked_child.hpp"
#include "netpoll/netpoll.hpp"
#include "syscall/syscall.hpp"

namespace np = gort::rt::netpoll;
using gort::rt::real_libc_function;

extern "C" void gort_net_share_anchor() {}

#define GORT_REAL(name, type) \
  auto* const real_##name = GORT_LIBC(#name, type)

namespace {

// In a forked child every wrapper is the real call (base/forked_child.hpp).
void share_inheritable() {
  if (!gort::rt::in_forked_child.load(std::memory_order_relaxed)) np::share_inheritable();
}

// fork(): the prepare handler runs in the parent, before the child exists,
// so the child never sees the runtime's flag. Registered before any C++
// static initialiser (which may fork).
[[gnu::constructor(101)]] void register_share_before_fork() {
  pthread_atfork(share_inheritable, nullptr, nullptr);
}

}  // namespace

extern "C" int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t* fa, int fd,
                                                int newfd) {
  GORT_REAL(posix_spawn_file_actions_adddup2,
            int (*)(posix_spawn_file_actions_t*, int, int));
  if (!gort::rt::in_forked_child.load(std::memory_order_relaxed)) np::share(fd);
  return real_posix_spawn_file_actions_adddup2(fa, fd, newfd);
}

extern "C" int posix_spawn(pid_t* pid, const char* path,
                           const posix_spawn_file_actions_t* fa,
                           const posix_spawnattr_t* attr, char* const argv[],
                           char* const envp[]) {
  GORT_REAL(posix_spawn, int (*)(pid_t*, const char*, const posix_spawn_file_actions_t*,
                                 const posix_spawnattr_t*, char* const*, char* const*));
  share_inheritable();
  return real_posix_spawn(pid, path, fa, attr, argv, envp);
}

extern "C" int posix_spawnp(pid_t* pid, const char* file,
                            const posix_spawn_file_actions_t* fa,
                            const posix_spawnattr_t* attr, char* const argv[],
                            char* const envp[]) {
  GORT_REAL(posix_spawnp, int (*)(pid_t*, const char*, const posix_spawn_file_actions_t*,
                                  const posix_spawnattr_t*, char* const*, char* const*));
  share_inheritable();
  return real_posix_spawnp(pid, file, fa, attr, argv, envp);
}

// system() and popen() spawn through glibc's internal posix_spawn, which
// these symbols do not see.
extern "C" int system(const char* cmd) {
  GORT_REAL(system, int (*)(const char*));
  share_inheritable();
  return real_system(cmd);
}

extern "C" FILE* popen(const char* cmd, const char* type) {
  GORT_REAL(popen, FILE* (*)(const char*, const char*));
  share_inheritable();
  return real_popen(cmd, type);
}
