// Port of Go's test/chan/select3.go: the semantics of select (and of plain
// operations) for nil, closed, ready and not-ready channels: which ones
// block, which ones panic.
//
// "never blocks" is checked by waiting for the operation to finish (no
// clock involved); "always blocks" by checking that it has not finished
// 100ms later (its goroutine stays blocked until the process exits).
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t | FileCheck %s
// CHECK: PASS
#include <gort/gort.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

using namespace std::chrono_literals;

enum class signal { always, never };

[[noreturn]] void fail(const std::string& what) {
  std::printf("FAIL: %s\n", what.c_str());
  std::fflush(stdout);
  std::abort();
}

void unreachable() { fail("control flow shouldn't reach here"); }

// Calls f and verifies that f always/never panics depending on sig.
void test_panic(signal sig, const std::function<void()>& f) {
  bool panicked = false;
  try {
    f();
  } catch (const gort::panic_error&) {
    panicked = true;
  }
  if (panicked != (sig == signal::always))
    fail(sig == signal::always ? "function did not panic" : "function panicked");
}

// Calls f in a goroutine and verifies that it always/never blocks.
void test_block(signal sig, std::function<void()> f) {
  auto done = gort::make_chan<bool>(1);
  gort::go([=] {
    f();
    done.send(true);
  });
  if (sig == signal::never) {
    done.recv();  // must finish; a hang fails the test
    return;
  }
  gort::select(gort::case_recv(done, [] { fail("function did not block"); }),
               gort::case_recv(gort::after(100ms)));
}

int main() {
  constexpr std::size_t async = 1;  // buffered channels
  gort::chan<int> nilch;
  auto closedch = gort::make_chan<int>();
  closedch.close();

  // sending/receiving from a nil channel blocks
  test_block(signal::always, [=] { nilch.send(7); });
  test_block(signal::always, [=] { nilch.recv(); });

  // sending/receiving from a nil channel inside a select is never selected
  test_panic(signal::never, [=] {
    gort::select(gort::case_send(nilch, 7, [] { unreachable(); }),
                 gort::case_default());
  });
  test_panic(signal::never, [=] {
    gort::select(gort::case_recv(nilch, [] { unreachable(); }),
                 gort::case_default());
  });

  // sending to an async channel with free buffer space never blocks
  test_block(signal::never, [] {
    auto ch = gort::make_chan<int>(async);
    ch.send(7);
  });

  // receiving from a closed channel never blocks
  test_block(signal::never, [=] {
    for (int i = 0; i < 10; ++i) {
      if (closedch.recv().value_or(0) != 0)
        fail("expected zero value when reading from closed channel");
      if (auto v = closedch.recv(); v.has_value())
        fail("expected nullopt from closed channel");
    }
  });

  // sending to a closed channel panics.
  test_panic(signal::always, [=] { closedch.send(7); });

  // receiving from a non-ready channel always blocks
  test_block(signal::always, [] {
    auto ch = gort::make_chan<int>();
    ch.recv();
  });

  // empty selects always block
  test_block(signal::always, [] { gort::select(); });

  // selects with only nil channels always block
  test_block(signal::always, [=] {
    gort::select(gort::case_recv(nilch, [] { unreachable(); }));
  });
  test_block(signal::always, [=] {
    gort::select(gort::case_send(nilch, 7, [] { unreachable(); }));
  });
  test_block(signal::always, [=] {
    gort::select(gort::case_recv(nilch, [] { unreachable(); }),
                 gort::case_send(nilch, 7, [] { unreachable(); }));
  });

  // selects with non-ready non-nil channels always block
  test_block(signal::always, [] {
    auto ch = gort::make_chan<int>();
    gort::select(gort::case_recv(ch, [] { unreachable(); }));
  });

  // selects with default cases don't block
  test_block(signal::never, [] { gort::select(gort::case_default()); });
  test_block(signal::never, [=] {
    gort::select(gort::case_recv(nilch, [] { unreachable(); }),
                 gort::case_default());
  });
  test_block(signal::never, [=] {
    gort::select(gort::case_send(nilch, 7, [] { unreachable(); }),
                 gort::case_default());
  });

  // selects with ready channels don't block
  test_block(signal::never, [] {
    auto ch = gort::make_chan<int>(async);
    gort::select(gort::case_send(ch, 7),
                 gort::case_default([] { unreachable(); }));
  });
  test_block(signal::never, [] {
    auto ch = gort::make_chan<int>(async);
    ch.send(7);
    gort::select(gort::case_recv(ch),
                 gort::case_default([] { unreachable(); }));
  });

  // selects with closed channels behave like ordinary operations
  test_block(signal::never, [=] { gort::select(gort::case_recv(closedch)); });
  test_block(signal::never, [=] {
    gort::select(gort::case_recv(closedch, [](std::optional<int> x) {
      if (x) fail("value from closed channel");
    }));
  });
  test_panic(signal::always, [=] { gort::select(gort::case_send(closedch, 7)); });
  // ... also with more than one case
  test_panic(signal::always, [=] {
    gort::select(gort::case_send(closedch, 7), gort::case_recv(nilch));
  });

  // select should not get confused if it sees itself
  test_block(signal::always, [] {
    auto c = gort::make_chan<int>();
    gort::select(gort::case_send(c, 1), gort::case_recv(c));
  });

  std::printf("PASS\n");
}
