// Helpers for the run checks: a spawned function calls record() with what it
// received; main prints, after joining, what each call got and whether it
// ran on a goroutine other than main's.
#pragma once
#include <gort/gort.hpp>

#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <type_traits>

namespace check {
inline gort::wait_group wg;
inline std::uint64_t main_id;
inline std::string slots[16];

// std::to_string, except for floating point: libstdc++ formats a double
// through a C variadic function, which -fsplit-stack cannot compile.
template <class T> std::string str(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    std::ostringstream os;
    os << std::fixed << v;
    return os.str();
  } else {
    return std::to_string(v);
  }
}

inline void start(int calls) {
  main_id = gort::goroutine_id();
  wg.add(calls);
}
inline void record(int slot, const std::string &got) {
  bool other = gort::goroutine_id() != main_id;
  slots[slot] = got + (other ? " [other goroutine]" : " [SAME goroutine]");
  wg.done();
}
inline void finish(int calls) {
  wg.wait();
  for (int i = 0; i < calls; ++i)
    std::printf("%d: %s\n", i, slots[i].c_str());
}
} // namespace check
