// Blocking the runtime cannot see never stalls the other goroutines: the
// blocking read or wait happens inside libc (system()'s waitpid, fgets on a
// popen pipe, std::getline on std::cin), out of sight of the interposed
// symbols, so the goroutine's thread sleeps in the kernel holding its P.
// sysmon sees the thread asleep with goroutines waiting and adds a spare P
// for them. Goroutine A blocks; goroutine B counts. A plain thread
// unblocks A only after B's counter moved while A was blocked (bounded
// wait), so "yes" means B ran during A's block. Before, with one P, B never
// ran while A blocked.
// The pipes come from pipe(), which the network poller manages, and stay
// blocking: a pipe is made O_NONBLOCK only when a goroutine would block on
// it through the wrappers, and goes back to the user's mode for good when
// a child may inherit it (system, popen) or it is dup2'ed onto stdin
// (docs/design/netpoll.md, "Whose O_NONBLOCK"). So each read below still
// blocks where the runtime cannot see it: in the child, or inside libc.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 timeout 120 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=2 timeout 120 %t | FileCheck %s
// CHECK: system: status 0, B progressed while A was blocked: yes
// CHECK-NEXT: popen+fgets: read 'abc', B progressed while A was blocked: yes
// CHECK-NEXT: getline(std::cin): read 'hello', B progressed while A was blocked: yes
// CHECK-NEXT: max_procs after: {{1|2}} matches: yes
#include <gort/gort.hpp>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>

std::atomic<long> progress{0};
std::atomic<long> progress_when_blocking{-1};
std::atomic<bool> stop{false};

// Releases A by writing `data` to fd once B's counter moved past the value
// A saw when it started blocking (or after 30 s, to fail rather than hang).
// The value is cleared before the thread starts: left from the previous
// case, it let the thread release A at once, before A blocked (and before
// B ran: "no" now and then under load).
std::thread release_after_progress(int fd, const char* data) {
  progress_when_blocking = -1;
  return std::thread([fd, data] {
    for (int i = 0; i < 3000; ++i) {
      long at = progress_when_blocking.load();
      if (at >= 0 && progress.load() > at + 100) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (write(fd, data, std::strlen(data)) < 0) std::perror("write");
  });
}

// Runs blocked() as goroutine A next to counting goroutine B; returns
// whether B made progress while A was blocked.
template <class F>
bool with_counter(F blocked) {
  progress_when_blocking = -1;
  stop = false;
  gort::wait_group wg;
  wg.add(2);
  bool moved = false;
  gort::go([&] {  // B
    while (!stop) {
      ++progress;
      gort::yield();
    }
    wg.done();
  });
  gort::go([&] {  // A
    while (progress.load() < 10) gort::yield();  // B is running
    long before = progress.load();
    progress_when_blocking = before;
    blocked();
    moved = progress.load() > before;
    stop = true;
    wg.done();
  });
  wg.wait();
  return moved;
}

int main() {
  int procs = gort::max_procs();
  {
    int fds[2];
    if (pipe(fds) != 0) return 1;
    std::thread t = release_after_progress(fds[1], "x\n");
    char cmd[64];
    std::snprintf(cmd, sizeof cmd, "read -r _ <&%d", fds[0]);
    int status = -1;
    bool moved = with_counter([&] { status = std::system(cmd); });
    t.join();
    std::printf("system: status %d, B progressed while A was blocked: %s\n",
                status, moved ? "yes" : "no");
    close(fds[0]);
    close(fds[1]);
  }
  {
    int fds[2];
    if (pipe(fds) != 0) return 1;
    std::thread t = release_after_progress(fds[1], "abc\n");
    char cmd[64];
    std::snprintf(cmd, sizeof cmd, "head -n 1 <&%d", fds[0]);
    char buf[32] = {};
    bool moved = with_counter([&] {
      FILE* f = popen(cmd, "r");
      if (!f || !std::fgets(buf, sizeof buf, f)) std::printf("popen/fgets failed\n");
      if (f) pclose(f);
    });
    t.join();
    buf[std::strcspn(buf, "\n")] = 0;
    std::printf("popen+fgets: read '%s', B progressed while A was blocked: %s\n",
                buf, moved ? "yes" : "no");
    close(fds[0]);
    close(fds[1]);
  }
  {
    int fds[2];
    if (pipe(fds) != 0) return 1;
    dup2(fds[0], 0);  // stdin is now the pipe
    std::thread t = release_after_progress(fds[1], "hello\n");
    std::string line;
    bool moved = with_counter([&] { std::getline(std::cin, line); });
    t.join();
    std::printf("getline(std::cin): read '%s', B progressed while A was blocked: %s\n",
                line.c_str(), moved ? "yes" : "no");
  }
  // The spare P goes once the sleeper is back; max_procs never counts it.
  std::printf("max_procs after: %d matches: %s\n", gort::max_procs(),
              gort::max_procs() == procs ? "yes" : "no");
}
