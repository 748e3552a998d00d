// What the gort bench programs share beyond bench/common/bench.hpp.
#pragma once

#include <gort/gort.hpp>
// Channels (docs/guide.md, "Channels and select") live in <gort/chan.hpp>;
// include it directly as well, in case <gort/gort.hpp> does not pull it in. Where neither
// provides gort::chan, a channel bench does not compile and run.sh reports
// "gort: not built" for it.
#if __has_include(<gort/chan.hpp>)
#include <gort/chan.hpp>
#endif

#include <cstdlib>

#include "bench.hpp"

namespace bench {

// The size of a goroutine's first stack segment, in kB, for `stack_kb=`:
// GORT_STACK_MIN when it is set (docs/guide.md, "Stacks").
inline long long gort_stack_kb() {
  long long bytes = parse_size(std::getenv("GORT_STACK_MIN"));
  if (bytes > 0) return bytes / 1024;
  // The runtime's default first segment: one 4 KiB page
  // (docs/design/stacks.md).
  return 4;
}

}  // namespace bench
