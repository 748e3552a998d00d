// netpoll internals: the epoll instance and GORT_DEBUG (netpoll/ only).
#pragma once

#include <cstdint>

#include "netpoll/netpoll.hpp"

namespace gort::rt::netpoll {

// Registers fd (edge-triggered, both directions) with its seq in the
// event data. False if epoll refuses it (a regular file, a directory).
bool epoll_add(int fd, std::uint32_t seq);
// Drops fd's registration (errors ignored: it may be closed already).
void epoll_remove(int fd);

// The descriptor for an event's fd, or null (desc.cpp).
fd_desc* desc_for_event(int fd);

}  // namespace gort::rt::netpoll
