// gort::goroutine_local<T>: per-goroutine storage, what thread_local is for
// threads. A goroutine may move to another OS thread at any blocking call,
// so a thread_local read before and after `ch.recv()` may be two different
// variables; a goroutine_local is the same one for the goroutine's whole
// life. See docs/guide.md ("thread_local and goroutine_local").
//
//   gort::goroutine_local<int> depth;          // each goroutine: its own int
//   gort::go([&] { ++*depth; ch.recv(); assert(*depth == 1); });
//
// Each goroutine's value is created on its first access (value-initialised,
// or copied from the initial value given to the constructor) and destroyed
// when the goroutine returns. On a plain OS thread (not a goroutine) the
// value is per thread and destroyed when the thread exits. Access costs a
// call into the runtime and an indexed load. Values of a goroutine_local
// that is itself destroyed stay alive until their goroutine ends.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>

namespace gort {

namespace detail {
// The runtime's side (runtime/src/scheduler/goroutine_local.cpp): a table
// of slots per goroutine (or plain thread), indexed by key.
std::size_t goroutine_local_new_key() noexcept;
// The current goroutine's (or thread's) value for key, or null.
void* goroutine_local_get(std::size_t key) noexcept;
// Stores value for key; destroy(value) runs when the goroutine ends.
void goroutine_local_set(std::size_t key, void* value, void (*destroy)(void*));
}  // namespace detail

template <class T>
class goroutine_local {
 public:
  goroutine_local() : key_(detail::goroutine_local_new_key()) {}
  explicit goroutine_local(T initial)
      : key_(detail::goroutine_local_new_key()), initial_(std::move(initial)) {}
  goroutine_local(const goroutine_local&) = delete;
  goroutine_local& operator=(const goroutine_local&) = delete;

  // The calling goroutine's value, created on first access.
  T& get() {
    if (void* v = detail::goroutine_local_get(key_)) return *static_cast<T*>(v);
    T* v = initial_ ? new T(*initial_) : new T();
    detail::goroutine_local_set(key_, v, [](void* p) { delete static_cast<T*>(p); });
    return *v;
  }
  T& operator*() { return get(); }
  T* operator->() { return &get(); }

 private:
  std::size_t key_;
  std::optional<T> initial_;
};

}  // namespace gort
