// 10,000 goroutines blocked in read() at GORT_MAXPROCS=2 hold no threads:
// they park on the network poller. The process's thread count stays at most
// GORT_MAXPROCS + 4 (docs/design/netpoll.md: the main thread's M, one M
// blocked in epoll_wait, sysmon, the timer thread - see "Threads"), and
// every goroutine gets exactly its own bytes, once.
// Two fd kinds: one socketpair per goroutine (9,000 of them: 2 fds each and
// the machine's hard RLIMIT_NOFILE is 20,000) and one Unix datagram socket
// per goroutine (10,000), all fed by one sender.
// With GORT_DEBUG=netpoll=0 every reader holds a thread (fails the bound).
// REQUIRES: nofile-20000
// RUN: %gortxx %s -o %t
// RUN: env GORT_MAXPROCS=2 %t pairs 9000 | FileCheck %s
// RUN: env GORT_MAXPROCS=2 %t dgram 10000 | FileCheck %s
// RUN: env GORT_MAXPROCS=2 GORT_DEBUG=netpoll=0 %t pairs 300 | FileCheck %s --check-prefix=OFF
// CHECK: all blocked: yes
// CHECK-NEXT: threads within MAXPROCS+4 while blocked: yes
// CHECK-NEXT: exact bytes once: yes
// CHECK-NEXT: threads within MAXPROCS+4 after: yes
// OFF: threads within MAXPROCS+4 while blocked: no
#include <gort/gort.hpp>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "../Inputs/os_threads.hpp"

sockaddr_un abstract_addr(int i, socklen_t* len) {
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  int n = std::snprintf(a.sun_path + 1, sizeof a.sun_path - 1, "gort-np-%d-%d", getpid(), i);
  *len = socklen_t(offsetof(sockaddr_un, sun_path) + 1 + n);
  return a;
}

int main(int argc, char** argv) {
  bool pairs = argc > 1 && std::strcmp(argv[1], "pairs") == 0;
  int n = argc > 2 ? std::atoi(argv[2]) : 1000;
  rlimit rl;
  getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);
  int maxprocs = gort::max_procs();

  std::vector<int> rd(n), wr(n, -1);
  int sender = -1;
  if (!pairs) sender = socket(AF_UNIX, SOCK_DGRAM, 0);
  for (int i = 0; i < n; ++i) {
    if (pairs) {
      int sv[2];
      if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) { std::perror("socketpair"); return 1; }
      rd[i] = sv[0];
      wr[i] = sv[1];
    } else {
      rd[i] = socket(AF_UNIX, SOCK_DGRAM, 0);
      socklen_t len;
      sockaddr_un a = abstract_addr(i, &len);
      if (rd[i] < 0 || bind(rd[i], reinterpret_cast<sockaddr*>(&a), len) != 0) {
        std::perror("bind");
        return 1;
      }
    }
  }

  std::atomic<int> entered{0}, exact{0}, wrong{0};
  gort::wait_group wg;
  wg.add(n);
  for (int i = 0; i < n; ++i)
    gort::go([&, i] {
      char want[32], got[64];
      int len = std::snprintf(want, sizeof want, "msg-%d", i);
      ++entered;
      ssize_t r = read(rd[i], got, sizeof got);
      if (r == len && std::memcmp(got, want, std::size_t(len)) == 0) ++exact; else ++wrong;
      wg.done();
    });
  while (entered.load() < n) gort::yield();
  // Every reader is in read() or about to be: give them time to park.
  int max_threads = 0;
  for (int k = 0; k < 20; ++k) {
    gort::sleep_for(std::chrono::milliseconds(5));
    int t = os_threads();
    if (t > max_threads) max_threads = t;
  }
  std::printf("all blocked: %s\n", exact.load() + wrong.load() == 0 ? "yes" : "no");
  std::printf("threads within MAXPROCS+4 while blocked: %s\n",
              max_threads <= maxprocs + 4 ? "yes" : "no");
  std::fflush(stdout);
  for (int i = 0; i < n; ++i) {
    char msg[32];
    int len = std::snprintf(msg, sizeof msg, "msg-%d", i);
    if (pairs) {
      if (write(wr[i], msg, std::size_t(len)) != len) std::abort();
    } else {
      socklen_t alen;
      sockaddr_un a = abstract_addr(i, &alen);
      if (sendto(sender, msg, std::size_t(len), 0, reinterpret_cast<sockaddr*>(&a), alen) != len) {
        std::perror("sendto");
        std::abort();
      }
    }
  }
  wg.wait();
  int after = os_threads();
  std::printf("exact bytes once: %s\n", exact.load() == n && wrong.load() == 0 ? "yes" : "no");
  std::printf("threads within MAXPROCS+4 after: %s\n", after <= maxprocs + 4 ? "yes" : "no");
  std::fprintf(stderr, "threads: max while blocked %d, after %d (maxprocs %d)\n", max_threads,
               after, maxprocs);
}
