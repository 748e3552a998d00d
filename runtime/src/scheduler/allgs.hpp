// Every G ever created (G structs are recycled, never freed), for goroutine
// dumps and the deadlock check — Go's allgs.
#pragma once

#include <cstddef>

namespace gort::rt {

struct G;

void allgs_add(G* g);
// Calls f(g) for each G; the list only grows, so this is safe without a
// lock while others add (it sees a prefix).
template <class F>
void allgs_for_each(F&& f);

std::size_t allgs_count();
G* allgs_at(std::size_t i);

template <class F>
void allgs_for_each(F&& f) {
  std::size_t n = allgs_count();
  for (std::size_t i = 0; i < n; ++i) f(allgs_at(i));
}

}  // namespace gort::rt
