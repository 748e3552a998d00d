// The race build sees goroutines: two goroutines incrementing one counter
// with nothing ordering them are reported, also at GORT_MAXPROCS=1 where
// they run one after the other on one thread and never overlap in time
// (a context switch is no synchronisation). Ordered by any of the
// language's edges, the same increments are not reported.
// RUN: %gortxx-tsan %s -o %t
// RUN: env GORT_MAXPROCS=1 not %t race 2>&1 | FileCheck %s --check-prefix=RACE
// RUN: env GORT_MAXPROCS=2 not %t race 2>&1 | FileCheck %s --check-prefix=RACE
// RUN: env GORT_MAXPROCS=1 not %t sleep 2>&1 | FileCheck %s --check-prefix=RACE
// RUN: for m in mutex mutex_contended chan bufchan chan_as_mutex ping_pong close select wait_group shared_mutex cond go_statement; do \
// RUN:   for p in 1 2; do echo "== $m $p"; env GORT_MAXPROCS=$p %t $m 2>&1 || echo "exit $?"; done; \
// RUN: done | FileCheck %s --check-prefix=OK --implicit-check-not=ThreadSanitizer --implicit-check-not=exit
// RACE: WARNING: ThreadSanitizer: data race
// RACE: {{Write|Read}} of size 8 at {{.*}} by thread T{{[0-9]+}}:
// RACE-NEXT: #0 increment(int) {{.*}}race_counter.cpp:{{[0-9]+}}
// RACE: Previous {{write|read}} of size 8 at {{.*}} by thread T{{[0-9]+}}:
// RACE-NEXT: #0 increment(int) {{.*}}race_counter.cpp:{{[0-9]+}}
// RACE: Location is global 'value'
// RACE: Thread T{{[0-9]+}} 'goroutine {{[23]}}'
// RACE: Thread T{{[0-9]+}} 'goroutine {{[23]}}'
// OK: == mutex 1
// OK-NEXT: value=2000
// OK: == mutex 2
// OK-NEXT: value=2000
// OK: == mutex_contended 1
// OK-NEXT: value=2000
// OK: == mutex_contended 2
// OK-NEXT: value=2000
// OK: == chan 1
// OK-NEXT: value=2000
// OK: == chan 2
// OK-NEXT: value=2000
// OK: == bufchan 1
// OK-NEXT: value=2000
// OK: == bufchan 2
// OK-NEXT: value=2000
// OK: == chan_as_mutex 1
// OK-NEXT: value=2000
// OK: == chan_as_mutex 2
// OK-NEXT: value=2000
// OK: == ping_pong 1
// OK-NEXT: value=2000
// OK: == ping_pong 2
// OK-NEXT: value=2000
// OK: == close 1
// OK-NEXT: value=2000
// OK: == close 2
// OK-NEXT: value=2000
// OK: == select 1
// OK-NEXT: value=2000
// OK: == select 2
// OK-NEXT: value=2000
// OK: == wait_group 1
// OK-NEXT: value=2000
// OK: == wait_group 2
// OK-NEXT: value=2000
// OK: == shared_mutex 1
// OK-NEXT: value=2000
// OK: == shared_mutex 2
// OK-NEXT: value=2000
// OK: == cond 1
// OK-NEXT: value=2000
// OK: == cond 2
// OK-NEXT: value=2000
// OK: == go_statement 1
// OK-NEXT: value=2000
// OK: == go_statement 2
// OK-NEXT: value=2000
#include <gort/gort.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string>

long value = 0;

[[gnu::noinline]] void increment(int n) {
  volatile long* v = &value;  // one load and one store per step
  for (int i = 0; i < n; ++i) *v = *v + 1;
}

// Runs first() and second() in two goroutines; `mode` picks what orders
// them; main waits for both (through a wait_group of its own).
int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "race";
  constexpr int n = 1000;
  std::function<void()> first, second;
  gort::mutex mu;
  gort::shared_mutex rw;
  gort::condition_variable cv;
  bool first_done = false;
  auto ch = gort::make_chan<int>();
  auto buf = gort::make_chan<int>(1);
  auto other = gort::make_chan<int>();
  gort::wait_group order;
  if (mode == "race") {
    first = second = [] { increment(n); };
  } else if (mode == "sleep") {  // timers order nothing
    first = [] { increment(n); };
    second = [] {
      gort::sleep_for(std::chrono::milliseconds(20));
      increment(n);
    };
  } else if (mode == "mutex") {
    first = second = [&] {
      std::lock_guard g(mu);
      increment(n);
    };
  } else if (mode == "mutex_contended") {  // the slow paths: park, wake
    first = second = [&] {
      for (int i = 0; i < 10; ++i) {
        std::lock_guard g(mu);
        increment(n / 10);
        gort::yield();  // holding the lock: the other one parks on it
      }
    };
  } else if (mode == "chan" || mode == "bufchan") {  // hand-off
    auto c = mode == "chan" ? ch : buf;
    first = [&, c] { increment(n); c.send(1); };
    second = [&, c] { c.recv(); increment(n); };
  } else if (mode == "chan_as_mutex") {  // cap-1 channel as a lock
    first = second = [&] {
      for (int i = 0; i < 10; ++i) {
        buf.send(1);  // lock: the k-th receive happens before send k+1
        increment(n / 10);
        gort::yield();
        buf.recv();  // unlock
      }
    };
  } else if (mode == "ping_pong") {  // alternate, both directions parked
    first = [&] {
      for (int i = 0; i < 10; ++i) {
        increment(n / 10);
        ch.send(i);
        other.recv();
      }
    };
    second = [&] {
      for (int i = 0; i < 10; ++i) {
        ch.recv();
        increment(n / 10);
        other.send(i);
      }
    };
  } else if (mode == "close") {
    first = [&] { increment(n); ch.close(); };
    second = [&] { ch.recv(); increment(n); };
  } else if (mode == "select") {
    first = [&] { increment(n); ch.send(1); };
    second = [&] {
      gort::select(gort::case_recv(ch, [](std::optional<int>) {}),
                   gort::case_recv(other, [](std::optional<int>) {}));
      increment(n);
    };
  } else if (mode == "wait_group") {
    order.add(1);
    first = [&] { increment(n); order.done(); };
    second = [&] { order.wait(); increment(n); };
  } else if (mode == "shared_mutex") {
    first = second = [&] {
      rw.lock_shared();  // readers, then the writer behind them
      rw.unlock_shared();
      std::lock_guard g(rw);
      increment(n);
    };
  } else if (mode == "cond") {
    first = [&] {
      increment(n);
      std::lock_guard g(mu);
      first_done = true;
      cv.notify_one();
    };
    second = [&] {
      std::unique_lock g(mu);
      cv.wait(g, [&] { return first_done; });
      increment(n);
    };
  } else if (mode == "go_statement") {  // spawner's past, goroutine
    increment(n);
    first = [] {};
    second = [] { increment(n); };
  } else {
    std::printf("unknown mode %s\n", mode.c_str());
    return 1;
  }
  gort::wait_group wg;
  wg.add(2);
  gort::go([&] { first(); wg.done(); });
  gort::go([&] { second(); wg.done(); });
  wg.wait();
  std::printf("value=%ld\n", value);
}
