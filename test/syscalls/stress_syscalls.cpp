// Randomized stress of the handoff: goroutines mix interposed system calls
// (pipe reads and writes that may block, writes to /dev/null, nanosleep),
// gort::blocking, computation, yields and a mutex-protected invariant. No
// goroutine may be lost or run twice; every byte written is read once.
// Also under ThreadSanitizer.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 %t 64 2000 | FileCheck %s
// RUN: env GORT_MAXPROCS=2 %t 64 2000 | FileCheck %s
// RUN: env GORT_MAXPROCS=4 %t 64 2000 | FileCheck %s
// RUN: %gortxx-tsan %s -o %t.tsan
// RUN: env GORT_MAXPROCS=2 %t.tsan 16 500 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
// CHECK: workers_done={{[0-9]+}} bytes_ok=1 violations=0
#include <gort/gort.hpp>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>

struct state {
  gort::mutex mu;
  long a = 0, b = 0;
  std::atomic<long> violations{0}, written{0}, read_bytes{0}, done{0};
};

std::uint64_t rnd(std::uint64_t& s) {
  s ^= s << 13;
  s ^= s >> 7;
  s ^= s << 17;
  return s;
}

int main(int argc, char** argv) {
  int pairs = argc > 1 ? std::atoi(argv[1]) : 64;
  int ops = argc > 2 ? std::atoi(argv[2]) : 2000;
  auto* st = new state;
  int devnull = open("/dev/null", O_WRONLY);
  gort::wait_group wg;
  wg.add(2 * pairs);
  auto seed = std::uint64_t(std::chrono::steady_clock::now().time_since_epoch().count());
  for (int p = 0; p < pairs; ++p) {
    int fds[2];
    if (pipe(fds) != 0) return 1;
    // Writer and reader of one pipe: the reader blocks in read() whenever
    // it gets ahead.
    gort::go([=, &wg] {
      std::uint64_t r = seed + 2 * std::uint64_t(p) + 1;
      for (int i = 0; i < ops; ++i) {
        switch (rnd(r) % 6) {
          case 0: {
            char c = char(i);
            if (write(fds[1], &c, 1) == 1) ++st->written;
            break;
          }
          case 1:
            if (write(devnull, "x", 1) != 1) ++st->violations;
            break;
          case 2: {
            std::lock_guard g(st->mu);
            if (st->a != st->b) ++st->violations;
            ++st->a;
            ++st->b;
            break;
          }
          case 3:
            gort::yield();
            break;
          case 4: {
            timespec ts{0, long(rnd(r) % 50'000)};
            nanosleep(&ts, nullptr);
            break;
          }
          default:
            gort::blocking([] { volatile int x = 0; for (int k = 0; k < 1000; ++k) x += k; });
        }
      }
      close(fds[1]);  // the reader sees EOF after the last byte
      ++st->done;
      wg.done();
    });
    gort::go([=, &wg] {
      char buf[16];
      for (;;) {
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n <= 0) break;
        st->read_bytes += n;
      }
      close(fds[0]);
      ++st->done;
      wg.done();
    });
  }
  wg.wait();
  std::printf("workers_done=%ld bytes_ok=%d violations=%ld\n", st->done.load(),
              int(st->written.load() == st->read_bytes.load()), st->violations.load());
}
