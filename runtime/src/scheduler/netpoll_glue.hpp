// The scheduler's use of the network poller (netpoll/): Go's netpoll calls
// in findRunnable and sysmon. docs/design/netpoll.md, "Who polls".
#pragma once

#include <cstdint>

namespace gort::rt {

struct M;
struct P;

// From an M holding p with nothing local to run: poll without blocking and
// put the goroutines whose fds became ready on p's queue. Returns whether
// it readied any. Does nothing if no goroutine waits on the poller or an
// M is blocked in it already.
bool netpoll_ready_now(P* p);

// From switch_out now and then (scheduler/g0_turn.hpp): is it time for
// a poll from between goroutines? True if goroutines wait on the poller,
// no M is blocked in it and nobody has polled for kNetpollBusyInterval.
// Without these polls a P whose queue never runs dry sees ready fds only
// at sysmon's poll, every 10 ms, and C++ libraries that poll with short
// timeouts (cpp-httplib's keep-alive waits 10 ms) time out instead.
// docs/design/netpoll.md, "Who polls".
constexpr std::int64_t kNetpollBusyInterval = 500'000;  // ns
bool netpoll_poll_due(std::int64_t now);

// From an M without a P that is about to idle: if goroutines wait on the
// poller and no other M is blocked in it, block in epoll_wait (until an
// event, or the break eventfd when the last waiter leaves). Readied
// goroutines go to the global queue; this M takes an idle P for itself if
// there is one. Returns false, at once, if it did not poll (then idle).
bool netpoll_block(M* m);

// From sysmon: poll if goroutines wait and nobody has polled for 10 ms
// (every P busy running goroutines never reaches find_runnable's poll).
void sysmon_netpoll(std::int64_t now);

}  // namespace gort::rt
