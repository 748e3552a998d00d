// Randomized stress of send, recv, select and close across Ps: no value is
// lost or duplicated.
//
// Phase 1: producers send disjoint values over four channels (capacities
// 0, 1, 3, 16) by plain sends, blocking selects over several channels,
// and non-blocking selects retried; consumers receive by blocking selects
// over all channels (dropping those they see closed) and non-blocking
// selects, and one more consumer per channel by plain recv and range-for
// on that channel alone. (Consumers that select over every channel
// guarantee progress: a producer blocked on any channel is eventually
// served.) When all producers are done, main closes every channel; the
// consumers drain them. Every value must be received exactly once.
//
// Phase 2: senders race a close(): each send either completes (and its
// value must be received exactly once) or panics "send on closed channel".
//
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=2 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=4 %t | FileCheck %s
// RUN: %gortxx-tsan %s -o %t.tsan
// RUN: env GORT_MAXPROCS=4 %t.tsan 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
// RUN: env GORT_MAXPROCS=2 %t.tsan 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
#include <gort/gort.hpp>

#include <array>
#include <atomic>
#include <cstdio>
#include <memory>
#include <random>
#include <vector>

constexpr int kChannels = 4;
constexpr int kProducers = 6;
constexpr int kConsumers = 4;
constexpr int kPerProducer = 3000;
constexpr int kValues = kProducers * kPerProducer;

using chans = std::array<gort::chan<int>, kChannels>;

struct tally {
  std::vector<std::atomic<int>> seen;
  explicit tally(int n) : seen(n) {}
  void got(int v) { seen[v].fetch_add(1, std::memory_order_relaxed); }
};

void producer(int id, chans cs, gort::wait_group* wg) {
  std::mt19937 rng(id * 7919 + 1);
  for (int k = 0; k < kPerProducer; ++k) {
    int v = id * kPerProducer + k;
    int a = rng() % kChannels, b = rng() % kChannels, c = rng() % kChannels;
    switch (rng() % 4) {
      case 0:
        cs[a].send(v);
        break;
      case 1:  // blocking select: exactly one case takes v
        gort::select(gort::case_send(cs[a], v), gort::case_send(cs[b], v),
                     gort::case_send(cs[c], v));
        break;
      case 2:  // with a nil channel and a never-ready receive
        gort::select(gort::case_send(cs[a], v), gort::case_recv(gort::chan<int>()),
                     gort::case_send(cs[b], v));
        break;
      case 3:  // non-blocking, retried
        for (;;) {
          bool sent = false;
          gort::select(gort::case_send(cs[a], v, [&] { sent = true; }),
                       gort::case_send(cs[b], v, [&] { sent = true; }),
                       gort::case_default());
          if (sent) break;
          gort::yield();
        }
        break;
    }
  }
  wg->done();
}

// Receives from every channel by select until all are closed and drained.
void selecting_consumer(int id, chans cs, tally* t, gort::wait_group* wg) {
  std::mt19937 rng(id * 104729 + 3);
  int open = kChannels;
  auto handle = [&](int ch) {
    return [&, ch](std::optional<int> v) {
      if (v) {
        t->got(*v);
      } else {
        cs[ch] = nullptr;  // closed and drained: a nil case never fires
        --open;
      }
    };
  };
  while (open > 0) {
    if (rng() % 2) {
      gort::select(gort::case_recv(cs[0], handle(0)),
                   gort::case_recv(cs[1], handle(1)),
                   gort::case_recv(cs[2], handle(2)),
                   gort::case_recv(cs[3], handle(3)));
    } else {
      bool got = true;
      gort::select(gort::case_recv(cs[0], handle(0)),
                   gort::case_recv(cs[1], handle(1)),
                   gort::case_recv(cs[2], handle(2)),
                   gort::case_recv(cs[3], handle(3)),
                   gort::case_default([&] { got = false; }));
      if (!got) gort::yield();
    }
  }
  wg->done();
}

// Receives from one channel by plain recv, then range-for, until closed.
void channel_consumer(gort::chan<int> c, tally* t, gort::wait_group* wg) {
  for (int i = 0; i < 100; ++i) {
    std::optional<int> v = c.recv();
    if (!v) break;
    t->got(*v);
  }
  for (int v : c) t->got(v);
  wg->done();
}

bool phase1() {
  chans cs;
  const std::size_t caps[kChannels] = {0, 1, 3, 16};
  for (int i = 0; i < kChannels; ++i) cs[i] = gort::make_chan<int>(caps[i]);
  tally t(kValues);
  gort::wait_group producers, consumers;
  producers.add(kProducers);
  consumers.add(kConsumers + kChannels);
  for (int i = 0; i < kProducers; ++i) gort::go(producer, i, cs, &producers);
  for (int i = 0; i < kConsumers; ++i)
    gort::go(selecting_consumer, i, cs, &t, &consumers);
  for (int i = 0; i < kChannels; ++i)
    gort::go(channel_consumer, cs[i], &t, &consumers);
  producers.wait();
  for (auto& c : cs) c.close();
  consumers.wait();
  int lost = 0, duplicated = 0;
  for (auto& s : t.seen) {
    int n = s.load();
    lost += n == 0;
    duplicated += n > 1;
  }
  std::printf("phase 1: %d values, lost %d, duplicated %d\n", kValues, lost,
              duplicated);
  return lost == 0 && duplicated == 0;
}

bool phase2(std::size_t capacity) {
  constexpr int kSenders = 8, kTries = 1000;
  auto z = gort::make_chan<int>(capacity);
  auto other = gort::make_chan<int>();  // never ready
  std::vector<std::atomic<int>> sent(kSenders * kTries);
  tally t(kSenders * kTries);
  gort::wait_group senders, receivers;
  senders.add(kSenders);
  receivers.add(2);
  for (int s = 0; s < kSenders; ++s) {
    gort::go([&, s] {
      try {
        for (int k = 0; k < kTries; ++k) {
          int v = s * kTries + k;
          if (k % 2)
            z.send(v);
          else
            gort::select(gort::case_send(z, v), gort::case_recv(other));
          sent[v].store(1, std::memory_order_relaxed);  // the send completed
        }
      } catch (const gort::panic_error&) {
        // "send on closed channel": this and later values were not sent
      }
      senders.done();
    });
  }
  std::atomic<int> received{0};
  auto closed = gort::make_chan<bool>();
  for (int r = 0; r < 2; ++r) {
    gort::go([&] {
      for (int v : z) {
        t.got(v);
        if (received.fetch_add(1) + 1 == kSenders * kTries / 2)
          gort::go([&] {
            z.close();  // races with senders blocked and arriving
            closed.send(true);
          });
      }
      receivers.done();
    });
  }
  senders.wait();
  receivers.wait();
  closed.recv();
  int lost = 0, duplicated = 0, phantom = 0;
  for (std::size_t v = 0; v < sent.size(); ++v) {
    int n = t.seen[v].load();
    if (sent[v].load()) {
      lost += n == 0;
      duplicated += n > 1;
    } else {
      phantom += n != 0;
    }
  }
  std::printf("phase 2 cap %zu: lost %d, duplicated %d, phantom %d\n", capacity,
              lost, duplicated, phantom);
  return lost == 0 && duplicated == 0 && phantom == 0;
}

int main() {
  bool ok = phase1();
  ok &= phase2(0);
  ok &= phase2(4);
  std::printf("%s\n", ok ? "PASS" : "FAIL");
}
// CHECK: phase 1: 18000 values, lost 0, duplicated 0
// CHECK-NEXT: phase 2 cap 0: lost 0, duplicated 0, phantom 0
// CHECK-NEXT: phase 2 cap 4: lost 0, duplicated 0, phantom 0
// CHECK-NEXT: PASS
