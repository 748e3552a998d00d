// listen() on a socket the poller manages asks for at least the system's
// somaxconn (docs/design/netpoll.md, "The listen backlog"): cpp-httplib's
// backlog of 5 would make the kernel drop the SYNs of a burst of
// connections while the accepting goroutine waits for a P. Checked two
// ways: the listener's queue limit as the kernel reports it (TCP_INFO on a
// listening socket: tcpi_sacked is the limit, tcpi_unacked the queue), and
// 64 connections that all complete with nobody accepting (the 7th and
// later would wait for SYN retransmissions with a queue of 5; each connect
// gives up after 5 s through SO_SNDTIMEO, so a failure is a count, not a
// hang). With the poller off, the program's own backlog stands: the queue
// holds 6 (backlog + 1); a client or two more may see its handshake finish
// while the server drops the last ACK of a full queue (kernel timing), so
// that count is 6 to 9, never near 64.
// RUN: %gortpp %s -o %t
// RUN: env GORT_MAXPROCS=2 %t | FileCheck %s --check-prefix=ON
// RUN: env GORT_MAXPROCS=2 GORT_DEBUG=netpoll=0 %t | FileCheck %s --check-prefix=OFF
// ON: listen(5) from a goroutine: limit is somaxconn: yes
// ON-NEXT: listen(5) from a plain thread: limit is somaxconn: yes
// ON-NEXT: connected 64 of 64 with nobody accepting, queued 64
// OFF: listen(5) from a goroutine: limit is 5: yes
// OFF-NEXT: listen(5) from a plain thread: limit is 5: yes
// OFF-NEXT: connected {{[6-9]}} of 64 with nobody accepting, queued 6
#include <gort/gort.hpp>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "../Inputs/loopback.hpp"

namespace {

int read_somaxconn() {
  FILE* f = std::fopen("/proc/sys/net/core/somaxconn", "r");
  int v = 4096;
  if (f) {
    if (std::fscanf(f, "%d", &v) != 1) v = 4096;
    std::fclose(f);
  }
  return v > 65535 ? 65535 : v;
}

// A loopback listener with the given backlog; *port receives its port.
int make_listener(int backlog, int* port) {
  sockaddr_in a;
  int fd = loopback_listener(&a, backlog);
  if (fd < 0) {
    std::perror("bind/listen");
    std::exit(1);
  }
  *port = ntohs(a.sin_port);
  return fd;
}

// The kernel's view of a listener: its queue limit and current length.
tcp_info listener_info(int fd) {
  tcp_info ti{};
  socklen_t l = sizeof ti;
  if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &l) != 0) std::perror("TCP_INFO");
  return ti;
}

void report(const char* who, int fd, int somaxconn) {
  unsigned limit = listener_info(fd).tcpi_sacked;
  if (limit == unsigned(somaxconn))
    std::printf("listen(5) from %s: limit is somaxconn: yes\n", who);
  else if (limit == 5)
    std::printf("listen(5) from %s: limit is 5: yes\n", who);
  else
    std::printf("listen(5) from %s: limit is %u (somaxconn %d)\n", who, limit, somaxconn);
}

}  // namespace

int main() {
  const int somaxconn = read_somaxconn();
  int port = 0;
  int lfd = make_listener(5, &port);
  report("a goroutine", lfd, somaxconn);

  int tport = 0, tfd = -1;
  std::thread([&] { tfd = make_listener(5, &tport); }).join();
  report("a plain thread", tfd, somaxconn);
  close(tfd);

  constexpr int kClients = 64;
  std::atomic<int> connected{0};
  gort::wait_group wg;
  int fds[kClients];
  for (int i = 0; i < kClients; ++i) {
    wg.add(1);
    gort::go([&, i] {
      fds[i] = socket(AF_INET, SOCK_STREAM, 0);
      timeval tv{5, 0};
      setsockopt(fds[i], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
      sockaddr_in a = loopback_addr(port);
      if (connect(fds[i], reinterpret_cast<sockaddr*>(&a), sizeof a) == 0)
        connected.fetch_add(1);
      wg.done();
    });
  }
  wg.wait();
  std::printf("connected %d of %d with nobody accepting, queued %u\n", connected.load(),
              kClients, listener_info(lfd).tcpi_unacked);
  for (int fd : fds) close(fd);
  close(lfd);
}
