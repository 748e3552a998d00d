// Calls into libc from a goroutine on a fresh minimal segment get enough
// stack (every segment keeps 32 KiB below its limit for non-split code):
// snprintf("%Lf") needs about 28 KiB, getaddrinfo 6-10 KiB.
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// CHECK: Lf=3.250000 e=1.000000e+300
// CHECK: getaddrinfo=0
// CHECK: done=200
#include <gort/gort.hpp>

#include <netdb.h>
#include <sys/socket.h>

#include <atomic>
#include <cstdio>
#include <cstring>

std::atomic<int> done{0};

void format_once(bool print) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "Lf=%Lf e=%e", 3.25L, 1e300);
  if (print) std::printf("%s\n", buf);
  if (std::strcmp(buf, "Lf=3.250000 e=1.000000e+300") == 0) ++done;
}

int main() {
  gort::wait_group wg;
  wg.add(1);
  gort::go([&] {
    format_once(true);
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    int rc = getaddrinfo("localhost", "80", &hints, &res);
    std::printf("getaddrinfo=%d\n", rc);
    if (res) freeaddrinfo(res);
    wg.done();
  });
  wg.wait();
  wg.add(199);
  for (int i = 0; i < 199; ++i)
    gort::go([&] {
      format_once(false);
      wg.done();
    });
  wg.wait();
  std::printf("done=%d\n", done.load());
}
