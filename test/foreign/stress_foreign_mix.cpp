// Randomized stress of foreign synchronization in goroutines, also under
// ThreadSanitizer: each worker does rounds of a random mix of a std::mutex
// critical section (sometimes parking inside it: a sleep or a channel
// hand-off while pinned), a std::recursive_mutex taken twice, a gort::mutex,
// a std::condition_variable hand-off, a pipe write and read (interposed
// system calls), a std::shared_mutex reader or writer, and sleeps. Checks:
// every critical section saw itself alone (counted), the guarded counters
// are exact, every byte written was read, and TSan reports nothing (with it
// the wrappers call TSan's interceptors, so it sees every std::mutex).
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 timeout 300 %t 16 150 | FileCheck %s
// RUN: env GORT_MAXPROCS=2 timeout 300 %t 16 150 | FileCheck %s
// RUN: %gortxx-tsan %s -o %t.tsan
// RUN: env GORT_MAXPROCS=1 timeout 300 %t.tsan 8 60 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
// RUN: env GORT_MAXPROCS=2 timeout 300 %t.tsan 8 60 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
// CHECK: counters_ok=1 bytes_ok=1 overlaps=0
#include <gort/gort.hpp>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <shared_mutex>

int main(int argc, char** argv) {
  int workers = argc > 1 ? std::atoi(argv[1]) : 16;
  int rounds = argc > 2 ? std::atoi(argv[2]) : 150;
  std::mutex std_mu;
  long std_count = 0;  // guarded by std_mu
  std::atomic<int> inside_std{0};
  std::recursive_mutex rec_mu;
  long rec_count = 0;  // guarded by rec_mu
  std::atomic<int> inside_rec{0};
  gort::mutex gort_mu;
  long gort_count = 0;  // guarded by gort_mu
  std::shared_mutex rw_mu;
  long rw_value = 0;  // guarded by rw_mu
  std::atomic<long> rw_writes{0};
  std::mutex cv_mu;
  std::condition_variable cv;
  long tokens = 0;  // guarded by cv_mu
  std::atomic<int> overlaps{0};
  std::atomic<long> want_std{0}, want_rec{0}, want_gort{0};  // sections run
  std::atomic<long> bytes_written{0}, bytes_read{0};
  auto ch = gort::make_chan<int>(4);
  int fds[2];
  if (pipe(fds) != 0) return 1;
  gort::wait_group wg;
  wg.add(workers);
  for (int w = 0; w < workers; ++w) {
    gort::go([&, w] {
      unsigned seed = 12345u + unsigned(w) * 7919u;
      auto next = [&] { seed = seed * 1103515245u + 12345u; return (seed >> 16) & 0xff; };
      for (int r = 0; r < rounds; ++r) {
        switch (next() % 8) {
          case 0: {  // std::mutex, sometimes parking inside (pinned)
            std::lock_guard<std::mutex> lock(std_mu);
            if (inside_std.fetch_add(1) != 0) ++overlaps;
            if (next() % 4 == 0) gort::sleep_for(std::chrono::microseconds(50));
            ++std_count;
            ++want_std;
            inside_std.fetch_sub(1);
            break;
          }
          case 1: {  // recursive_mutex taken twice, a channel hand-off inside
            std::lock_guard<std::recursive_mutex> outer(rec_mu);
            std::lock_guard<std::recursive_mutex> inner(rec_mu);
            if (inside_rec.fetch_add(1) != 0) ++overlaps;
            ch.send(w);
            (void)ch.recv();
            ++rec_count;
            ++want_rec;
            inside_rec.fetch_sub(1);
            break;
          }
          case 2: {
            std::lock_guard<gort::mutex> lock(gort_mu);
            ++gort_count;
            ++want_gort;
            break;
          }
          case 3: {  // condition variable: put a token, or take one if any
            std::unique_lock<std::mutex> lk(cv_mu);
            if (next() % 2 == 0 || tokens == 0) {
              ++tokens;
              cv.notify_one();
            } else {
              cv.wait_for(lk, std::chrono::milliseconds(1), [&] { return tokens > 0; });
              if (tokens > 0) --tokens;
            }
            break;
          }
          case 4: {  // interposed system calls
            char c = 'x';
            if (write(fds[1], &c, 1) == 1) {
              ++bytes_written;
              if (read(fds[0], &c, 1) == 1) ++bytes_read;
            }
            break;
          }
          case 5: {
            if (next() % 4 == 0) {
              std::unique_lock<std::shared_mutex> lock(rw_mu);
              ++rw_value;
              ++rw_writes;
            } else {
              std::shared_lock<std::shared_mutex> lock(rw_mu);
              (void)rw_value;
            }
            break;
          }
          case 6:
            std::this_thread::sleep_for(std::chrono::microseconds(20));
            break;
          default:
            gort::yield();
        }
      }
      wg.done();
    });
  }
  wg.wait();
  bool counters_ok = std_count == want_std.load() && rec_count == want_rec.load() &&
                     gort_count == want_gort.load() && rw_value == rw_writes.load() &&
                     want_std.load() > 0 && want_rec.load() > 0;
  std::printf("counters_ok=%d bytes_ok=%d overlaps=%d\n", int(counters_ok),
              int(bytes_written.load() == bytes_read.load()), overlaps.load());
  std::fflush(stdout);
}
