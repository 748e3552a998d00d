// select: Go's select statement (docs/guide.md, "Channels and select").
//
// clang-format off
//   std::size_t i = gort::select(
//       gort::case_recv(c1, [](std::optional<int> v) { ... }),  // case v, ok := <-c1:
//       gort::case_send(c2, 7, [] { ... }),                      // case c2 <- 7:
//       gort::case_recv(gort::after(100ms)),                     // case <-time.After(100ms):
//       gort::case_default([] { ... }));                         // default:
// clang-format on
//
// Blocks until one case can proceed, picks uniformly at random among ready
// cases, runs that case's handler (after every channel lock is released)
// and returns its index. As in Go, channels and send values are evaluated
// once, when the cases are built; a send value that is not taken is
// discarded with its case. Cases on a nil channel never fire;
// gort::select() with no cases blocks forever.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <gort/chan.hpp>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

namespace gort {
namespace detail {

// One send or receive case, type-erased for the runtime (Go's scase).
struct select_case {
  chan_shared* c;  // null: nil channel, never ready
  void* elem;      // send: the value (moved from if taken); recv: raw storage
  bool send;
};

// Go's selectgo (runtime/src/chan/select.cpp). `order` is scratch space for
// 2*n indices. block=false (there is a default): returns -1 if no case is
// ready. Otherwise returns the index of the case taken; for a receive,
// *received is true for a value, false for a closed channel. Throws
// panic_error for a send case whose channel is closed.
std::ptrdiff_t select_impl(select_case* cases, std::uint16_t* order,
                           std::size_t n, bool block, bool* received);
[[noreturn]] void select_block_forever();

struct no_handler {};

template <class T, class H>
class recv_case {
 public:
  static constexpr bool is_default = false;
  recv_case(chan<T> ch, H h) : ch_(std::move(ch)), handler_(std::move(h)) {}

  select_case erase() noexcept {
    return {chan_access::core(ch_), slot_.raw(), false};
  }
  void finish(bool received) {
    std::optional<T> v = received ? slot_.take() : std::optional<T>();
    if constexpr (std::is_same_v<H, no_handler>) {
      // no handler: the value is dropped
    } else if constexpr (std::is_invocable_v<H, std::optional<T>>) {
      std::invoke(std::move(handler_), std::move(v));
    } else {
      std::invoke(std::move(handler_));
    }
  }

 private:
  chan<T> ch_;
  H handler_;
  elem_slot<T> slot_;
};

template <class T, class H>
class send_case {
 public:
  static constexpr bool is_default = false;
  template <class V>
  send_case(chan<T> ch, V&& v, H h)
      : ch_(std::move(ch)),
        value_(std::forward<V>(v)),
        handler_(std::move(h)) {}

  select_case erase() noexcept {
    return {chan_access::core(ch_), std::addressof(value_), true};
  }
  void finish(bool) {
    if constexpr (!std::is_same_v<H, no_handler>)
      std::invoke(std::move(handler_));
  }

 private:
  chan<T> ch_;
  T value_;
  H handler_;
};

template <class H>
class default_case {
 public:
  static constexpr bool is_default = true;
  explicit default_case(H h) : handler_(std::move(h)) {}
  void finish(bool) {
    if constexpr (!std::is_same_v<H, no_handler>)
      std::invoke(std::move(handler_));
  }

 private:
  H handler_;
};

template <class C>
inline constexpr bool is_select_case_v = false;
template <class T, class H>
inline constexpr bool is_select_case_v<recv_case<T, H>> = true;
template <class T, class H>
inline constexpr bool is_select_case_v<send_case<T, H>> = true;
template <class H>
inline constexpr bool is_select_case_v<default_case<H>> = true;

}  // namespace detail

// case v, ok := <-ch: the handler takes std::optional<T> (nullopt: closed)
// or nothing.
template <class T>
detail::recv_case<T, detail::no_handler> case_recv(chan<T> ch) {
  return {std::move(ch), {}};
}
template <class T, class H>
detail::recv_case<T, std::decay_t<H>> case_recv(chan<T> ch, H&& handler) {
  static_assert(std::is_invocable_v<std::decay_t<H>, std::optional<T>> ||
                    std::is_invocable_v<std::decay_t<H>>,
                "gort::case_recv: the handler must take std::optional<T> "
                "(nullopt: channel closed) or nothing");
  return {std::move(ch), std::forward<H>(handler)};
}

// case ch <- value: the value is moved (or copied) into the case now.
template <class T, class V>
requires std::is_constructible_v<T, V&&>
    detail::send_case<T, detail::no_handler> case_send(chan<T> ch, V&& value) {
  return {std::move(ch), std::forward<V>(value), {}};
}
template <class T, class V, class H>
requires std::is_constructible_v<T, V&&> detail::send_case<T, std::decay_t<H>>
case_send(chan<T> ch, V&& value, H&& handler) {
  static_assert(std::is_invocable_v<std::decay_t<H>>,
                "gort::case_send: the handler takes no arguments");
  return {std::move(ch), std::forward<V>(value), std::forward<H>(handler)};
}

// default: makes the select non-blocking.
inline detail::default_case<detail::no_handler> case_default() {
  return detail::default_case<detail::no_handler>{{}};
}
template <class H>
detail::default_case<std::decay_t<H>> case_default(H&& handler) {
  static_assert(std::is_invocable_v<std::decay_t<H>>,
                "gort::case_default: the handler takes no arguments");
  return detail::default_case<std::decay_t<H>>{std::forward<H>(handler)};
}

// Go's select. Returns the index of the case taken (its position in the
// argument list). With no cases, blocks forever.
template <class... Cases>
std::size_t select(Cases&&... cases) {
  static_assert((detail::is_select_case_v<std::remove_cvref_t<Cases>> && ...),
                "gort::select: every argument must be a gort::case_recv, "
                "gort::case_send or gort::case_default");
  constexpr std::size_t n = sizeof...(Cases);
  if constexpr (n == 0) {
    detail::select_block_forever();
  } else {
    constexpr std::size_t ndefault =
        (std::size_t{0} + ... +
         (std::remove_cvref_t<Cases>::is_default ? 1 : 0));
    static_assert(ndefault <= 1, "gort::select: at most one case_default");
    constexpr std::size_t nchan = n - ndefault;

    // Map channel-case k to its argument position, and find the default.
    constexpr auto positions = [] {
      constexpr std::array<bool, n> is_default{
          std::remove_cvref_t<Cases>::is_default...};
      std::array<std::size_t, nchan + 1> pos{};  // pos[nchan]: the default
      std::size_t k = 0;
      pos[nchan] = n;
      for (std::size_t i = 0; i < n; ++i) {
        if (is_default[i])
          pos[nchan] = i;
        else
          pos[k++] = i;
      }
      return pos;
    }();

    std::array<detail::select_case, nchan == 0 ? 1 : nchan> erased{};
    {
      std::size_t k = 0;
      auto add = [&](auto& c) {
        if constexpr (!std::remove_cvref_t<decltype(c)>::is_default)
          erased[k++] = c.erase();
      };
      (add(cases), ...);
    }
    std::array<std::uint16_t, 2 * (nchan == 0 ? 1 : nchan)> order;  // scratch
    bool received = false;
    std::size_t chosen;
    if constexpr (nchan == 0) {
      chosen = positions[nchan];  // only a default
    } else {
      std::ptrdiff_t k = detail::select_impl(erased.data(), order.data(), nchan,
                                             ndefault == 0, &received);
      chosen =
          k < 0 ? positions[nchan] : positions[static_cast<std::size_t>(k)];
    }

    // Run the chosen case's handler (after the runtime released all locks).
    std::size_t i = 0;
    auto finish = [&](auto& c) {
      if (i++ == chosen) c.finish(received);
    };
    (finish(cases), ...);
    return chosen;
  }
}

}  // namespace gort
