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
