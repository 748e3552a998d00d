// Reading GORT_* environment variables.
#pragma once

#include <cstdint>

namespace gort::rt {

// Integer value of `name`, or `fallback` if unset or malformed.
std::int64_t env_int(const char* name, std::int64_t fallback);

// Byte size of `name` with an optional K, M or G suffix (powers of 1024),
// or `fallback` if unset or malformed.
std::int64_t env_bytes(const char* name, std::int64_t fallback);

}  // namespace gort::rt
