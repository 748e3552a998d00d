// Channels: Go's chan T for C++ (docs/guide.md, "Channels and select").
//
// clang-format off
//   auto c = gort::make_chan<int>();      // c := make(chan int)
//   auto b = gort::make_chan<int>(8);     // b := make(chan int, 8)
//   c.send(42);                           // c <- 42
//   std::optional<int> v = c.recv();      // v, ok := <-c   (nullopt: !ok)
//   c.close();                            // close(c)
//   for (int x : c) { ... }               // for x := range c
// clang-format on
//
// A gort::chan<T> is a handle: copies share one channel (a reference count
// keeps it alive), a default-constructed handle is the nil channel. The
// template code here is deliberately thin: it describes T to a type-erased
// core (element size, move, destroy) that lives in runtime/src/chan/ and
// implements Go's hchan (see docs/design/channels.md).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <gort/detail/duration.hpp>
#include <gort/panic.hpp>
#include <iterator>
#include <new>
#include <optional>
#include <type_traits>
#include <utility>

namespace gort {

template <class T>
class chan;

namespace detail {

// How the type-erased core moves and destroys elements of one type T.
struct chan_elem_ops {
  std::size_t size;
  std::size_t align;
  // Move-constructs the T at src into raw storage at dst (src stays a
  // valid, moved-from T). Null when T is trivially copyable: memcpy.
  void (*move)(void* dst, void* src) noexcept;
  // Destroys the T at p. Null when T is trivially destructible.
  void (*destroy)(void* p) noexcept;
};

// A throwing move constructor cannot be unwound from inside the channel's
// critical section, so it ends the process (noexcept -> std::terminate).
template <class T>
void chan_move_elem(void* dst, void* src) noexcept {
  ::new (dst) T(std::move(*static_cast<T*>(src)));
}
template <class T>
void chan_destroy_elem(void* p) noexcept {
  static_cast<T*>(p)->~T();
}

template <class T>
inline constexpr chan_elem_ops chan_elem_ops_for{
    sizeof(T), alignof(T),
    std::is_trivially_copyable_v<T> ? nullptr : &chan_move_elem<T>,
    std::is_trivially_destructible_v<T> ? nullptr : &chan_destroy_elem<T>};

// The part of a channel that inline code reads without calling the
// runtime. The runtime's chan_core derives from it.
struct chan_shared {
  std::atomic<std::size_t> refs{1};
  std::size_t cap = 0;                // buffer capacity (dataqsiz)
  std::atomic<std::size_t> count{0};  // elements in the buffer (qcount)
};

enum class recv_status : unsigned char { would_block, value, closed };

// The runtime core (runtime/src/chan/chan.cpp). A null chan_shared* is the
// nil channel everywhere.
chan_shared* chan_make(const chan_elem_ops* ops, std::size_t cap);
void chan_free(chan_shared* c) noexcept;
// Sends the T at src (moving from it if the send happens). block=false:
// returns false instead of blocking. Throws panic_error if c is closed.
bool chan_send(chan_shared* c, void* src, bool block);
// Receives into raw storage at dst (a T is constructed there only when the
// result is recv_status::value).
recv_status chan_recv(chan_shared* c, void* dst, bool block);
void chan_close(chan_shared* c);
// Arms a runtime timer that sends now_ns() into c (capacity >= 1) once,
// delay_ns from now; the timer holds its own reference to c.
void chan_send_time_after(chan_shared* c, std::int64_t delay_ns);

inline void chan_retain(chan_shared* c) noexcept {
  if (c) c->refs.fetch_add(1, std::memory_order_relaxed);
}
inline void chan_release(chan_shared* c) noexcept {
  if (c && c->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) chan_free(c);
}

// Raw, suitably aligned storage for one T that the core may construct into.
template <class T>
struct elem_slot {
  alignas(T) unsigned char bytes[sizeof(T)];
  void* raw() noexcept { return bytes; }
  // Moves the constructed T out into an optional and destroys it.
  std::optional<T> take() {
    T* p = std::launder(reinterpret_cast<T*>(bytes));
    struct destroy_after {
      T* p;
      ~destroy_after() { p->~T(); }
    } guard{p};
    return std::optional<T>(std::move(*p));
  }
};

struct chan_access {
  template <class T>
  static chan_shared* core(const chan<T>& c) noexcept {
    return c.c_;
  }
};

}  // namespace detail

// A channel handle (Go's chan T). Copying shares the channel; the channel is
// freed with its last handle (and after any timer feeding it has fired).
template <class T>
class chan {
  static_assert(std::is_object_v<T> && !std::is_const_v<T> &&
                    !std::is_volatile_v<T> && !std::is_array_v<T>,
                "gort::chan<T>: T must be a non-const, non-array object type");
  static_assert(std::is_move_constructible_v<T> && std::is_destructible_v<T>,
                "gort::chan<T>: T must be move constructible and destructible");

 public:
  using value_type = T;

  // The nil channel: send and recv block forever, close panics.
  chan() noexcept = default;
  chan(std::nullptr_t) noexcept {}
  chan(const chan& o) noexcept : c_(o.c_) { detail::chan_retain(c_); }
  chan(chan&& o) noexcept : c_(std::exchange(o.c_, nullptr)) {}
  chan& operator=(const chan& o) noexcept {
    detail::chan_retain(o.c_);
    detail::chan_release(std::exchange(c_, o.c_));
    return *this;
  }
  chan& operator=(chan&& o) noexcept {
    if (this != &o)
      detail::chan_release(std::exchange(c_, std::exchange(o.c_, nullptr)));
    return *this;
  }
  ~chan() { detail::chan_release(c_); }

  // c <- v. Blocks until a receiver takes the value or buffer space is free.
  // Throws gort::panic_error("send on closed channel").
  void send(T&& v) const { detail::chan_send(c_, std::addressof(v), true); }
  void send(const T& v) const requires std::is_copy_constructible_v<T> {
    if constexpr (std::is_trivially_copyable_v<T>) {
      // The core only memcpy's from trivially copyable values.
      detail::chan_send(c_, const_cast<T*>(std::addressof(v)), true);
    } else {
      T copy(v);
      detail::chan_send(c_, std::addressof(copy), true);
    }
  }

  // v, ok := <-c. nullopt once the channel is closed and drained.
  std::optional<T> recv() const {
    detail::elem_slot<T> slot;
    if (detail::chan_recv(c_, slot.raw(), true) != detail::recv_status::value)
      return std::nullopt;
    return slot.take();
  }

  // close(c). Throws gort::panic_error("close of closed channel") or
  // ("close of nil channel").
  void close() const { detail::chan_close(c_); }

  // len(c), cap(c); 0 for the nil channel.
  std::size_t size() const noexcept {
    return c_ ? c_->count.load(std::memory_order_relaxed) : 0;
  }
  std::size_t capacity() const noexcept { return c_ ? c_->cap : 0; }

  explicit operator bool() const noexcept { return c_ != nullptr; }
  friend bool operator==(const chan& a, const chan& b) noexcept {
    return a.c_ == b.c_;
  }
  friend bool operator==(const chan& a, std::nullptr_t) noexcept {
    return a.c_ == nullptr;
  }

  // for (T v : c) receives until the channel is closed and drained; each
  // element is moved out (so move-only T works).
  class iterator {
   public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using iterator_concept = std::input_iterator_tag;

    iterator(iterator&& o) noexcept(std::is_nothrow_move_constructible_v<T>)
        : c_(o.c_), has_(o.has_) {
      if (has_) ::new (slot_.raw()) T(std::move(*o.get()));
    }
    iterator& operator=(iterator&& o) noexcept(
        std::is_nothrow_move_constructible_v<T>) {
      if (this != &o) {
        reset();
        c_ = o.c_;
        if (o.has_) ::new (slot_.raw()) T(std::move(*o.get()));
        has_ = o.has_;
      }
      return *this;
    }
    ~iterator() { reset(); }

    // The received element, moved out (read each element once).
    T operator*() const { return std::move(*get()); }
    iterator& operator++() {
      reset();
      has_ = detail::chan_recv(c_, slot_.raw(), true) ==
             detail::recv_status::value;
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& it,
                           std::default_sentinel_t) noexcept {
      return !it.has_;
    }

   private:
    friend class chan;
    explicit iterator(detail::chan_shared* c) : c_(c) { ++*this; }
    T* get() const noexcept {
      return std::launder(reinterpret_cast<T*>(slot_.raw()));
    }
    void reset() noexcept {
      if (has_) get()->~T();
      has_ = false;
    }

    detail::chan_shared* c_;  // the range's handle keeps the channel alive
    bool has_ = false;
    mutable detail::elem_slot<T> slot_;  // operator* moves out of it
  };
  iterator begin() const { return iterator(c_); }
  std::default_sentinel_t end() const noexcept { return {}; }

 private:
  friend struct detail::chan_access;
  template <class U>
  friend chan<U> make_chan(std::size_t);
  explicit chan(detail::chan_shared* c) noexcept : c_(c) {}

  detail::chan_shared* c_ = nullptr;
};

// make(chan T, capacity). Works during static initialisation.
template <class T>
chan<T> make_chan(std::size_t capacity = 0) {
  return chan<T>(detail::chan_make(&detail::chan_elem_ops_for<T>, capacity));
}

// time.After(d): a channel of capacity 1 that receives the steady_clock time
// once, d from now (a runtime timer; no thread per call).
template <class Rep, class Period>
chan<std::chrono::steady_clock::time_point> after(
    const std::chrono::duration<Rep, Period>& d) {
  using namespace std::chrono;
  auto c = make_chan<steady_clock::time_point>(1);
  detail::chan_send_time_after(detail::chan_access::core(c), detail::saturating_ns(d));
  return c;
}

}  // namespace gort
