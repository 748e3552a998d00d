// The process's OS thread count (the "Threads:" line of /proc/self/status),
// for tests that bound how many threads the runtime uses; -1 if unreadable.
#pragma once

#include <cstdlib>
#include <fstream>
#include <string>

inline int os_threads() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("Threads:", 0) == 0) return std::atoi(line.c_str() + 8);
  return -1;
}

#include <atomic>
#include <chrono>
#include <thread>

// The highest os_threads() seen, not counting the sampler itself, sampled
// every millisecond from start() to stop(). The sampler is a plain thread:
// reading /proc from a goroutine would itself be a system call that can
// cost a handoff (and a thread).
class peak_threads {
 public:
  void start() {
    sampler_ = std::thread([this] {
      while (!stop_) {
        int t = os_threads() - 1;
        if (t > peak_) peak_ = t;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
  }
  int stop() {
    stop_ = true;
    sampler_.join();
    return peak_;
  }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<int> peak_{0};
  std::thread sampler_;
};

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

// os_threads() for a goroutine that must not add a thread by asking: the
// file is read with raw system calls, which the runtime lets through
// without a handoff (docs/design/syscalls.md), where ifstream's open and
// read are interposed calls that sysmon may retake a P from (starting an M).
inline int os_threads_raw() {
  long fd = syscall(SYS_openat, AT_FDCWD, "/proc/self/status", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char buf[4096];
  long n = syscall(SYS_read, fd, buf, sizeof buf - 1);
  syscall(SYS_close, fd);
  if (n <= 0) return -1;
  buf[n] = 0;
  std::string s(buf);
  std::size_t at = s.find("\nThreads:");
  return at == std::string::npos ? -1 : std::atoi(s.c_str() + at + 9);
}
