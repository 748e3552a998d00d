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

// Calls fn for every fd the table manages now (desc.cpp; fork and spawn
// are rare, the walk is over the allocated chunks only).
void for_each_managed(void (*fn)(fd_desc* d, int fd));

}  // namespace gort::rt::netpoll
