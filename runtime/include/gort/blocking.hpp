// gort::blocking(f, args...): runs f(args...) as a blocking system call.
// The calling goroutine's processor is handed to another thread at once,
// so other goroutines keep running while f blocks; the goroutine takes a
// processor back when f returns. Use it around blocking code that gort
// cannot see (a third-party client library, a futex wait, libc-internal
// I/O). Returns f's result and propagates its exceptions; errno is kept.
// On a plain thread it is just the call.
#pragma once

#include <functional>
#include <utility>

namespace gort {
namespace detail {

struct blocking_scope {
  blocking_scope();
  ~blocking_scope();
  blocking_scope(const blocking_scope&) = delete;
  blocking_scope& operator=(const blocking_scope&) = delete;
  bool active;
};

}  // namespace detail

template <class F, class... Args>
decltype(auto) blocking(F&& f, Args&&... args) {
  detail::blocking_scope scope;
  return std::invoke(std::forward<F>(f), std::forward<Args>(args)...);
}

}  // namespace gort
