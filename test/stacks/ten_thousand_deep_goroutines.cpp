// 10,000 goroutines each recursing to 64 KiB of stack at the same time
// (all parked at the bottom before any returns): each grows its own chain
// of segments and gets its own result back.
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// CHECK: goroutines=10000 correct=10000
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>

gort::wait_group at_bottom, finished;
gort::mutex mu;
gort::condition_variable cv;
bool release = false;

// About 256 bytes per frame: 256 frames = 64 KiB.
__attribute__((noinline)) long descend(int id, int n) {
  volatile char buf[200];
  buf[0] = static_cast<char>(id);
  if (n == 0) {
    at_bottom.done();
    std::unique_lock lk(mu);
    cv.wait(lk, [] { return release; });
    return id;
  }
  return descend(id, n - 1) + (buf[0] - static_cast<char>(id));
}

int main() {
  constexpr int n = 10000;
  std::atomic<int> correct{0};
  at_bottom.add(n);
  finished.add(n);
  for (int i = 0; i < n; ++i)
    gort::go([i, &correct] {
      if (descend(i, 256) == i) ++correct;
      finished.done();
    });
  at_bottom.wait();
  {
    std::lock_guard lk(mu);
    release = true;
  }
  cv.notify_all();
  finished.wait();
  std::printf("goroutines=%d correct=%d\n", n, correct.load());
}
