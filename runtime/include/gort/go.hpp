// gort::go — the library form of the go statement.
//
// `gort::go(f, a, b)` has exactly the semantics of `std::thread(f, a, b)`,
// except that the call runs in a new goroutine and nothing is joined: f and
// each argument are decay-copied (moved from when they are rvalues) in the
// caller, the callee receives them as rvalues, and its result is discarded.
// The [[go]] attribute of the Clang plugin lowers to this function.
#pragma once

#include <functional>
#include <tuple>
#include <type_traits>
#include <utility>

namespace gort {
namespace detail {

// A spawned call, type-erased. The runtime runs `invoke` once on the new
// goroutine's stack; `invoke` also destroys and frees the closure.
struct closure_base {
  void (*invoke)(closure_base* self);
};

// Queues a new goroutine that will run `c`. Never blocks. Takes ownership.
void spawn(closure_base* c);

template <class F, class... Args>
struct closure final : closure_base {
  std::tuple<F, Args...> call;

  template <class F2, class... A2>
  explicit closure(F2&& f, A2&&... a)
      : closure_base{&run}, call(std::forward<F2>(f), std::forward<A2>(a)...) {}

  static void run(closure_base* self) {
    auto* c = static_cast<closure*>(self);
    // The closure is freed even if the call throws: an escaping exception
    // ends the process (a panic), but destructors of the captured values
    // must not leak into a catch in a test harness either way.
    struct deleter {
      closure* c;
      ~deleter() { delete c; }
    } guard{c};
    // The result is discarded (as by std::thread); the cast keeps a
    // [[nodiscard]] callee from warning here, in every instantiation.
    std::apply(
        [](auto&&... v) { static_cast<void>(std::invoke(std::move(v)...)); },
        c->call);
  }
};

}  // namespace detail

template <class F, class... Args>
void go(F&& f, Args&&... args) {
  constexpr bool function_ok = std::is_constructible_v<std::decay_t<F>, F>;
  constexpr bool arguments_ok =
      (std::is_constructible_v<std::decay_t<Args>, Args> && ...);
  constexpr bool callable =
      std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>;
  static_assert(function_ok,
                "gort::go: the function object must be copyable or movable "
                "into the goroutine");
  static_assert(arguments_ok,
                "gort::go: every argument is copied (or moved) into the "
                "goroutine; this argument type is neither copyable nor "
                "movable — pass a pointer, or std::ref to share it");
  static_assert(callable,
                "gort::go: the function cannot be called with the copied "
                "arguments as rvalues (decay-copied: an array or string "
                "literal becomes a pointer); a non-const lvalue reference "
                "parameter needs std::ref(x) or a pointer");
  // Only when the checks hold, so a failed one is the only error shown.
  if constexpr (function_ok && arguments_ok && callable)
    detail::spawn(new detail::closure<std::decay_t<F>, std::decay_t<Args>...>(
        std::forward<F>(f), std::forward<Args>(args)...));
}

}  // namespace gort
