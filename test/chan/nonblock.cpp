// Port of Go's test/chan/nonblock.go: non-blocking sends and receives
// (select with a default case) on unbuffered and buffered channels of
// several element types, against a partner goroutine that is or is not
// ready yet. Instead of Go's 10us ticker, the retry loop sleeps 10us.
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// CHECK: PASS
#include <gort/gort.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace std::chrono_literals;

[[noreturn]] void fail(const char* what) {
  std::printf("FAIL: %s\n", what);
  std::fflush(stdout);
  std::abort();
}

template <class T>
void receiver(gort::chan<T> c, gort::chan<bool> strobe, T want) {
  if (c.recv() != want) fail("receiver value");
  strobe.send(true);
}

template <class T>
void sender(gort::chan<T> c, gort::chan<bool> strobe, T v) {
  c.send(v);
  strobe.send(true);
}

void let_others_run() {
  gort::sleep_for(10us);
  gort::sleep_for(10us);
  gort::yield();
  gort::yield();
  gort::yield();
}

// A progress bound, not a time limit: fail only if a partner goroutine
// never becomes ready at all.
constexpr int max_tries = 1000000;

// One Go "Send32 / Recv32" block for element type T.
template <class T>
void exercise(std::size_t buffer, gort::chan<bool> sync, T to_receiver,
              T from_sender, const char* name) {
  auto c = gort::make_chan<T>(buffer);

  gort::select(gort::case_recv(c, [&] { fail(name); }), gort::case_default());

  gort::go(receiver<T>, c, sync, to_receiver);
  for (int tries = 0;; ++tries) {
    if (tries > max_tries) fail(name);
    bool sent = false;
    gort::select(gort::case_send(c, to_receiver, [&] { sent = true; }),
                 gort::case_default());
    if (sent) break;
    let_others_run();
  }
  sync.recv();

  gort::go(sender<T>, c, sync, from_sender);
  if (buffer > 0) sync.recv();
  std::optional<T> got;
  for (int tries = 0;; ++tries) {
    if (tries > max_tries) fail(name);
    gort::select(gort::case_recv(c, [&](std::optional<T> v) { got = v; }),
                 gort::case_default());
    if (got) break;
    let_others_run();
  }
  if (*got != from_sender) fail(name);
  if (buffer == 0) sync.recv();
}

int main() {
  auto sync = gort::make_chan<bool>();
  for (std::size_t buffer = 0; buffer < 2; ++buffer) {
    exercise<std::int32_t>(buffer, sync, 123, 234, "i32");
    exercise<std::int64_t>(buffer, sync, 123456, 234567, "i64");
    exercise<bool>(buffer, sync, true, true, "bool");
    exercise<std::string>(buffer, sync, "hello", "hello again", "string");
  }
  std::printf("PASS\n");
}
