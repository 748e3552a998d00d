// The network poller (Go's runtime/netpoll.go + netpoll_epoll.go, adapted
// to C file descriptors). See docs/design/netpoll.md.
//
// This layer owns: the per-fd descriptor table (which fds the runtime made
// O_NONBLOCK, the mode the user asked for, SO_RCVTIMEO/SO_SNDTIMEO), the one
// epoll instance, and the ready/wait state machine. It knows nothing of
// goroutines: a wait is a `poll_wait` whose `cookie` the layer above parks
// and unparks; the layer hands claimed waits to a `deliver` callback.
//
// The wake-up protocol (Go's pdReady/pdWait, per wait instead of per fd,
// because C code may have several goroutines on one fd):
//
//   poll_wait::state   armed --(commit, after the switch)--> parked
//                        \                                    |
//                         +--(claim by event/timeout/close)---+--> woken
//
//   * Every fd has, per direction, a readiness generation `gen` that the
//     poller bumps (under the fd's lock) for every edge it takes out of
//     epoll, and a sequence number `seq` bumped by close.
//   * A waiter reads a token {seq, gen} BEFORE the system call that failed
//     with EAGAIN; then, under the fd's lock, it parks only if the token is
//     unchanged, linking a node into the fd's list; otherwise it retries.
//   * Claiming is one CAS armed|parked -> woken: exactly one of the event,
//     the timer and close wins. A claimer that saw `parked` unparks; one
//     that saw `armed` does nothing, and the goroutine's commit CAS
//     (armed -> parked, run after its context is saved) fails, so it
//     readies itself.
//
// No edge is lost between EAGAIN and the park: data that arrives after the
// failed call makes the kernel queue an edge-triggered event (or, if the fd
// was not registered yet, the EPOLL_CTL_ADD done under the fd's lock before
// the check reports the current readiness). The poller bumps `gen` and scans
// the list under the same lock as the check, so either the check sees the
// new gen (retry) or the scan sees the node (claim).
#pragma once

#include <atomic>
#include <cstdint>

#include <gort/detail/park.hpp>

#include "base/owned_lock.hpp"

namespace gort::rt::netpoll {

enum dir : int { read_dir = 0, write_dir = 1 };
enum wait_state : std::uint32_t { armed, parked, woken };
enum wake_reason : std::uint32_t { none, ready, timed_out, closed };

// Who decides the real O_NONBLOCK of a managed fd's open file description
// (docs/design/netpoll.md, "Whose O_NONBLOCK"):
//   nb_ours   the runtime keeps it set (the user's mode is the shadow);
//             calls try, park on EAGAIN, retry. Sockets, eventfd... from
//             creation; a pipe after its first would-block.
//   nb_lazy   the real flag is the user's; the first time a goroutine
//             would block on it (poll says not ready), the runtime sets it
//             and the fd becomes nb_ours. Pipes start here: they are what
//             children inherit as stdin/stdout and what sanitizer
//             runtimes talk to their symbolizer through.
//   nb_never  the real flag is the user's, for good: the description is
//             shared with another process (given to a child through
//             posix_spawn's dup2 action, inherited across fork/spawn
//             without FD_CLOEXEC, dup2'ed onto 0-2). Blocking calls hand
//             the P off; poll/select/epoll_wait still park (epoll needs
//             no O_NONBLOCK).
enum nb_mode : std::uint8_t { nb_ours, nb_lazy, nb_never };

// Is the poller on? False with GORT_DEBUG=netpoll=0: no fd is ever made
// O_NONBLOCK and every call keeps the syscall handoff.
bool enabled();

// ---- The descriptor table ------------------------------------------------

struct wait_node;

struct fd_desc {
  owned_lock lock;
  std::atomic<std::uint32_t> seq{0};       // bumped by forget (close, reuse)
  std::atomic<std::uint32_t> gen[2] = {};  // readiness edges seen, per dir
  std::atomic<bool> managed{false};        // runtime set O_NONBLOCK on it
  std::atomic<bool> user_nonblock{false};  // the mode the user asked for
  std::atomic<bool> closing{false};        // between begin_close and end_close
  std::atomic<std::uint8_t> mode{nb_ours}; // nb_mode: whose O_NONBLOCK
  std::atomic<bool> pipe{false};           // made by pipe/pipe2 (share_inheritable)
  bool registered = false;                 // in the epoll set (under lock)
  std::atomic<std::int64_t> timeout_ns[2] = {};  // SO_RCVTIMEO, SO_SNDTIMEO
  std::atomic<std::int32_t> attempts{0};   // system calls in flight (close waits)
  wait_node* head[2] = {nullptr, nullptr};       // parked waits, per dir
};

// The descriptor of fd if the runtime manages it (created by an interposed
// socket/accept/pipe/eventfd/... call with O_NONBLOCK added), else null.
fd_desc* managed(int fd);

// Wakes a claimed wait that was parked (the layer above's unpark).
using deliver_fn = void (*)(void* cookie);

// fd was just created by the process through an interposed call: manage
// it. `user_nonblock`: the user asked for a non-blocking fd. `mode`:
// nb_ours if the runtime's O_NONBLOCK was added to the creating call,
// nb_lazy if it was not (pipes). Whatever the table knew of an earlier fd
// with this number (closed behind the runtime's back) is forgotten first.
void adopt(int fd, bool user_nonblock, deliver_fn deliver, nb_mode mode = nb_ours);

// nb_lazy -> nb_ours: a goroutine would block on fd; sets the real
// O_NONBLOCK. Does nothing in the other modes.
void take_nonblock(fd_desc* d, int fd);

// -> nb_never: the description is (or will be) shared with another
// process; gives it back the user's mode if the runtime had set
// O_NONBLOCK. Does nothing on an unmanaged fd.
void share(int fd);

// share() for every managed pipe without FD_CLOEXEC: called before fork,
// posix_spawn, system and popen, whose children inherit those. Pipes only:
// a pipe left open across a spawn is almost always meant for the child
// (`cmd <&N`), a socket almost always leaked (a server's connections are
// rarely FD_CLOEXEC), and sharing every open connection at each spawn
// would give each of them a thread again. Sockets a child is given as
// 0-2 or through a posix_spawn dup2 action are shared (dup2 paths).
void share_inheritable();

// fd is being closed or replaced (close, dup2/dup3 target) or was created
// by a call the poller does not manage: drop its registration, bump its
// seq (stale tokens and epoll events no longer match) and claim every wait
// parked on it for `why`. Returns whether fd was managed.
bool forget(int fd, wake_reason why, deliver_fn deliver);

// close() and dup2/dup3 onto a managed fd, in two steps around the real
// call. begin_close claims the waits (EBADF for them) and bumps seq, but
// keeps the fd managed and marks it closing: a call that starts meanwhile
// fails with EBADF instead of seeing the still-open O_NONBLOCK fd as
// unmanaged (EAGAIN from a "blocking" fd). end_close, after the real
// call, unmanages it unless the number was adopted again meanwhile.
// begin_close returns false (nothing to do) if fd was not managed.
bool begin_close(int fd, deliver_fn deliver, std::uint32_t* seq_after);
void end_close(int fd, std::uint32_t seq_after);

// Copies what the table knows of `from` (managed, user mode, timeouts) to
// `to`, a new fd for the same open file description (dup, F_DUPFD, dup2).
void adopt_copy(int from, int to, deliver_fn deliver);

// A call that parked and woke retries by fd number, which close() may have
// given to a new fd meanwhile. begin_attempt (before each try) fails if
// the fd's seq is no longer `seq` (closed: the call fails with EBADF);
// close() bumps seq and then waits for attempts in flight (non-blocking
// calls, so briefly) before the real close, so a try never reaches a
// reused number. (Go's fdMutex reference count plays this part.)
bool begin_attempt(fd_desc* d, std::uint32_t seq);
void end_attempt(fd_desc* d);
// After forget(fd): wait until no attempt on fd is in flight.
void wait_attempts(int fd);

// A snapshot taken before a system call that may fail with EAGAIN.
struct token {
  std::uint32_t seq;
  std::uint32_t gen;
};
token snapshot(fd_desc* d, dir which);

// ---- Waits ---------------------------------------------------------------



// One parked goroutine; it may wait on several fds (poll, select).
struct poll_wait {
  std::atomic<std::uint32_t> state{armed};  // armed, parked, woken + reason
  void* cookie = nullptr;  // the layer above's handle (its park waiter)
};

// A poll_wait's link into one fd's list for one direction.
struct wait_node {
  wait_node* next = nullptr;
  wait_node* prev = nullptr;
  poll_wait* owner = nullptr;
  fd_desc* desc = nullptr;
  int which = read_dir;
  bool linked = false;
};

// Claims w for `why`: true if this caller won (then it must unpark w if
// `*was_parked`, else the goroutine readies itself at commit).
bool claim(poll_wait& w, wake_reason why, bool* was_parked);

// Why w was woken (none while not woken).
wake_reason reason(const poll_wait& w);

// The goroutine's commit, after its context is saved: false if w was
// claimed meanwhile (then the goroutine must be readied at once).
bool commit(poll_wait& w);

// Under d's lock: the result of checking a token before parking.
enum class link_result { linked, changed, closed, unpollable };

// Links n into d's list if `t` still holds (registering d with epoll the
// first time). `changed`: an edge came since the snapshot, retry the call;
// `closed`: the fd was closed or reused; `unpollable`: epoll refused it.
link_result link(wait_node& n, fd_desc* d, int fd, dir which, token t,
                 poll_wait& owner);

// Unlinks n if it is linked (the goroutine, after it woke).
void unlink(wait_node& n);

// Waits parked on the poller (the deadlock check counts them as wakeable).
// begin_wait before the first link, end_wait after the last unlink.
void begin_wait();
void end_wait();
std::int64_t waiters();

// ---- The poller ----------------------------------------------------------

// Takes ready events out of epoll and claims the waits they complete,
// calling deliver(cookie) for each claimed parked one (under the fd's lock:
// deliver must only queue it). timeout_ms: 0 polls, -1 blocks until an
// event or break_poll(). Returns the number delivered.
int poll(int timeout_ms, void (*deliver)(void* cookie, void* ctx), void* ctx);

// Wakes a thread blocked in poll(-1) (an eventfd in the epoll set).
void break_poll();

// Nanoseconds (base/clock.hpp) of the last poll() by anyone (sysmon polls
// when nobody has for 10 ms).
std::int64_t last_poll_ns();

// Hook for the scheduler: is a thread blocked in poll(-1) now? Set and
// cleared by the blocking poller itself.
extern std::atomic<bool> blocked_in_poll;

}  // namespace gort::rt::netpoll
