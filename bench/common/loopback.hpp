// A TCP listener on 127.0.0.1 with a kernel-chosen port, for the server
// workloads (tcp_echo, idle_conns). Header-only, no gort dependency.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bench {

// Returns the listening fd and its address in *addr, or -1.
inline int loopback_listener(sockaddr_in* addr, int backlog = 4096) {
  int ls = socket(AF_INET, SOCK_STREAM, 0);
  if (ls < 0) return -1;
  *addr = sockaddr_in{};
  addr->sin_family = AF_INET;
  addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t alen = sizeof *addr;
  if (bind(ls, reinterpret_cast<sockaddr*>(addr), sizeof *addr) != 0 ||
      listen(ls, backlog) != 0 ||
      getsockname(ls, reinterpret_cast<sockaddr*>(addr), &alen) != 0) {
    close(ls);
    return -1;
  }
  return ls;
}

}  // namespace bench
