// Senders blocked on a channel that gets closed wake up and panic with
// "send on closed channel": plain sends and select send cases.
//
// With one P the senders block before main closes the channel.
//
// RUN: %gortxx %s -o %t && env GORT_MAXPROCS=1 %t | FileCheck %s
// RUN: env GORT_MAXPROCS=4 %t | FileCheck %s
// RUN: %gortxx-tsan %s -o %t.tsan
// RUN: env GORT_MAXPROCS=4 %t.tsan 2>&1 | FileCheck %s --implicit-check-not=ThreadSanitizer
#include <gort/gort.hpp>

#include <chrono>
#include <cstdio>
#include <string>

using namespace std::chrono_literals;

int main() {
  auto c = gort::make_chan<int>();
  auto results = gort::make_chan<std::string>(10);
  for (int i = 0; i < 5; ++i) {
    gort::go([=] {
      try {
        c.send(i);
        results.send("sent");
      } catch (const gort::panic_error& e) {
        results.send(std::string("send: ") + e.what());
      }
    });
    gort::go([=] {
      try {
        gort::select(gort::case_send(c, i), gort::case_recv(gort::chan<int>()));
        results.send("sent");
      } catch (const gort::panic_error& e) {
        results.send(std::string("select: ") + e.what());
      }
    });
  }
  gort::sleep_for(10ms);
  c.close();
  int plain = 0, selects = 0;
  for (int i = 0; i < 10; ++i) {
    std::string r = *results.recv();
    if (r == "send: send on closed channel") ++plain;
    if (r == "select: send on closed channel") ++selects;
  }
  std::printf("plain senders panicked: %d, select senders panicked: %d\n", plain,
              selects);
}
// CHECK: plain senders panicked: 5, select senders panicked: 5
