// http_hello's load generator (BENCH.md section 9): runs
// `wrk -t2 -c200 -d10s --latency` (Debian package, bootstrap --bench)
// against 127.0.0.1:port and parses its requests/s, the 50% and 99%
// latencies, non-2xx responses and socket errors.
// Header-only; no gort dependency (call it from a plain thread).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace bench {

struct wrk_result {
  bool ok = false;  // wrk ran and printed Requests/sec
  double rps = 0, p50_ms = 0, p99_ms = 0;
  long non2xx = 0, socket_errors = 0;
};

// "812.00us", "1.20ms", "2.00s" -> ms.
inline double wrk_time_ms(const char* s) {
  char* end = nullptr;
  double v = std::strtod(s, &end);
  if (std::strncmp(end, "us", 2) == 0) return v / 1e3;
  if (std::strncmp(end, "ms", 2) == 0) return v;
  if (std::strncmp(end, "m", 1) == 0) return v * 60e3;
  if (*end == 's') return v * 1e3;
  return v;
}

inline wrk_result run_wrk(int port) {
  char cmd[256];
  std::snprintf(cmd, sizeof cmd, "wrk -t2 -c200 -d10s --latency http://127.0.0.1:%d/ 2>&1", port);
  wrk_result r;
  FILE* f = popen(cmd, "r");
  if (!f) return r;
  char line[512];
  while (std::fgets(line, sizeof line, f)) {
    const char* p = line;
    while (*p == ' ' || *p == '\t') ++p;
    if (std::strncmp(p, "Requests/sec:", 13) == 0) {
      r.rps = std::strtod(p + 13, nullptr);
      r.ok = true;
    } else if (std::strncmp(p, "50%", 3) == 0) {
      r.p50_ms = wrk_time_ms(p + 3 + std::strspn(p + 3, " \t"));
    } else if (std::strncmp(p, "99%", 3) == 0) {
      r.p99_ms = wrk_time_ms(p + 3 + std::strspn(p + 3, " \t"));
    } else if (std::strncmp(p, "Non-2xx", 7) == 0) {
      r.non2xx = std::strtol(std::strchr(p, ':') + 1, nullptr, 10);
    } else if (std::strncmp(p, "Socket errors:", 14) == 0) {
      // "Socket errors: connect 0, read 0, write 0, timeout 12"
      for (const char* q = p + 14; *q;) {
        char* end = nullptr;
        long v = std::strtol(q, &end, 10);
        if (end != q) {
          r.socket_errors += v;
          q = end;
        } else {
          ++q;
        }
      }
    }
  }
  if (pclose(f) != 0) r.ok = false;
  return r;
}

}  // namespace bench
