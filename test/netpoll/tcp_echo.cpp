// An in-process TCP echo server (a goroutine per connection, plain
// blocking socket calls) and 1,000 client goroutines x 100 round trips:
// every byte checked, under GORT_MAXPROCS=1, 2 and 4. The threads stay
// few: every blocked recv parks on the poller. 2,000 fds: the soft
// RLIMIT_NOFILE is raised to the hard limit (lit.local.cfg).
// REQUIRES: nofile-4096
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=1 %t 1000 100 | FileCheck %s
// RUN: env GORT_MAXPROCS=2 %t 1000 100 | FileCheck %s
// RUN: env GORT_MAXPROCS=4 %t 1000 100 | FileCheck %s
// CHECK: clients=1000 round_trips_ok=100000 bad=0
// CHECK-NEXT: threads within MAXPROCS+4: yes
#include <gort/gort.hpp>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <chrono>

#include "../Inputs/loopback.hpp"
#include "../Inputs/os_threads.hpp"

bool read_full(int fd, char* p, std::size_t n) {
  while (n > 0) {
    ssize_t r = read(fd, p, n);
    if (r <= 0) return false;
    p += r;
    n -= std::size_t(r);
  }
  return true;
}

int main(int argc, char** argv) {
  int clients = argc > 1 ? std::atoi(argv[1]) : 1000;
  int rounds = argc > 2 ? std::atoi(argv[2]) : 100;
  rlimit rl;  // 1,000 connections with both ends here: past a 1,024 soft limit
  getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);
  sockaddr_in addr;
  int ls = loopback_listener(&addr, 4096);
  if (ls < 0) {
    std::perror("listen");
    return 1;
  }
  // Server: accept loop, one goroutine per connection echoing until EOF.
  gort::go([ls] {
    for (;;) {
      int c = accept(ls, nullptr, nullptr);
      if (c < 0) return;
      gort::go([c] {
        char buf[256];
        for (;;) {
          ssize_t r = recv(c, buf, sizeof buf, 0);
          if (r <= 0) break;
          if (send(c, buf, std::size_t(r), 0) != r) break;
        }
        close(c);
      });
    }
  });
  std::atomic<long> ok{0}, bad{0};
  peak_threads threads;
  threads.start();
  gort::wait_group wg;
  wg.add(clients);
  for (int i = 0; i < clients; ++i)
    gort::go([&, i] {
      int s = socket(AF_INET, SOCK_STREAM, 0);
      int one = 1;
      setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      if (connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        bad += rounds;
        wg.done();
        return;
      }
      char out[64], in[64];
      for (int k = 0; k < rounds; ++k) {
        int len = std::snprintf(out, sizeof out, "client %d round %d payload", i, k);
        if (write(s, out, std::size_t(len)) != len || !read_full(s, in, std::size_t(len)) ||
            std::memcmp(in, out, std::size_t(len)) != 0)
          ++bad;
        else
          ++ok;
      }
      close(s);
      wg.done();
    });
  wg.wait();
  int max_threads = threads.stop();
  std::printf("clients=%d round_trips_ok=%ld bad=%ld\n", clients, ok.load(), bad.load());
  std::printf("threads within MAXPROCS+4: %s\n",
              max_threads <= gort::max_procs() + 4 ? "yes" : "no");
  std::fprintf(stderr, "max threads %d\n", max_threads);
}
