// A pipe the program made and gives to a child keeps the mode the user
// asked for: the child's reads block, never fail with EAGAIN. Before,
// pipe() made both ends O_NONBLOCK at creation, and a description's
// flags are shared with every process that has it: a child reading its
// stdin from the pipe got EAGAIN as soon as it was ahead of the parent.
// Each way of making a child is tried: posix_spawn with a dup2 action,
// fork + dup2 + exec, and popen of a shell that redirects the pipe to the
// child's stdin (the fd inherited without FD_CLOEXEC). Before each spawn a
// goroutine has parked on the pipe's read end (so the runtime made it
// O_NONBLOCK, docs/design/netpoll.md "Whose O_NONBLOCK"); the child
// reports its stdin's real mode and counts the megabyte the parent's
// goroutines write; the parent's goroutines still park on the pipes they
// keep. The same under AddressSanitizer, whose symbolizer talks through
// pipes it makes with pipe() and reads with raw system calls: a stack
// trace printed from a goroutine is symbolized.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=2 %t | FileCheck %s
// RUN: %gortxx-asan %s -o %t.asan
// RUN: env GORT_MAXPROCS=2 %t.asan 2>&1 | FileCheck %s --check-prefixes=CHECK,SYM
// CHECK: posix_spawn: child stdin blocking=yes bytes=1048576 errors=0
// CHECK-NEXT: posix_spawn: status 0, parent parked on its pipes: yes
// CHECK-NEXT: fork+exec: child stdin blocking=yes bytes=1048576 errors=0
// CHECK-NEXT: fork+exec: status 0, parent parked on its pipes: yes
// CHECK-NEXT: popen: child stdin blocking=yes bytes=1048576 errors=0
// CHECK-NEXT: popen: status 0, parent parked on its pipes: yes
// SYM-NOT: Can't read from symbolizer
// SYM: in {{.*}}trace_from_goroutine{{.*}}pipe_to_child.cpp:
// SYM: done
#include <gort/gort.hpp>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/common_interface_defs.h>
#define HAVE_ASAN 1
#endif
#endif

extern char** environ;
constexpr long kBytes = 1 << 20;

// The child: reads stdin to EOF, reports its real mode and what it got.
int child(const char* label) {
  int fl = fcntl(0, F_GETFL);
  long bytes = 0, errors = 0;
  char buf[8192];
  for (;;) {
    ssize_t n = read(0, buf, sizeof buf);
    if (n > 0) {
      for (ssize_t i = 0; i < n; ++i)
        if (buf[i] != char('a' + (bytes + i) % 26)) ++errors;
      bytes += n;
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      ++errors;
      if (errno == EAGAIN) break;  // the bug: a non-blocking stdin
    }
  }
  std::printf("%s: child stdin blocking=%s bytes=%ld errors=%ld\n", label,
              fl >= 0 && !(fl & O_NONBLOCK) ? "yes" : "no", bytes, errors);
  return errors == 0 ? 0 : 1;
}

// A goroutine parks on fd's read end until one byte comes: the runtime
// then owns the fd's O_NONBLOCK (a lazy pipe switched on would-block).
bool park_once(int rd, int wr) {
  std::atomic<bool> got{false};
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    char c;
    got = read(rd, &c, 1) == 1;
    wg.done();
  });
  gort::yield();
  if (write(wr, "x", 1) != 1) return false;
  wg.wait();
  return got;
}

// The parent's side for one child: writes the megabyte to `wr` from a
// goroutine, and checks that its own goroutines still park on a pipe.
bool feed(int wr) {
  bool ok = true;
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    char buf[4096];
    for (long done = 0; done < kBytes;) {
      long n = 0;
      for (; n < long(sizeof buf) && done + n < kBytes; ++n)
        buf[n] = char('a' + (done + n) % 26);
      ssize_t w = write(wr, buf, size_t(n));
      if (w <= 0) { ok = false; break; }
      done += w;
    }
    close(wr);
    wg.done();
  });
  wg.wait();
  int other[2];
  if (pipe(other) != 0) return false;
  ok = ok && park_once(other[0], other[1]);
  close(other[0]);
  close(other[1]);
  return ok;
}

int report(const char* label, pid_t pid, bool fed) {
  int status = -1;
  if (pid > 0) waitpid(pid, &status, 0);
  std::printf("%s: status %d, parent parked on its pipes: %s\n", label,
              WIFEXITED(status) ? WEXITSTATUS(status) : -1, fed ? "yes" : "no");
  std::fflush(stdout);
  return 0;
}

[[gnu::noinline]] void trace_from_goroutine() {
#if HAVE_ASAN
  __sanitizer_print_stack_trace();
#endif
  asm volatile("" ::: "memory");  // not a tail call: this frame is checked
}

int main(int argc, char** argv) {
  if (argc > 2 && std::strcmp(argv[1], "child") == 0) return child(argv[2]);
  std::fflush(stdout);
  const char* self = "/proc/self/exe";
  std::string exe(4096, '\0');
  ssize_t len = readlink(self, exe.data(), exe.size() - 1);
  if (len <= 0) return 3;
  exe.resize(size_t(len));

  {  // posix_spawn with a dup2 action
    int p[2];
    if (pipe(p) != 0) return 3;
    park_once(p[0], p[1]);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[0], 0);
    posix_spawn_file_actions_addclose(&fa, p[1]);
    char* args[] = {exe.data(), const_cast<char*>("child"),
                    const_cast<char*>("posix_spawn"), nullptr};
    pid_t pid = -1;
    if (posix_spawn(&pid, exe.c_str(), &fa, nullptr, args, environ) != 0) return 3;
    posix_spawn_file_actions_destroy(&fa);
    close(p[0]);
    bool fed = feed(p[1]);
    report("posix_spawn", pid, fed);
  }
  {  // fork + dup2 + exec; the pipe is FD_CLOEXEC, its dup2 copy is not
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) return 3;
    park_once(p[0], p[1]);
    pid_t pid = fork();
    if (pid == 0) {
      dup2(p[0], 0);
      execl(exe.c_str(), exe.c_str(), "child", "fork+exec", nullptr);
      _exit(127);
    }
    close(p[0]);
    bool fed = feed(p[1]);
    report("fork+exec", pid, fed);
  }
  {  // popen: the shell gets the read end without FD_CLOEXEC
    int p[2];
    if (pipe(p) != 0) return 3;
    park_once(p[0], p[1]);
    fcntl(p[1], F_SETFD, FD_CLOEXEC);  // the child must not keep the writer
    char cmd[4200];
    std::snprintf(cmd, sizeof cmd, "exec '%s' child popen <&%d", exe.c_str(), p[0]);
    FILE* f = popen(cmd, "r");
    if (!f) return 3;
    close(p[0]);
    bool fed = feed(p[1]);
    char line[256] = {};
    if (!std::fgets(line, sizeof line, f)) std::strcpy(line, "popen: no output\n");
    int status = pclose(f);
    std::fputs(line, stdout);
    std::printf("popen: status %d, parent parked on its pipes: %s\n",
                WIFEXITED(status) ? WEXITSTATUS(status) : -1, fed ? "yes" : "no");
    std::fflush(stdout);
  }
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    trace_from_goroutine();
    wg.done();
  });
  wg.wait();
  std::printf("done\n");
}
