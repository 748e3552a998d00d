#include "base/env.hpp"

#include <errno.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace gort::rt {

namespace {

// GORT_DEBUG settings the runtime knows (add new ones here).
constexpr const char* kDebugSettings[] = {"schedtrace", "preemptoff", "preemptevery",
                                             "netpoll", "sysmonnetpoll"};

void report(const char* name, const char* value, const char* problem,
            std::int64_t used, const char* unit = "") {
  std::fprintf(stderr, "gort: %s=%s: %s; using %lld%s\n", name, value, problem,
               (long long)used, unit);
}

enum class parse { ok, malformed, range };

// Decimal integer (optionally a size with K/M/G[B]) in the whole string.
parse parse_int(const char* s, bool size, std::int64_t* out) {
  errno = 0;
  char* end;
  long long v = std::strtoll(s, &end, 10);
  if (end == s) return parse::malformed;
  bool overflow = errno == ERANGE;
  if (size) {
    int shift = 0;
    switch (*end) {
      case 'k': case 'K': shift = 10; ++end; break;
      case 'm': case 'M': shift = 20; ++end; break;
      case 'g': case 'G': shift = 30; ++end; break;
      default: break;
    }
    if (*end == 'B' || *end == 'b') ++end;
    if (*end) return parse::malformed;
    if (shift && !overflow) {
      if (v > (INT64_MAX >> shift) || v < (INT64_MIN >> shift))
        overflow = true;
      else
        v *= std::int64_t(1) << shift;
    }
  } else if (*end) {
    return parse::malformed;
  }
  *out = v;
  return overflow ? parse::range : parse::ok;
}

std::int64_t checked(const char* name, const char* s, bool size,
                     std::int64_t fallback, std::int64_t lo, std::int64_t hi) {
  std::int64_t v = 0;
  const char* unit = size ? " bytes" : "";
  switch (parse_int(s, size, &v)) {
    case parse::malformed:
      report(name, s, size ? "not a size (a number, optionally K, M or G)"
                           : "not a number",
             fallback, unit);
      return fallback;
    case parse::range:
      v = s[0] == '-' ? INT64_MIN : INT64_MAX;
      break;
    case parse::ok:
      break;
  }
  if (v >= lo && v <= hi) return v;
  char why[96];
  std::snprintf(why, sizeof why, "out of range [%lld, %lld]", (long long)lo,
                (long long)hi);
  std::int64_t used = v < lo ? fallback : hi;
  report(name, s, why, used, unit);
  return used;
}

}  // namespace

std::int64_t env_int(const char* name, std::int64_t fallback, std::int64_t lo,
                     std::int64_t hi) {
  const char* s = std::getenv(name);
  if (!s || !*s) return fallback;
  return checked(name, s, false, fallback, lo, hi);
}

std::int64_t env_bytes(const char* name, std::int64_t fallback, std::int64_t lo,
                       std::int64_t hi) {
  const char* s = std::getenv(name);
  if (!s || !*s) return fallback;
  return checked(name, s, true, fallback, lo, hi);
}

std::int64_t debug_setting(const char* name, std::int64_t lo, std::int64_t hi,
                           std::int64_t fallback) {
  const char* env = std::getenv("GORT_DEBUG");
  if (!env) return fallback;
  static std::once_flag validated;
  std::call_once(validated, [env] {
    for (const char* p = env; *p;) {
      const char* comma = std::strchr(p, ',');
      std::size_t len = comma ? std::size_t(comma - p) : std::strlen(p);
      const char* eq = static_cast<const char*>(std::memchr(p, '=', len));
      bool known = false;
      if (eq && eq != p)
        for (const char* k : kDebugSettings)
          known |= std::strlen(k) == std::size_t(eq - p) &&
                   std::strncmp(k, p, std::size_t(eq - p)) == 0;
      if (len && (!eq || eq == p || !known))
        std::fprintf(stderr, "gort: GORT_DEBUG=%s: %s '%.*s'; ignoring it\n", env,
                     !eq || eq == p ? "malformed entry (want name=value)"
                                    : "unknown setting",
                     int(len), p);
      if (!comma) break;
      p = comma + 1;
    }
  });
  std::size_t len = std::strlen(name);
  for (const char* p = env; *p;) {
    const char* comma = std::strchr(p, ',');
    if (std::strncmp(p, name, len) == 0 && p[len] == '=') {
      std::size_t vlen = comma ? std::size_t(comma - (p + len + 1))
                               : std::strlen(p + len + 1);
      char value[64];
      char label[96];
      std::snprintf(value, sizeof value, "%.*s", int(vlen), p + len + 1);
      std::snprintf(label, sizeof label, "GORT_DEBUG=%s", name);
      if (!*value) {
        report(label, value, "not a number", fallback);
        return fallback;
      }
      return checked(label, value, false, fallback, lo, hi);
    }
    if (!comma) break;
    p = comma + 1;
  }
  return fallback;
}

}  // namespace gort::rt
