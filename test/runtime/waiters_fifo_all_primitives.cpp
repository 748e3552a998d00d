// The order in which each sync primitive releases its parked waiters, as
// far as docs/guide.md and the primitives' own headers promise it. Guards
// the one waiter FIFO (scheduler/waiter_list.hpp) they all share:
//   CV      condition_variable::notify_one wakes waiters in wait order,
//           also after a timed-out waiter left the middle of the queue;
//           notify_all wakes every waiter.
//   WRITERS shared_mutex: parked writers get the lock in arrival order
//           (a writer's unlock hands it to the next one).
//   READERS shared_mutex: the readers queued behind a writer all enter
//           together when it unlocks, and a writer that queued after them
//           enters once they have left.
//   WG      wait_group::wait releases every waiter, and none before the
//           counter reaches zero.
//   MUTEX   gort::mutex: every parked locker gets in, one at a time. The
//           guide promises no order (unlock wakes one waiter, which
//           competes again: barging, mutex.cpp), so none is asserted.
//
// Observable without timing: one P and no preemption, so a goroutine that
// announced it is about to block has blocked by the time main runs again
// (there is no scheduling point between the announcement and the park).
// Main waits for such announcements by yielding, never by sleeping.
//
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 GORT_DEBUG=preemptoff=1 %t cv | FileCheck %s --check-prefix=CV
// RUN: env GORT_MAXPROCS=1 GORT_DEBUG=preemptoff=1 %t writers | FileCheck %s --check-prefix=WRITERS
// RUN: env GORT_MAXPROCS=1 GORT_DEBUG=preemptoff=1 %t readers | FileCheck %s --check-prefix=READERS
// RUN: env GORT_MAXPROCS=1 GORT_DEBUG=preemptoff=1 %t wg | FileCheck %s --check-prefix=WG
// RUN: env GORT_MAXPROCS=1 GORT_DEBUG=preemptoff=1 %t mutex | FileCheck %s --check-prefix=MUTEX
//
// CV: notify_one woke: 0 1 2 3 4
// CV-NEXT: after a timeout in the middle: 0 2
// CV-NEXT: notify_all woke 4 of 4
// WRITERS: writers entered: 0 1 2 3 4
// READERS: readers inside together: 3 of 3
// READERS-NEXT: writer entered after 3 readers left, 0 inside
// WG: released before done: 0
// WG-NEXT: released after done: 4 of 4
// MUTEX: entered 5 of 5, overlapping 0
#include <gort/gort.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <vector>

using namespace std::chrono_literals;

namespace {

// Yields until pred() holds (each call is a scheduling point for the
// others on the one P).
template <class Pred>
void yield_until(Pred pred) {
  while (!pred()) gort::yield();
}

void print_list(const char* what, const std::vector<int>& v) {
  std::printf("%s:", what);
  for (int i : v) std::printf(" %d", i);
  std::printf("\n");
}

void condition_variable_order() {
  gort::mutex mu;
  gort::condition_variable cv;
  std::vector<int> woke;
  int waiting = 0;
  gort::wait_group wg;
  auto waiter = [&](int i) {
    std::unique_lock lk(mu);
    ++waiting;
    cv.wait(lk);  // queued before mu is released: no notify is missed
    woke.push_back(i);
    wg.done();
  };
  auto waiting_is = [&](int n) {
    std::lock_guard g(mu);
    return waiting == n;
  };
  auto woke_size_is = [&](std::size_t n) {
    std::lock_guard g(mu);
    return woke.size() == n;
  };

  // Five waiters, queued strictly one after the other; then one
  // notify_one at a time, each waiter recording itself before the next.
  const int n = 5;
  wg.add(n);
  for (int i = 0; i < n; ++i) {
    gort::go(waiter, i);
    yield_until([&] { return waiting_is(i + 1); });
  }
  for (int i = 0; i < n; ++i) {
    cv.notify_one();
    yield_until([&] { return woke_size_is(std::size_t(i) + 1); });
  }
  wg.wait();
  print_list("notify_one woke", woke);

  // Waiter 1 of three times out and leaves the middle of the queue; the
  // next two notify_one calls wake 0, then 2.
  woke.clear();
  waiting = 0;
  bool timed_out = false;
  wg.add(3);
  gort::go(waiter, 0);
  yield_until([&] { return waiting_is(1); });
  gort::go([&] {
    std::unique_lock lk(mu);
    ++waiting;
    timed_out = cv.wait_for(lk, 1ms) == std::cv_status::timeout;
    wg.done();
  });
  yield_until([&] { return waiting_is(2); });
  gort::go(waiter, 2);
  yield_until([&] { return waiting_is(3); });
  yield_until([&] {
    std::lock_guard g(mu);
    return timed_out;
  });
  cv.notify_one();
  yield_until([&] { return woke_size_is(1); });
  cv.notify_one();
  wg.wait();
  print_list("after a timeout in the middle", woke);

  woke.clear();
  waiting = 0;
  wg.add(4);
  for (int i = 0; i < 4; ++i) gort::go(waiter, i);
  yield_until([&] { return waiting_is(4); });
  cv.notify_all();
  wg.wait();
  std::printf("notify_all woke %zu of 4\n", woke.size());
}

void writers_order() {
  gort::shared_mutex rw;
  std::vector<int> entered;
  std::atomic<int> arrived{0};
  gort::wait_group wg;
  rw.lock();
  const int n = 5;
  wg.add(n);
  for (int i = 0; i < n; ++i) {
    gort::go([&, i] {
      arrived.store(i + 1);
      rw.lock();
      entered.push_back(i);  // guarded by rw
      rw.unlock();
      wg.done();
    });
    yield_until([&] { return arrived.load() == i + 1; });
  }
  rw.unlock();
  wg.wait();
  print_list("writers entered", entered);
}

void readers_together() {
  gort::shared_mutex rw;
  std::atomic<int> arrived{0}, inside{0}, entered{0}, left{0}, most_inside{0};
  int inside_at_writer = -1, left_at_writer = -1;
  gort::wait_group wg;
  rw.lock();
  const int n = 3;
  wg.add(n + 1);
  for (int i = 0; i < n; ++i) {
    gort::go([&] {
      arrived.fetch_add(1);
      rw.lock_shared();
      inside.fetch_add(1);
      entered.fetch_add(1);
      // Together: the one unlock let every queued reader in, so all of
      // them enter before any leaves. (A reader let in alone would give
      // up after the bound, the others still queued, and report fewer.)
      for (int k = 0; k < 1000 && entered.load() < n; ++k) gort::yield();
      int now = inside.load();
      if (now > most_inside.load()) most_inside.store(now);
      left.fetch_add(1);
      inside.fetch_sub(1);
      rw.unlock_shared();
      wg.done();
    });
    yield_until([&] { return arrived.load() == i + 1; });
  }
  gort::go([&] {
    arrived.fetch_add(1);
    rw.lock();
    inside_at_writer = inside.load();
    left_at_writer = left.load();
    rw.unlock();
    wg.done();
  });
  yield_until([&] { return arrived.load() == n + 1; });
  rw.unlock();
  wg.wait();
  std::printf("readers inside together: %d of %d\n", most_inside.load(), n);
  std::printf("writer entered after %d readers left, %d inside\n",
              left_at_writer, inside_at_writer);
}

void wait_group_releases_all() {
  gort::wait_group gate, finished;
  std::atomic<int> arrived{0}, released{0};
  const int n = 4;
  gate.add(1);
  finished.add(n);
  for (int i = 0; i < n; ++i) {
    gort::go([&] {
      arrived.fetch_add(1);
      gate.wait();
      released.fetch_add(1);
      finished.done();
    });
    yield_until([&] { return arrived.load() == i + 1; });
  }
  for (int k = 0; k < 100; ++k) gort::yield();  // a wrong early release shows
  std::printf("released before done: %d\n", released.load());
  gate.done();
  finished.wait();
  std::printf("released after done: %d of %d\n", released.load(), n);
}

void mutex_every_waiter() {
  gort::mutex mu;
  std::atomic<int> arrived{0}, holders{0}, overlaps{0}, entered{0};
  gort::wait_group wg;
  const int n = 5;
  mu.lock();
  wg.add(n);
  for (int i = 0; i < n; ++i) {
    gort::go([&] {
      arrived.fetch_add(1);
      mu.lock();
      if (holders.fetch_add(1) != 0) overlaps.fetch_add(1);
      entered.fetch_add(1);
      gort::yield();  // let another locker try while we hold it
      holders.fetch_sub(1);
      mu.unlock();
      wg.done();
    });
    yield_until([&] { return arrived.load() == i + 1; });
  }
  mu.unlock();
  wg.wait();
  std::printf("entered %d of %d, overlapping %d\n", entered.load(), n,
              overlaps.load());
}

}  // namespace

int main(int argc, char** argv) {
  const char* which = argc > 1 ? argv[1] : "";
  if (!std::strcmp(which, "cv")) condition_variable_order();
  else if (!std::strcmp(which, "writers")) writers_order();
  else if (!std::strcmp(which, "readers")) readers_together();
  else if (!std::strcmp(which, "wg")) wait_group_releases_all();
  else if (!std::strcmp(which, "mutex")) mutex_every_waiter();
  else {
    std::printf("usage: %s cv|writers|readers|wg|mutex\n", argv[0]);
    return 2;
  }
}
