#include "base/env.hpp"

#include <cstdlib>

namespace gort::rt {

std::int64_t env_int(const char* name, std::int64_t fallback) {
  const char* s = std::getenv(name);
  if (!s || !*s) return fallback;
  char* end;
  long long v = std::strtoll(s, &end, 10);
  return *end ? fallback : v;
}

std::int64_t env_bytes(const char* name, std::int64_t fallback) {
  const char* s = std::getenv(name);
  if (!s || !*s) return fallback;
  char* end;
  long long v = std::strtoll(s, &end, 10);
  if (v <= 0) return fallback;
  switch (*end) {
    case 'k': case 'K': v <<= 10; ++end; break;
    case 'm': case 'M': v <<= 20; ++end; break;
    case 'g': case 'G': v <<= 30; ++end; break;
    default: break;
  }
  if (*end == 'B' || *end == 'b') ++end;
  return *end ? fallback : v;
}

}  // namespace gort::rt
