// TCP on 127.0.0.1 for the netpoll tests that talk to themselves: a
// listener on a port the kernel chooses, and the address of any loopback
// port. The tests' twin of bench/common/loopback.hpp, plus what the tests
// vary: the backlog (listen_backlog checks what the kernel makes of it) and
// the socket's type flags (SOCK_NONBLOCK). No gort dependency: socket, bind
// and listen are the program's own calls, so the runtime's wrappers (or a
// program's own listen(), user_defined_listen.cpp) see them as before.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

// 127.0.0.1:port; port 0 asks bind for a port the kernel chooses.
inline sockaddr_in loopback_addr(int port = 0) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(std::uint16_t(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

// A socket(AF_INET, SOCK_STREAM | type_flags) listening on 127.0.0.1 with
// `backlog`; its address, with the port the kernel chose, in *addr. -1 if a
// step fails (errno says which way).
inline int loopback_listener(sockaddr_in* addr, int backlog, int type_flags = 0) {
  int ls = socket(AF_INET, SOCK_STREAM | type_flags, 0);
  if (ls < 0) return -1;
  *addr = loopback_addr();
  socklen_t len = sizeof *addr;
  if (bind(ls, reinterpret_cast<sockaddr*>(addr), sizeof *addr) != 0 ||
      listen(ls, backlog) != 0 ||
      getsockname(ls, reinterpret_cast<sockaddr*>(addr), &len) != 0) {
    int e = errno;
    close(ls);
    errno = e;
    return -1;
  }
  return ls;
}
