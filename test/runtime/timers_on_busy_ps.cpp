// Timers fired by Ms between goroutines (scheduler/g0_turn.hpp) and by the
// timer thread, racing: goroutines that yield to each other keep every P
// switching, so Ms find due deadlines and fire them, while the timer thread
// takes those nobody passed by in time (docs/design/scheduler.md,
// "Timers"). Sleepers of random short durations (sleep_for, a poll() with
// a timeout on a pipe nobody writes, and gort::after in a select that
// also waits on a channel nobody sends to) check that each wait lasted at
// least what it asked and that every one of them came back, exactly once.
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=2 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=4 %t | FileCheck %s
// RUN: %gortxx-tsan %s -o %t.tsan
// RUN: env GORT_MAXPROCS=2 %t.tsan 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
// CHECK: woken: 12000 early: 0 spinners switched: yes
#include <gort/gort.hpp>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>

using namespace std::chrono;
using clk = steady_clock;

namespace {
constexpr int kSleepers = 120;
constexpr int kRounds = 100;

std::atomic<int> woken{0};
std::atomic<int> early{0};
std::atomic<bool> stop{false};
std::atomic<long> switches{0};

std::uint32_t xorshift(std::uint32_t& s) {
  s ^= s << 13;
  s ^= s >> 17;
  s ^= s << 5;
  return s;
}
}  // namespace

int main() {
  int p[2];
  if (pipe(p) != 0) return 1;
  auto never = gort::make_chan<int>();
  auto sleepers = std::make_shared<gort::wait_group>();
  auto spinners = std::make_shared<gort::wait_group>();
  sleepers->add(kSleepers);
  spinners->add(4);
  for (int i = 0; i < 4; ++i)
    gort::go([spinners] {
      long n = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        gort::yield();
        ++n;
      }
      switches += n;
      spinners->done();
    });
  for (int i = 0; i < kSleepers; ++i)
    gort::go([=] {
      std::uint32_t s = 2654435761u * std::uint32_t(i + 1);
      for (int r = 0; r < kRounds; ++r) {
        auto d = microseconds(xorshift(s) % 400);
        auto t0 = clk::now();
        switch ((i + r) % 3) {
          case 0:
            gort::sleep_for(d);
            break;
          case 1: {
            // Whole milliseconds: poll's unit.
            d = milliseconds(1 + xorshift(s) % 2);
            pollfd fd{p[0], POLLIN, 0};
            if (poll(&fd, 1, int(duration_cast<milliseconds>(d).count())) != 0)
              std::printf("poll returned early or failed\n");
            break;
          }
          default:
            gort::select(gort::case_recv(never), gort::case_recv(gort::after(d)));
            break;
        }
        if (clk::now() - t0 < d) ++early;
        ++woken;
      }
      sleepers->done();
    });
  sleepers->wait();
  stop = true;
  spinners->wait();
  std::printf("woken: %d early: %d spinners switched: %s\n", woken.load(), early.load(),
              switches.load() > 0 ? "yes" : "no");
  return 0;
}
