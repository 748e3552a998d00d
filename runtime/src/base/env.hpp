// Reading GORT_* environment variables. A value that cannot be used as
// given (not a number, out of range, an unknown suffix, a malformed
// GORT_DEBUG entry) is reported with one line on stderr naming the
// variable, its value and what is used instead:
//   gort: GORT_MAXPROCS=abc: not a number; using 2
// Go ignores bad values silently; we say so once (docs/guide.md,
// "Environment"). Each variable is read once, so each line appears once.
#pragma once

#include <cstdint>

namespace gort::rt {

// Integer value of `name` in [lo, hi]. Unset or empty: `fallback`, silently.
// Malformed or below lo: `fallback`. Above hi (or too big for int64): hi.
std::int64_t env_int(const char* name, std::int64_t fallback, std::int64_t lo,
                     std::int64_t hi);

// Byte size of `name` with an optional K, M or G suffix (powers of 1024)
// and an optional B, in [lo, hi]; as env_int otherwise.
std::int64_t env_bytes(const char* name, std::int64_t fallback, std::int64_t lo,
                       std::int64_t hi);

// GORT_DEBUG is name=value[,name=value...] (like GODEBUG). The integer
// value of setting `name` in [lo, hi] (as env_int), or `fallback` if
// absent or malformed. The first call also reports malformed entries and
// unknown names.
std::int64_t debug_setting(const char* name, std::int64_t lo, std::int64_t hi,
                           std::int64_t fallback = 0);

}  // namespace gort::rt
