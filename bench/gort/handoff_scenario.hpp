// The scenario syscall_handoff (BENCH.md section 8) and unseen_block
// (section 9) share: with the processors already set, B's CPU loop is
// timed alone; then goroutine A blocks in `a_read` on the pipe fds[0]
// while goroutine B runs the same loop, and a plain OS thread writes one
// byte to fds[1] at t0 + 200 ms. The two workloads differ only in how the
// pipe is made and how A reads it.
#pragma once

#include <gort/gort.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

#include "fanout.hpp"
#include "gort_bench.hpp"

namespace bench {

struct handoff_times {
  double b_alone_ms = 0;  // B's loop on its own
  double b_done_ms = 0;   // B finished, from t0
  double a_read_ms = 0;   // A's read returned, from t0
  long nread = -1;        // A's read's result (1 expected)
};

template <class ReadOne>  // long(int fd): reads one byte from fd
handoff_times run_handoff_scenario(const int fds[2], ReadOne a_read) {
  constexpr std::uint64_t b_iters = 35'000'000;
  static volatile std::uint64_t sink;
  handoff_times t;

  std::int64_t s0 = now_ns();
  sink = fanout_work(0, b_iters);
  t.b_alone_ms = (now_ns() - s0) / 1e6;

  std::atomic<bool> a_started{false};
  std::int64_t a_read_ns = 0, b_done_ns = 0;
  gort::wait_group wg;
  wg.add(2);

  std::int64_t t0 = now_ns();
  std::thread timer([t0, wfd = fds[1]] {
    std::this_thread::sleep_until(std::chrono::steady_clock::time_point(
        std::chrono::nanoseconds(t0) + std::chrono::milliseconds(200)));
    char byte = 'x';
    (void)!write(wfd, &byte, 1);
  });
  gort::go([&, rfd = fds[0]] {  // A
    a_started.store(true);
    t.nread = a_read(rfd);
    a_read_ns = now_ns() - t0;
    wg.done();
  });
  gort::go([&] {  // B
    while (!a_started.load()) gort::yield();
    sink = fanout_work(1, b_iters);
    b_done_ns = now_ns() - t0;
    wg.done();
  });
  wg.wait();
  timer.join();
  t.b_done_ms = b_done_ns / 1e6;
  t.a_read_ms = a_read_ns / 1e6;
  return t;
}

}  // namespace bench
