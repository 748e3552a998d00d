// The runtime's debug assertions (GORT_DEBUG_ASSERTS: built into the TSan
// and ASan runtimes) hold under a stress of every scheduler path: spawning
// in bursts (runnext, local queue overflow into the global queue), yields,
// parks and readies on channels (ping-pong pairs, stolen by idle Ps),
// select with timers, gort::mutex, sleeps, poller sockets (park on EAGAIN,
// readied by the poller), gort::blocking (syscall enter/exit, P handoff and
// retake), a plain thread feeding a channel (ready without a P), a
// goroutine pinned by a std::mutex parking on a channel (the pinned park),
// set_max_procs shrinking and growing, and preemption requests every
// 200 us. Each G status change, P hand-over, run-queue bound and runtime
// lock unlock is checked; a false invariant ends the run with "fatal
// error: assertion failed" (or "runtime: unlock of ..."). The results are
// checked too, so a lost or duplicated goroutine shows.
// RUN: %gortxx-tsan %s -o %t.tsan
// RUN: env GORT_MAXPROCS=1 GORT_DEBUG=preemptevery=200 %t.tsan 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer --implicit-check-not="assertion failed" --implicit-check-not="runtime: unlock"
// RUN: env GORT_MAXPROCS=3 GORT_DEBUG=preemptevery=200 %t.tsan 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer --implicit-check-not="assertion failed" --implicit-check-not="runtime: unlock"
// CHECK: debug_asserts: spawned=3000 pingpong=4000 select=600 mutex=8000 bytes=65536 blocking=40 plain=200 pinned=50 procs_changes=12 ok=1
#include <gort/gort.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

namespace {

std::atomic<bool> bad{false};

// Bursts of 300 spawns from one goroutine overflow its P's 256-slot ring.
long spawn_bursts() {
  std::atomic<long> ran{0};
  for (int round = 0; round < 10; ++round) {
    gort::wait_group wg;
    wg.add(300);
    for (int i = 0; i < 300; ++i)
      gort::go([&, i] {
        if (i % 7 == 0) gort::yield();
        ran.fetch_add(1, std::memory_order_relaxed);
        wg.done();
      });
    wg.wait();
  }
  return ran.load();
}

// Unbuffered ping-pong pairs: park, ready into runnext, stealing.
long ping_pong() {
  std::atomic<long> hops{0};
  gort::wait_group wg;
  wg.add(8);
  for (int p = 0; p < 4; ++p) {
    auto a = gort::make_chan<int>();
    auto b = gort::make_chan<int>();
    gort::go([=, &hops, &wg] {
      for (int i = 0; i < 500; ++i) {
        a.send(i);
        if (b.recv() != i) bad = true;
        hops.fetch_add(1, std::memory_order_relaxed);
      }
      wg.done();
    });
    gort::go([=, &hops, &wg] {
      for (int i = 0; i < 500; ++i) {
        auto v = a.recv();
        b.send(*v);
        hops.fetch_add(1, std::memory_order_relaxed);
      }
      wg.done();
    });
  }
  wg.wait();
  return hops.load();
}

// Select over a buffered channel and timers (the timer thread readies).
long selects() {
  auto c = gort::make_chan<int>(4);
  std::atomic<long> got{0};
  gort::wait_group wg;
  wg.add(2);
  gort::go([&, c] {
    for (int i = 0; i < 300; ++i) {
      c.send(i);
      if (i % 50 == 0) gort::sleep_for(100us);
    }
    wg.done();
  });
  gort::go([&, c] {
    long n = 0;
    while (n < 300) {
      gort::select(gort::case_recv(c, [&](std::optional<int>) { ++n; }),
                   gort::case_recv(gort::after(50us)));
    }
    got += n;
    wg.done();
  });
  wg.wait();
  // And 300 timeouts that fire.
  for (int i = 0; i < 300; ++i) {
    auto never = gort::make_chan<int>();
    if (gort::select(gort::case_recv(never), gort::case_recv(gort::after(1us))) == 1) ++got;
  }
  return got.load();
}

long mutex_counter() {
  gort::mutex mu;
  long counter = 0;
  gort::wait_group wg;
  wg.add(8);
  for (int g = 0; g < 8; ++g)
    gort::go([&] {
      for (int i = 0; i < 1000; ++i) {
        std::lock_guard lk(mu);
        ++counter;
        if (i % 100 == 0) gort::yield();  // held across a switch
      }
      wg.done();
    });
  wg.wait();
  return counter;
}

// A socketpair stream: the reader parks on EAGAIN, the poller readies it.
long sockets() {
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) return -1;
  constexpr long total = 65536;
  gort::go([=] {
    char buf[1024];
    std::memset(buf, 'x', sizeof buf);
    for (long sent = 0; sent < total;) {
      ssize_t k = write(fds[1], buf, sizeof buf);
      if (k <= 0) { bad = true; break; }
      sent += k;
      if (sent % 8192 == 0) gort::sleep_for(50us);  // let the reader park
    }
    close(fds[1]);
  });
  long got = 0;
  char buf[777];
  for (;;) {
    ssize_t k = read(fds[0], buf, sizeof buf);
    if (k < 0) { bad = true; break; }
    if (k == 0) break;
    got += k;
  }
  close(fds[0]);
  return got;
}

// gort::blocking: the P handed off at entry, looked for at exit.
long blocking_calls() {
  std::atomic<long> n{0};
  gort::wait_group wg;
  wg.add(4);
  for (int g = 0; g < 4; ++g)
    gort::go([&] {
      for (int i = 0; i < 10; ++i) {
        gort::blocking([] { usleep(200); });
        n.fetch_add(1, std::memory_order_relaxed);
      }
      wg.done();
    });
  wg.wait();
  return n.load();
}

// A plain thread readies goroutines without a P (the global queue).
long plain_thread() {
  auto c = gort::make_chan<int>();
  std::thread t([c] {
    for (int i = 0; i < 200; ++i) c.send(i);
  });
  long n = 0;
  for (int i = 0; i < 200; ++i)
    if (c.recv() == i) ++n;
  t.join();
  return n;
}

// A goroutine holding a std::mutex is pinned to its thread: its park
// blocks the thread and hands the P on (waiting -> running on wake-up).
long pinned() {
  std::mutex m;
  auto c = gort::make_chan<int>();
  std::atomic<long> n{0};
  gort::wait_group wg;
  wg.add(1);
  gort::go([&, c] {
    for (int i = 0; i < 50; ++i) {
      std::lock_guard lk(m);
      if (c.recv() == i) ++n;
    }
    wg.done();
  });
  for (int i = 0; i < 50; ++i) c.send(i);
  wg.wait();
  return n.load();
}

// The busy goroutine's loop body: a call, a preemption point wherever the
// build has them (GORT_DEBUG=preemptevery asks every 200 us).
[[gnu::noinline]] std::uint64_t step(std::uint64_t x) { return x * 6364136223846793005ull + 1; }

}  // namespace

int main() {
  std::atomic<bool> stop{false};
  std::atomic<int> procs_changes{0};
  gort::wait_group side;
  side.add(2);
  // set_max_procs shrinking and growing while everything runs.
  gort::go([&] {
    const int sizes[] = {1, 3, 2, 4, 1, 2};
    for (int i = 0; i < 12; ++i) {
      gort::set_max_procs(sizes[i % 6]);
      procs_changes.fetch_add(1);
      gort::sleep_for(2ms);
    }
    side.done();
  });
  // A busy goroutine for the preemption requests.
  gort::go([&] {
    std::uint64_t x = 1;
    while (!stop.load(std::memory_order_relaxed)) x = step(x);
    if (x == 0) bad = true;
    side.done();
  });

  long spawned = spawn_bursts();
  long hops = ping_pong();
  long sel = selects();
  long mu = mutex_counter();
  long bytes = sockets();
  long blk = blocking_calls();
  long plain = plain_thread();
  long pin = pinned();
  while (procs_changes.load() < 12) gort::sleep_for(1ms);
  stop = true;
  side.wait();
  gort::set_max_procs(4);
  std::printf("debug_asserts: spawned=%ld pingpong=%ld select=%ld mutex=%ld bytes=%ld "
              "blocking=%ld plain=%ld pinned=%ld procs_changes=%d ok=%d\n",
              spawned, hops, sel, mu, bytes, blk, plain, pin, procs_changes.load(),
              int(!bad.load()));
}
