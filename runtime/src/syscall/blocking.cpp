// gort::blocking: entersyscallblock + exitsyscall around the user's call.
#include <gort/blocking.hpp>

#include "syscall/syscall.hpp"

namespace gort::detail {

blocking_scope::blocking_scope() : active(rt::enter_syscall(true)) {}

blocking_scope::~blocking_scope() {
  if (active) rt::leave_syscall();
}

}  // namespace gort::detail
